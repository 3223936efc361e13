// Workload keys: prompt and output lengths as numbers or distributions, the arrival process
// (`workload.arrival`: closed_loop, poisson, trace) and its shorthand `workload.think_ms`, every
// range and type problem at its own JSON pointer, and the cross-field checks that depend on the
// longest request (KV budget, prefill table coverage). Trace files: config_workload_trace_test.
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/config/arrival_param.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/distribution_param.hpp"
#include "dsdsi/config/parameter_table.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const std::filesystem::path kSourceDir(DSDSI_SOURCE_DIR);

LoadedScenario load(const json& document, const std::vector<std::string>& sets = {}) {
  return load_in(kSourceDir, document, sets);
}

std::vector<std::string> problems_of(const json& document,
                                     const std::vector<std::string>& sets = {}) {
  return problems_in(kSourceDir, document, sets);
}

json with_workload(const json& workload) { return {{"schema_version", 1}, {"workload", workload}}; }

const char* const kDistRequirement =
    "must be an integer >= 1 and <= 1000000 (shorthand for {\"dist\": \"fixed\", \"value\": ...}) "
    "or an object "
    "whose \"dist\" is one of \"fixed\", \"uniform\", \"lognormal\", \"list\"";

TEST(ConfigWorkload, DefaultsAreAClosedLoopWithFixedLengths) {
  const auto loaded = load({{"schema_version", 1}});
  const WorkloadParams& w = loaded.scenario.workload;
  EXPECT_EQ(w.arrival.kind, ArrivalKind::closed_loop);
  EXPECT_EQ(w.arrival.think_ms.kind, DistKind::fixed);
  EXPECT_EQ(w.arrival.think_ms.value, 0);
  EXPECT_EQ(w.prompt.kind, DistKind::fixed);
  EXPECT_EQ(w.prompt.value, 128);
  EXPECT_EQ(w.output.value, 256);
  EXPECT_EQ(w.prompt_tokens, 128);
  EXPECT_EQ(w.output_tokens, 256);
  EXPECT_EQ(w.requests_per_client, 10);
  EXPECT_FALSE(loaded.resolved["workload"].contains("arrival"));
  EXPECT_EQ(loaded.resolved["workload"]["think_ms"], 0);
}

TEST(ConfigWorkload, PlainNumbersAreFixedLengthsAndAFixedThinkTime) {
  const auto loaded =
      load(with_workload({{"prompt_tokens", 64}, {"output_tokens", 32.0}, {"think_ms", 250}}));
  const WorkloadParams& w = loaded.scenario.workload;
  EXPECT_EQ(w.prompt.kind, DistKind::fixed);
  EXPECT_EQ(w.prompt.value, 64);
  EXPECT_EQ(w.output.value, 32);
  EXPECT_EQ(w.prompt_tokens, 64);
  EXPECT_EQ(w.output_tokens, 32);
  EXPECT_EQ(w.arrival.kind, ArrivalKind::closed_loop);
  EXPECT_EQ(w.arrival.think_ms.kind, DistKind::fixed);
  EXPECT_EQ(w.arrival.think_ms.value, 250);
  // 32.0 is shown as the integer it is.
  EXPECT_TRUE(loaded.resolved["workload"]["output_tokens"].is_number_integer());
}

struct LengthCase {
  json given;
  DistributionSpec expected;
  std::int64_t integer_field;  // prompt_tokens: the largest length, 0 when unbounded
};

TEST(ConfigWorkload, EveryDistributionParsesAndSetsTheLargestLength) {
  DistributionSpec uniform, lognormal, list, fixed = DistributionSpec::fixed_at(300);
  uniform.kind = DistKind::uniform;
  uniform.min = 20;
  uniform.max = 80;
  lognormal.kind = DistKind::lognormal;
  lognormal.median = 50;
  lognormal.sigma = 0.4;
  list.kind = DistKind::list;
  list.values = {64, 512, 128};
  const std::vector<LengthCase> cases = {
      {{{"dist", "fixed"}, {"value", 300}}, fixed, 300},
      {{{"dist", "uniform"}, {"min", 20}, {"max", 80}}, uniform, 80},
      {{{"dist", "lognormal"}, {"median", 50}, {"sigma", 0.4}}, lognormal, 0},
      {{{"dist", "list"}, {"values", {64, 512, 128}}}, list, 512},
  };
  for (const auto& c : cases) {
    const auto loaded = load(with_workload({{"prompt_tokens", c.given}}));
    const WorkloadParams& w = loaded.scenario.workload;
    EXPECT_EQ(w.prompt.kind, c.expected.kind) << c.given;
    EXPECT_EQ(w.prompt.value, c.expected.value) << c.given;
    EXPECT_EQ(w.prompt.min, c.expected.min) << c.given;
    EXPECT_EQ(w.prompt.max, c.expected.max) << c.given;
    EXPECT_EQ(w.prompt.median, c.expected.median) << c.given;
    EXPECT_EQ(w.prompt.sigma, c.expected.sigma) << c.given;
    EXPECT_EQ(w.prompt.values, c.expected.values) << c.given;
    EXPECT_EQ(w.prompt_tokens, c.integer_field) << c.given;
    EXPECT_EQ(loaded.resolved["workload"]["prompt_tokens"], c.given);
    // The output length takes the same forms.
    const auto output = load(with_workload({{"output_tokens", c.given}})).scenario.workload;
    EXPECT_EQ(output.output.kind, c.expected.kind) << c.given;
    EXPECT_EQ(output.output_tokens, c.integer_field) << c.given;
  }
}

TEST(ConfigWorkload, ArrivalKindsParse) {
  const json think = {{"dist", "uniform"}, {"min", 500}, {"max", 2000}};
  auto loaded = load(with_workload({{"arrival", {{"kind", "closed_loop"}, {"think_ms", think}}}}));
  const ArrivalParams& closed = loaded.scenario.workload.arrival;
  EXPECT_EQ(closed.kind, ArrivalKind::closed_loop);
  EXPECT_EQ(closed.think_ms.kind, DistKind::uniform);
  EXPECT_EQ(closed.think_ms.min, 500);
  EXPECT_EQ(closed.think_ms.max, 2000);
  // The shorthand is left out of the record: the arrival process says what ran.
  EXPECT_FALSE(loaded.resolved["workload"].contains("think_ms"));
  EXPECT_EQ(loaded.scenario.workload.think_ms, 0);

  loaded = load(with_workload({{"arrival", {{"kind", "closed_loop"}, {"think_ms", 40}}}}));
  EXPECT_EQ(loaded.scenario.workload.arrival.think_ms.kind, DistKind::fixed);
  EXPECT_EQ(loaded.scenario.workload.arrival.think_ms.value, 40);

  loaded = load(with_workload({{"arrival", {{"kind", "closed_loop"}}}}));
  EXPECT_EQ(loaded.scenario.workload.arrival.think_ms.value, 0);
  EXPECT_EQ(loaded.resolved["workload"]["arrival"],
            json({{"kind", "closed_loop"}, {"think_ms", 0}}));

  loaded = load(with_workload({{"clients", 4},
                               {"requests_per_client", 3},
                               {"arrival", {{"kind", "poisson"}, {"rate_per_s", 5}}}}));
  EXPECT_EQ(loaded.scenario.workload.arrival.kind, ArrivalKind::poisson);
  EXPECT_EQ(loaded.scenario.workload.arrival.rate_per_s, 5);
  EXPECT_EQ(loaded.scenario.workload.requests_per_client, 3);
}

TEST(ConfigWorkload, ArrivalAndThinkMsTogetherIsAProblemAtBothPaths) {
  const json document =
      with_workload({{"think_ms", 5}, {"arrival", {{"kind", "poisson"}, {"rate_per_s", 2}}}});
  const std::vector<std::string> expected = {
      "s.json: /workload/arrival: given together with /workload/think_ms: /workload/think_ms is "
      "the shorthand for a closed_loop /workload/arrival; give one of the two",
      "s.json: /workload/think_ms: given together with /workload/arrival: /workload/think_ms is "
      "the shorthand for a closed_loop /workload/arrival; give one of the two",
  };
  EXPECT_EQ(problems_of(document), expected);
  // Set from the command line, the shorthand's problem names the override.
  const auto problems = problems_of(with_workload({{"arrival", {{"kind", "closed_loop"}}}}),
                                    {"workload.think_ms=10"});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[1].rfind("--set workload.think_ms=10: /workload/think_ms: given together", 0),
            0u);
}

TEST(ConfigWorkload, OverridesReachIntoTheNewForms) {
  const json document = with_workload({{"arrival", {{"kind", "poisson"}, {"rate_per_s", 2}}}});
  EXPECT_EQ(load(document, {"workload.arrival.rate_per_s=7"}).scenario.workload.arrival.rate_per_s,
            7);
  const auto loaded = load(with_workload({{"prompt_tokens", 10}}),
                           {R"(workload.prompt_tokens={"dist": "list", "values": [1, 2]})"});
  EXPECT_EQ(loaded.scenario.workload.prompt.kind, DistKind::list);
  const auto problems = problems_of(document, {"workload.arrival.rate_per_s=0"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "--set workload.arrival.rate_per_s=0: /workload/arrival/rate_per_s: must be a number "
            ">= 1e-06 and <= 1000000, got 0");
}

struct BadValue {
  json workload;
  std::string expected;  // the one problem, after "s.json: "
};

TEST(ConfigWorkload, EveryRangeAndTypeProblemIsAtItsOwnPointer) {
  const std::string dist = kDistRequirement;
  const std::string kinds = "\"fixed\", \"uniform\", \"lognormal\", \"list\"";
  const std::vector<BadValue> cases = {
      {{{"prompt_tokens", 0}}, "/workload/prompt_tokens: " + dist + ", got 0"},
      {{{"prompt_tokens", 12.5}}, "/workload/prompt_tokens: " + dist + ", got 12.5"},
      {{{"output_tokens", "many"}}, "/workload/output_tokens: " + dist + ", got \"many\""},
      {{{"output_tokens", 1e30}}, "/workload/output_tokens: " + dist + ", got 1e+30"},
      {{{"prompt_tokens", {{"dist", "fixed"}, {"value", 0}}}},
       "/workload/prompt_tokens/value: must be an integer >= 1 and <= 1000000, got 0"},
      {{{"prompt_tokens", {{"dist", "fixed"}}}},
       "/workload/prompt_tokens/value: required for dist \"fixed\""},
      {{{"prompt_tokens", {{"dist", "uniform"}, {"min", 0}, {"max", 10}}}},
       "/workload/prompt_tokens/min: must be an integer >= 1 and <= 1000000, got 0"},
      {{{"prompt_tokens", {{"dist", "uniform"}, {"min", 2}, {"max", 10.5}}}},
       "/workload/prompt_tokens/max: must be an integer >= 1 and <= 1000000, got 10.5"},
      {{{"prompt_tokens", {{"dist", "uniform"}, {"min", 50}, {"max", 20}}}},
       "/workload/prompt_tokens/max: must be >= min (50), got 20"},
      {{{"prompt_tokens", {{"dist", "uniform"}, {"min", 5}}}},
       "/workload/prompt_tokens/max: required for dist \"uniform\""},
      {{{"prompt_tokens", {{"dist", "lognormal"}, {"median", 0}, {"sigma", 1}}}},
       "/workload/prompt_tokens/median: must be a number > 0 and <= 1000000000, got 0"},
      {{{"prompt_tokens", {{"dist", "lognormal"}, {"median", 5}, {"sigma", -1}}}},
       "/workload/prompt_tokens/sigma: must be a number >= 0 and <= 2, got -1"},
      {{{"output_tokens", {{"dist", "list"}, {"values", json::array()}}}},
       "/workload/output_tokens/values: must be a non-empty list of integers >= 1 and <= 1000000, "
       "got []"},
      {{{"output_tokens", {{"dist", "list"}, {"values", {3, 0}}}}},
       "/workload/output_tokens/values: must be a non-empty list of integers >= 1 and <= 1000000, "
       "got 0 at "
       "index 1"},
      {{{"output_tokens", {{"dist", "list"}, {"values", 3}}}},
       "/workload/output_tokens/values: must be a non-empty list of integers >= 1 and <= 1000000, "
       "got 3"},
      {{{"prompt_tokens", {{"dist", "normal"}, {"median", 5}}}},
       "/workload/prompt_tokens/dist: must be one of " + kinds + ", got \"normal\""},
      {{{"prompt_tokens", {{"dist", "lognormla"}, {"median", 5}, {"sigma", 1}}}},
       "/workload/prompt_tokens/dist: must be one of " + kinds +
           ", got \"lognormla\" (did you mean \"lognormal\"?)"},
      {{{"prompt_tokens", {{"value", 3}}}},
       "/workload/prompt_tokens/dist: required: the distribution's kind, one of " + kinds},
      {{{"prompt_tokens", {{"kind", "fixed"}, {"value", 3}}}},
       "/workload/prompt_tokens/dist: required: the distribution's kind, one of " + kinds},
      {{{"prompt_tokens", {{"dist", "fixed"}, {"value", 3}, {"sigma", 1}}}},
       "/workload/prompt_tokens/sigma: not a parameter of dist \"fixed\" (it belongs to dist "
       "\"lognormal\")"},
      {{{"prompt_tokens", {{"dist", "uniform"}, {"min", 1}, {"mx", 3}, {"max", 3}}}},
       "/workload/prompt_tokens/mx: unknown key (did you mean \"max\"?)"},
      {{{"think_ms", -1}}, "/workload/think_ms: must be a number >= 0 and <= 1000000000, got -1"},
      {{{"arrival", {{"kind", "closed_loop"}, {"think_ms", -5}}}},
       "/workload/arrival/think_ms: must be a number >= 0 and <= 1000000000 (shorthand for "
       "{\"dist\": \"fixed\", "
       "\"value\": ...}) or an object whose \"dist\" is one of " +
           kinds + ", got -5"},
      {{{"arrival",
         {{"kind", "closed_loop"}, {"think_ms", {{"dist", "uniform"}, {"min", -1}, {"max", 3}}}}}},
       "/workload/arrival/think_ms/min: must be a number >= 0 and <= 1000000000, got -1"},
      {{{"arrival",
         {{"kind", "closed_loop"}, {"think_ms", {{"dist", "list"}, {"values", {1, -2}}}}}}},
       "/workload/arrival/think_ms/values: must be a non-empty list of numbers >= 0 and <= "
       "1000000000, "
       "got -2 at "
       "index 1"},
      {{{"arrival", {{"kind", "poisson"}}}},
       "/workload/arrival/rate_per_s: required for kind \"poisson\" (or rate_per_client_per_s)"},
      {{{"arrival", {{"kind", "poisson"}, {"rate_per_s", 0}}}},
       "/workload/arrival/rate_per_s: must be a number >= 1e-06 and <= 1000000, got 0"},
      {{{"arrival", {{"kind", "poisson"}, {"rate", 2}, {"rate_per_s", 1}}}},
       "/workload/arrival/rate: unknown key (did you mean \"rate_per_s\"?)"},
      {{{"arrival", {{"kind", "closed_loop"}, {"rate_per_s", 3}}}},
       "/workload/arrival/rate_per_s: not a parameter of kind \"closed_loop\" (it belongs to kind "
       "\"poisson\")"},
      {{{"arrival", {{"kind", "open"}}}},
       "/workload/arrival/kind: must be one of \"closed_loop\", \"poisson\", \"trace\", got "
       "\"open\""},
      {{{"arrival", {{"rate_per_s", 2}}}},
       "/workload/arrival/kind: required: the arrival process's kind, one of \"closed_loop\", "
       "\"poisson\", \"trace\""},
      {{{"arrival", 5}},
       "/workload/arrival: must be an object whose \"kind\" is one of \"closed_loop\", "
       "\"poisson\", \"trace\", got 5"},
      {{{"arrival", {{"kind", "trace"}}}}, "/workload/arrival/file: required for kind \"trace\""},
      {{{"arrival", {{"kind", "trace"}, {"file", 7}}}},
       "/workload/arrival/file: must be a string, got 7"},
  };
  for (const auto& c : cases) {
    const auto problems = problems_of(with_workload(c.workload));
    ASSERT_EQ(problems.size(), 1u) << c.workload.dump() << "\n" << testing::PrintToString(problems);
    EXPECT_EQ(problems[0], "s.json: " + c.expected) << c.workload.dump();
  }
}

TEST(ConfigWorkload, AMissingTraceFileSaysWhereItLooked) {
  const auto problems = problems_of(
      with_workload({{"arrival", {{"kind", "trace"}, {"file", "traces/no-such-trace.jsonl"}}}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /workload/arrival/file: file not found: "
                              "\"traces/no-such-trace.jsonl\" (tried ",
                              0),
            0u)
      << problems[0];
}

TEST(ConfigWorkload, EveryProblemOfTheWorkloadIsReportedAtOnce) {
  const json workload = {
      {"prompt_tokens", {{"dist", "uniform"}, {"min", 0}, {"max", "x"}}},
      {"output_tokens", {{"dist", "list"}}},
      {"arrival", {{"kind", "poisson"}, {"rate_per_s", -1}, {"think_ms", 3}}},
  };
  const std::vector<std::string> expected = {
      "s.json: /workload/arrival/think_ms: not a parameter of kind \"poisson\" (it belongs to "
      "kind \"closed_loop\")",
      "s.json: /workload/arrival/rate_per_s: must be a number >= 1e-06 and <= 1000000, got -1",
      "s.json: /workload/prompt_tokens/min: must be an integer >= 1 and <= 1000000, got 0",
      "s.json: /workload/prompt_tokens/max: must be an integer >= 1 and <= 1000000, got \"x\"",
      "s.json: /workload/output_tokens/values: required for dist \"list\"",
  };
  EXPECT_EQ(problems_of(with_workload(workload)), expected);
}

TEST(ConfigWorkload, ResolvedNewFormsLoadBackToThemselves) {
  const std::vector<json> workloads = {
      {{"prompt_tokens", {{"dist", "lognormal"}, {"median", 50}, {"sigma", 0.4}}},
       {"output_tokens", {{"dist", "list"}, {"values", {10, 20.0}}}},
       {"arrival",
        {{"kind", "closed_loop"},
         {"think_ms", {{"dist", "uniform"}, {"min", 0.5}, {"max", 1.5}}}}}},
      {{"clients", 3},
       {"prompt_tokens", {{"dist", "uniform"}, {"min", 1}, {"max", 9}}},
       {"arrival", {{"kind", "poisson"}, {"rate_per_s", 0.5}}}},
      {{"clients", 4},
       {"arrival", {{"kind", "trace"}, {"file", "scenarios/traces/synthetic.jsonl"}}}},
  };
  for (const auto& workload : workloads) {
    const json resolved = load(with_workload(workload)).resolved;
    EXPECT_EQ(load(resolved).resolved, resolved) << resolved.dump(2);
  }
}

TEST(ConfigWorkload, TheDistributionExamplesAreValidForEveryUse) {
  for (const auto& kind : distribution_family()->kinds) {
    EXPECT_NO_THROW(load(with_workload({{"prompt_tokens", kind.example}}))) << kind.example;
    EXPECT_NO_THROW(
        load(with_workload({{"arrival", {{"kind", "closed_loop"}, {"think_ms", kind.example}}}})))
        << kind.example;
  }
}

TEST(ConfigWorkload, TheArrivalExamplesAreValid) {
  for (const auto& kind : arrival_family()->kinds) {
    // The trace example is the shipped synthetic trace, on 4 clients.
    EXPECT_NO_THROW(load(with_workload({{"clients", 4}, {"arrival", kind.example}})))
        << kind.example;
  }
}

TEST(ConfigWorkload, LargestValuesOfDistributions) {
  DistributionSpec d = DistributionSpec::fixed_at(7.4);
  EXPECT_EQ(largest_value(d), 7.4);
  EXPECT_EQ(largest_token_count(d), 7);
  d.kind = DistKind::list;
  d.values = {3, 9, 4};
  EXPECT_EQ(largest_value(d), 9);
  d.kind = DistKind::uniform;
  d.min = 1;
  d.max = 80.6;
  EXPECT_EQ(largest_token_count(d), 81);
  d.kind = DistKind::lognormal;
  EXPECT_FALSE(largest_value(d));
  EXPECT_FALSE(largest_token_count(d));
}

// --- the KV budget and the prefill table, against the longest request -------------------------

json kv_scenario(const json& workload, std::int64_t budget) {
  json document = with_workload(workload);
  document["cloud"]["kv_capacity_tokens"] = budget;
  return document;
}

TEST(ConfigWorkload, KvBudgetMustHoldTheLongestPossibleRequest) {
  const json uniform = {{"dist", "uniform"}, {"min", 10}, {"max", 300}};
  const json list = {{"dist", "list"}, {"values", {100, 700}}};
  // Fixed lengths: the message of old.
  EXPECT_EQ(
      problems_of(kv_scenario({{"prompt_tokens", 100}, {"output_tokens", 200}}, 299)),
      std::vector<std::string>{"s.json: /cloud/kv_capacity_tokens: must hold at least one request "
                               "(prompt_tokens + output_tokens = 300 tokens), got 299"});
  EXPECT_NO_THROW(load(kv_scenario({{"prompt_tokens", 100}, {"output_tokens", 200}}, 300)));
  // Distributions: their largest values.
  EXPECT_NO_THROW(load(kv_scenario({{"prompt_tokens", uniform}, {"output_tokens", list}}, 1000)));
  EXPECT_EQ(problems_of(kv_scenario({{"prompt_tokens", uniform}, {"output_tokens", list}}, 999)),
            std::vector<std::string>{
                "s.json: /cloud/kv_capacity_tokens: must hold at least one request (the longest "
                "request workload.prompt_tokens and workload.output_tokens allow: prompt_tokens "
                "+ output_tokens = 300 + 700 = 1000 tokens), got 999"});
}

TEST(ConfigWorkload, KvBudgetWithALognormalLengthIsRefused) {
  const json lognormal = {{"dist", "lognormal"}, {"median", 100}, {"sigma", 0.5}};
  const auto problems = problems_of(kv_scenario({{"output_tokens", lognormal}}, 1000000));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "s.json: /cloud/kv_capacity_tokens: cannot be guaranteed to hold every request: "
            "workload.output_tokens is lognormal, so request lengths have no bound, and a request "
            "larger than the budget would wait for admission forever; give a bounded distribution "
            "(uniform, list) or no KV budget");
  // Without a budget, nothing needs a bound.
  EXPECT_NO_THROW(load(with_workload({{"output_tokens", lognormal}})));
}

json prefill_table_scenario(const json& workload, bool extrapolate = false) {
  json document = with_workload(workload);
  document["cloud"]["max_batch"] = 4;
  document["cloud"]["prefill"] = {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}};
  if (extrapolate) document["cloud"]["prefill"]["extrapolate"] = true;
  return document;
}

TEST(ConfigWorkload, PrefillTableMustCoverTheLongestPromptOfADistribution) {
  // The shipped table covers 1 to 16384 batched tokens.
  EXPECT_NO_THROW(load(prefill_table_scenario(
      {{"prompt_tokens", {{"dist", "uniform"}, {"min", 1}, {"max", 2048}}}})));
  const auto problems = problems_of(
      prefill_table_scenario({{"prompt_tokens", {{"dist", "list"}, {"values", {10, 8192}}}}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("s.json: /cloud/prefill/file: "), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("this scenario can ask for 1 to 32768 (`cloud.max_batch` x the "
                             "longest prompt, with cloud.max_batch = 4 and the longest "
                             "workload.prompt_tokens = 8192)"),
            std::string::npos)
      << problems[0];
  // Lognormal prompts are unbounded: only an extrapolated table can serve them.
  const json lognormal = {{"dist", "lognormal"}, {"median", 100}, {"sigma", 1}};
  const auto unbounded = problems_of(prefill_table_scenario({{"prompt_tokens", lognormal}}));
  ASSERT_EQ(unbounded.size(), 1u);
  EXPECT_NE(unbounded[0].find("workload.prompt_tokens is lognormal, so unbounded"),
            std::string::npos)
      << unbounded[0];
  EXPECT_NO_THROW(load(prefill_table_scenario({{"prompt_tokens", lognormal}}, true)));
}

TEST(ConfigWorkload, RowsAreDocumentedAsNumbersOrDistributions) {
  EXPECT_EQ(valid_values_text(*find_param("workload.prompt_tokens")),
            "an integer >= 1 and <= 1000000 (a `fixed` distribution) or a distribution object");
  EXPECT_EQ(valid_values_text(*find_param("workload.arrival")), "an arrival process object");
  EXPECT_EQ(requirement_text(*find_param("workload.output_tokens")), kDistRequirement);
}

}  // namespace
}  // namespace dsdsi
