// The loader end to end, from an in-memory document: defaults, the typed Scenario, the resolved
// document, and the problems it reports (their kinds, their format, all of them at once).
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

LoadedScenario load(const json& document) { return load_in(std::filesystem::path(), document); }

// The problems load() reports; a test failure if it reports none.
std::vector<std::string> problems_of(const json& document) {
  return problems_in(std::filesystem::path(), document);
}

json minimal() { return {{"schema_version", 1}}; }

TEST(ConfigDefaults, MinimalScenarioGetsEveryDefault) {
  const Scenario s = load(minimal()).scenario;
  EXPECT_EQ(s.schema_version, 1);
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.mode, DecodingMode::dsd_sync);
  EXPECT_EQ(s.platform_file, "");
  EXPECT_EQ(s.network.rtt_ms.kind, DistKind::fixed);
  EXPECT_EQ(s.network.rtt_ms.value, 50);
  EXPECT_EQ(s.network.uplink_mbps, 20);
  EXPECT_EQ(s.network.downlink_mbps, 100);
  EXPECT_EQ(s.network.cloud_link_gbps, 100);
  EXPECT_EQ(s.network.model, NetworkModel::exact);
  EXPECT_EQ(s.network.header_bytes, 40);
  EXPECT_EQ(s.edge.draft_ms_per_token, 10);
  EXPECT_EQ(s.edge.prefill_ms_per_token, 0);
  EXPECT_EQ(s.cloud.verify_ms, 20);
  EXPECT_EQ(s.cloud.ar_step_ms, 20);
  EXPECT_EQ(s.cloud.draft_ms_per_token, 10);
  EXPECT_EQ(s.cloud.prefill_ms_per_token, 0.1);
  EXPECT_EQ(s.cloud.max_batch, 1);
  EXPECT_EQ(s.cloud.batch_window_ms, 0);
  EXPECT_EQ(s.speculation.gamma, 4);
  EXPECT_EQ(s.speculation.acceptance.kind, AcceptanceKind::bernoulli);
  EXPECT_EQ(s.speculation.acceptance.alpha, 0.8);
  EXPECT_EQ(s.workload.clients, 1);
  EXPECT_EQ(s.workload.requests_per_client, 10);
  EXPECT_EQ(s.workload.prompt_tokens, 128);
  EXPECT_EQ(s.workload.output_tokens, 256);
  EXPECT_EQ(s.workload.think_ms, 0);
}

TEST(ConfigDefaults, GivenValuesAreStoredInTheirFields) {
  const json document = {
      {"schema_version", 1},
      {"description", "x"},
      {"seed", 18446744073709551615ULL},
      {"mode", "dsd_pipelined"},
      {"network",
       {{"rtt_ms", 0},
        {"uplink_mbps", 12.5},
        {"downlink_mbps", 1},
        {"cloud_link_gbps", 2},
        {"model", "tcp"},
        {"header_bytes", 0}}},
      {"edge", {{"draft_ms_per_token", 16}, {"prefill_ms_per_token", 0.5}}},
      {"cloud",
       {{"verify_ms", 7},
        {"ar_step_ms", 6},
        {"draft_ms_per_token", 3},
        {"prefill_ms_per_token", 0},
        {"max_batch", 32},
        {"batch_window_ms", 5}}},
      {"speculation", {{"gamma", 256}, {"acceptance", {{"kind", "bernoulli"}, {"alpha", 1}}}}},
      {"workload",
       {{"clients", 10000},
        {"requests_per_client", 3},
        {"prompt_tokens", 1},
        {"output_tokens", 2},
        {"think_ms", 100}}}};
  const Scenario s = load(document).scenario;
  EXPECT_EQ(s.description, "x");
  EXPECT_EQ(s.seed, 18446744073709551615ULL);
  EXPECT_EQ(s.mode, DecodingMode::dsd_pipelined);
  EXPECT_EQ(s.network.rtt_ms.value, 0);
  EXPECT_EQ(s.network.uplink_mbps, 12.5);
  EXPECT_EQ(s.network.model, NetworkModel::tcp);
  EXPECT_EQ(s.network.header_bytes, 0);
  EXPECT_EQ(s.edge.prefill_ms_per_token, 0.5);
  EXPECT_EQ(s.cloud.verify_ms, 7);
  EXPECT_EQ(s.cloud.max_batch, 32);
  EXPECT_EQ(s.cloud.batch_window_ms, 5);
  EXPECT_EQ(s.speculation.gamma, 256);
  EXPECT_EQ(s.speculation.acceptance.alpha, 1);
  EXPECT_EQ(s.workload.clients, 10000);
  EXPECT_EQ(s.workload.output_tokens, 2);
  EXPECT_EQ(s.workload.think_ms, 100);
}

TEST(ConfigDefaults, EveryModeNameLoads) {
  for (const auto name : kDecodingModeNames) {
    json document = minimal();
    document["mode"] = std::string(name);
    EXPECT_EQ(to_string(load(document).scenario.mode), name);
  }
}

TEST(ConfigDefaults, IntegralFloatIsAcceptedForAnIntegerAndResolvedAsInteger) {
  json document = minimal();
  document["speculation"]["gamma"] = 5.0;
  const LoadedScenario loaded = load(document);
  EXPECT_EQ(loaded.scenario.speculation.gamma, 5);
  EXPECT_TRUE(loaded.resolved["speculation"]["gamma"].is_number_integer());
  EXPECT_EQ(loaded.resolved["speculation"]["gamma"].dump(), "5");
}

TEST(ConfigResolved, HoldsEveryDefaultAndNothingElse) {
  const json resolved = load(minimal()).resolved;
  const json expected = json::parse(R"({
    "schema_version": 1, "description": "", "seed": 1, "mode": "dsd_sync",
    "network": {"rtt_ms": 50, "uplink_mbps": 20, "downlink_mbps": 100, "cloud_link_gbps": 100,
                "model": "exact", "header_bytes": 40, "jitter_ms": 0},
    "edge": {"draft_ms_per_token": 10, "prefill_ms_per_token": 0,
             "resilience": {"on_failure": "wait", "retry_ms": 100}},
    "cloud": {"verify_ms": 20, "ar_step_ms": 20, "draft_ms_per_token": 10,
              "prefill_ms_per_token": 0.1, "max_batch": 1, "batch_window_ms": 0,
              "batching": "static", "servers": 1, "routing": "round_robin",
              "max_batched_tokens": 0, "verify_overhead_ms": 0},
    "speculation": {"gamma": 4, "acceptance": {"kind": "bernoulli", "alpha": 0.8},
                    "payload": {"kind": "token_ids"}},
    "workload": {"clients": 1, "requests_per_client": 10, "prompt_tokens": 128,
                 "output_tokens": 256, "think_ms": 0, "start": {"kind": "together"}},
    "measure": {"warmup_ms": 0, "timeline_ms": 1000}
  })");
  EXPECT_EQ(resolved, expected) << resolved.dump(2);
}

TEST(ConfigResolved, KeepsSweepAsGiven) {
  json document = minimal();
  document["sweep"] = {{"anything", {1, 2, {{"x", "y"}}}}};
  EXPECT_EQ(load(document).resolved["sweep"], document["sweep"]);
}

TEST(ConfigResolved, IsItselfAValidScenarioThatResolvesToItself) {
  json document = minimal();
  document["mode"] = "colocated_sd";
  document["speculation"]["gamma"] = 7.0;
  document["sweep"] = json::object();
  const json resolved = load(document).resolved;
  EXPECT_EQ(load(resolved).resolved, resolved);
}

TEST(ConfigResolved, ExplicitValuesOverrideDefaultsAndSiblingsKeepTheirs) {
  json document = minimal();
  document["network"]["rtt_ms"] = 80;
  const json resolved = load(document).resolved;
  EXPECT_EQ(resolved["network"]["rtt_ms"], 80);
  EXPECT_EQ(resolved["network"]["uplink_mbps"], 20);
}

TEST(ConfigErrors, ProblemIsFormattedAsSourcePointerMessage) {
  json document = minimal();
  document["speculation"]["gamma"] = 0;
  const auto problems = problems_of(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /speculation/gamma: must be an integer >= 1 and <= 256, got 0");
}

TEST(ConfigErrors, WhatJoinsEveryProblemWithNewlines) {
  json document = {{"schema_version", 2}, {"seed", -1}};
  try {
    load(document);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    ASSERT_EQ(error.problems().size(), 2u);
    EXPECT_EQ(std::string(error.what()), error.problems()[0] + "\n" + error.problems()[1]);
  }
}

TEST(ConfigErrors, MissingSchemaVersionIsRequired) {
  const auto problems = problems_of(json::object());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /schema_version: required");
}

TEST(ConfigErrors, OtherSchemaVersionIsRefusedWithTheReason) {
  const auto problems = problems_of({{"schema_version", 2}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "s.json: /schema_version: must be 1 (the only schema version this dsdsi reads), "
            "got 2");
}

TEST(ConfigErrors, TopLevelMustBeAnObject) {
  const auto problems = problems_of(json::array({1, 2}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /: must be an object (a scenario document), got [1,2]");
}

TEST(ConfigErrors, WrongTypesSayWhatWasExpectedAndShowTheValue) {
  json document = minimal();
  document["network"]["rtt_ms"] = "50";
  document["speculation"]["gamma"] = 2.5;
  document["workload"]["think_ms"] = true;
  document["description"] = 3;
  document["seed"] = nullptr;
  document["edge"] = 3;
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /edge: must be an object, got 3",
      "s.json: /description: must be a string, got 3",
      "s.json: /seed: must be an integer >= 0, got null",
      "s.json: /network/rtt_ms: "
      "must be a number >= 0 and <= 1000000000 (shorthand for {\"dist\": \"fixed\", \"value\": "
      "...}) or an object whose \"dist\" is one of \"fixed\", \"uniform\", \"lognormal\", "
      "\"list\", got \"50\"",
      "s.json: /speculation/gamma: must be an integer >= 1 and <= 256, got 2.5",
      "s.json: /workload/think_ms: must be a number >= 0 and <= 1000000000, got true",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, OutOfRangeStatesTheRangeAndTheValue) {
  json document = minimal();
  document["network"]["uplink_mbps"] = 0;
  document["speculation"]["acceptance"]["alpha"] = 1.5;
  document["speculation"]["gamma"] = 257;
  document["workload"]["clients"] = 1000001;
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /network/uplink_mbps: must be a number >= 0.001 and <= 1000000000, got 0",
      "s.json: /speculation/gamma: must be an integer >= 1 and <= 256, got 257",
      "s.json: /speculation/acceptance/alpha: must be a number >= 0 and <= 1, got 1.5",
      "s.json: /workload/clients: must be an integer >= 1 and <= 1000000, got 1000001",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, IntegerTooLargeForItsStorage) {
  json document = minimal();
  document["workload"]["output_tokens"] = 9223372036854775808ULL;
  document["seed"] = 1e30;
  const auto problems = problems_of(document);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0],
            "s.json: /seed: must fit an unsigned 64-bit integer (0 to 18446744073709551615), "
            "got 1e+30");
  // A token count's range (at most 10^6) is checked first: that is what keeps sums in 64 bits.
  EXPECT_EQ(problems[1].rfind("s.json: /workload/output_tokens: must be an integer >= 1 and <= "
                              "1000000",
                              0),
            0u)
      << problems[1];
}

TEST(ConfigErrors, BadChoiceListsTheChoicesAndSuggests) {
  json document = minimal();
  document["mode"] = "dsd-sync";
  document["network"]["model"] = "TCP/IP";
  document["speculation"]["acceptance"]["kind"] = 1;
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /mode: must be one of \"cloud_ar\", \"colocated_sd\", \"dsd_sync\", "
      "\"dsd_pipelined\", \"edge_ar\", got \"dsd-sync\" (did you mean \"dsd_sync\"?)",
      "s.json: /network/model: must be one of \"exact\", \"tcp\", got \"TCP/IP\"",
      "s.json: /speculation/acceptance/kind: must be one of \"bernoulli\", \"positional\", "
      "\"beta\", \"trace\", \"length_table\", got 1",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, UnknownKeysAtEveryLevelWithAndWithoutSuggestion) {
  json document = minimal();
  document["netwrk"] = json::object();
  document["colour"] = "blue";
  document["network"]["rtt"] = 5;
  document["speculation"]["acceptance"]["alpah"] = 0.5;
  document["workload"]["gamma"] = 3;
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /colour: unknown key",
      "s.json: /network/rtt: unknown key (did you mean \"rtt_ms\"?)",
      "s.json: /netwrk: unknown key (did you mean \"network\"?)",
      "s.json: /speculation/acceptance/alpah: unknown key (did you mean \"alpha\"?)",
      "s.json: /workload/gamma: unknown key (did you mean /speculation/gamma?)",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, ParameterOfAnInvalidKindIsStillChecked) {
  // With the kind unknown, whether alpha applies cannot be known: its own value is checked, and
  // it is not called "not used"; nor is a parameter that some kind requires called missing.
  json document = minimal();
  document["speculation"]["acceptance"] = {{"kind", "gamma"}, {"alpha", 1.5}};
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /speculation/acceptance/kind: must be one of \"bernoulli\", \"positional\", "
      "\"beta\", \"trace\", \"length_table\", got \"gamma\"",
      "s.json: /speculation/acceptance/alpha: must be a number >= 0 and <= 1, got 1.5",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, KeysThatNeedEscapingInAPointerAreEscaped) {
  json document = minimal();
  document["a/b~c"] = 1;
  const auto problems = problems_of(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /a~1b~0c: unknown key");
}

TEST(ConfigErrors, ManyProblemsAreReportedTogether) {
  const json document = json::parse(R"({
    "schema_version": 3, "mode": "fast", "seed": "1",
    "network": {"rtt_ms": -1, "uplink": 5},
    "cloud": {"max_batch": 0, "verify_ms": 0},
    "speculation": 4,
    "workload": {"clients": 0, "output_tokens": 1.5}
  })");
  const auto problems = problems_of(document);
  EXPECT_EQ(problems.size(), 10u);
  for (const auto* where : {"/schema_version", "/mode", "/seed", "/network/rtt_ms",
                            "/network/uplink", "/cloud/max_batch", "/cloud/verify_ms",
                            "/speculation", "/workload/clients", "/workload/output_tokens"}) {
    const std::string prefix = std::string("s.json: ") + where + ": ";
    bool found = false;
    for (const auto& problem : problems) found = found || problem.rfind(prefix, 0) == 0;
    EXPECT_TRUE(found) << "no problem at " << where;
  }
}

TEST(ConfigErrors, ANonObjectSectionHidesItsContentsButNotOtherProblems) {
  json document = minimal();
  document["network"] = 5;
  document["cloud"]["verify_ms"] = -1;
  const auto problems = problems_of(document);
  const std::vector<std::string> expected = {
      "s.json: /network: must be an object, got 5",
      "s.json: /cloud/verify_ms: must be a number >= 1e-06 and <= 1000000000, got -1",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigErrors, SweepMustBeAnObject) {
  json document = minimal();
  document["sweep"] = json::array();
  const auto problems = problems_of(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /sweep: must be an object, got []");
}

TEST(ConfigErrors, NullIsNeverTakenAsTheDefault) {
  json document = minimal();
  document["cloud"]["max_batch"] = nullptr;
  const auto problems = problems_of(document);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "s.json: /cloud/max_batch: must be an integer >= 1 and <= 65536, got null");
}

}  // namespace
}  // namespace dsdsi
