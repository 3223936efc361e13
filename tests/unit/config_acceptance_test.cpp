// Acceptance models (`speculation.acceptance`): each kind parses into AcceptanceParams, a
// positional model's alpha0/decay form becomes the alphas the model uses, parameters of another
// kind are refused, every range and type problem is at its own pointer, and an acceptance trace is
// read at load time and must cover every request of the run.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "config_load.hpp"
#include "dsdsi/config/acceptance_param.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "scratch_dir.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir(DSDSI_SOURCE_DIR);

json with_acceptance(const json& acceptance, const json& workload = json::object()) {
  json document = {{"schema_version", 1}, {"speculation", {{"acceptance", acceptance}}}};
  if (!workload.empty()) document["workload"] = workload;
  return document;
}

LoadedScenario load(const json& document, const fs::path& base_dir = kSourceDir,
                    const std::vector<std::string>& sets = {}) {
  return load_in(base_dir, document, sets);
}

std::vector<std::string> problems_of(const json& document, const fs::path& base_dir = kSourceDir,
                                     const std::vector<std::string>& sets = {}) {
  return problems_in(base_dir, document, sets);
}

TEST(ConfigAcceptance, BernoulliIsTheDefaultWithAlpha08) {
  const auto loaded = load({{"schema_version", 1}});
  EXPECT_EQ(loaded.scenario.speculation.acceptance.kind, AcceptanceKind::bernoulli);
  EXPECT_EQ(loaded.scenario.speculation.acceptance.alpha, 0.8);
  EXPECT_EQ(loaded.resolved["speculation"]["acceptance"],
            json({{"kind", "bernoulli"}, {"alpha", 0.8}}));
  // An alpha alone, as older scenarios and sweeps give it, is still bernoulli's.
  const auto alpha = load(with_acceptance({{"alpha", 0.6}}), kSourceDir);
  EXPECT_EQ(alpha.scenario.speculation.acceptance.alpha, 0.6);
}

TEST(ConfigAcceptance, PositionalListParses) {
  const auto loaded = load(with_acceptance({{"kind", "positional"}, {"alphas", {0.9, 0.85, 0.8}}}));
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  EXPECT_EQ(a.kind, AcceptanceKind::positional);
  EXPECT_EQ(a.alphas, (std::vector<double>{0.9, 0.85, 0.8}));
  // bernoulli's default alpha does not apply, and is not recorded.
  EXPECT_FALSE(loaded.resolved["speculation"]["acceptance"].contains("alpha"));
  EXPECT_DOUBLE_EQ(make_acceptance_model(a, 1)->expected_tokens_per_round(2), 1 + 0.9 + 0.9 * 0.85);
}

TEST(ConfigAcceptance, PositionalGeometricFormIsExpandedToEveryPosition) {
  const auto loaded =
      load(with_acceptance({{"kind", "positional"}, {"alpha0", 0.9}, {"decay", 0.97}}));
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  EXPECT_EQ(a.alpha0, 0.9);
  EXPECT_EQ(a.decay, 0.97);
  ASSERT_EQ(a.alphas.size(), kPositionalPositions);
  EXPECT_EQ(kPositionalPositions, 257u);  // positions 0..256: gamma <= 256, pipelined asks gamma+1
  EXPECT_DOUBLE_EQ(a.alphas[0], 0.9);
  EXPECT_DOUBLE_EQ(a.alphas[1], 0.9 * 0.97);
  EXPECT_DOUBLE_EQ(a.alphas[256], 0.9 * std::pow(0.97, 256));
  // The record shows the form given, and loads back to itself.
  EXPECT_EQ(loaded.resolved["speculation"]["acceptance"],
            json({{"kind", "positional"}, {"alpha0", 0.9}, {"decay", 0.97}}));
  EXPECT_EQ(load(loaded.resolved).resolved, loaded.resolved);
}

TEST(ConfigAcceptance, PositionalNeedsExactlyOneForm) {
  const std::string why =
      ": a positional model takes the list alphas, or alpha0 and decay; give one of the two";
  EXPECT_EQ(problems_of(with_acceptance(
                {{"kind", "positional"}, {"alphas", {0.5}}, {"alpha0", 0.9}, {"decay", 0.9}})),
            (std::vector<std::string>{
                "s.json: /speculation/acceptance/alphas: given together with "
                "/speculation/acceptance/alpha0 and /speculation/acceptance/decay" +
                    why,
                "s.json: /speculation/acceptance/alpha0: given together with "
                "/speculation/acceptance/alphas" +
                    why,
                "s.json: /speculation/acceptance/decay: given together with "
                "/speculation/acceptance/alphas" +
                    why,
            }));
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "positional"}, {"alpha0", 0.9}})),
            std::vector<std::string>{"s.json: /speculation/acceptance/alpha0: needs "
                                     "/speculation/acceptance/decay too (alpha_i = alpha0 x "
                                     "decay^i)"});
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "positional"}, {"decay", 0.9}})),
            std::vector<std::string>{"s.json: /speculation/acceptance/decay: needs "
                                     "/speculation/acceptance/alpha0 too (alpha_i = alpha0 x "
                                     "decay^i)"});
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "positional"}})),
            std::vector<std::string>{
                "s.json: /speculation/acceptance/kind: \"positional\" needs "
                "/speculation/acceptance/alphas (a list by position), or "
                "/speculation/acceptance/alpha0 and /speculation/acceptance/decay (alpha_i = "
                "alpha0 x decay^i)"});
}

TEST(ConfigAcceptance, BetaParses) {
  const auto loaded = load(with_acceptance({{"kind", "beta"}, {"a", 8}, {"b", 2}}));
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  EXPECT_EQ(a.kind, AcceptanceKind::beta);
  EXPECT_EQ(a.a, 8);
  EXPECT_EQ(a.b, 2);
  EXPECT_EQ(loaded.resolved["speculation"]["acceptance"],
            json({{"kind", "beta"}, {"a", 8}, {"b", 2}}));
}

TEST(ConfigAcceptance, ParametersOfAnotherKindAreRefused) {
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "beta"}, {"a", 8}, {"b", 2}, {"alpha", 0.7}})),
            std::vector<std::string>{"s.json: /speculation/acceptance/alpha: not a parameter of "
                                     "kind \"beta\" (it belongs to kind \"bernoulli\")"});
  EXPECT_EQ(problems_of(with_acceptance({{"alphas", {0.5}}, {"a", 1}})),
            (std::vector<std::string>{
                "s.json: /speculation/acceptance/alphas: not a parameter of kind \"bernoulli\" "
                "(it belongs to kind \"positional\")",
                "s.json: /speculation/acceptance/a: not a parameter of kind \"bernoulli\" (it "
                "belongs to kind \"beta\")"}));
  EXPECT_EQ(problems_of(
                with_acceptance({{"kind", "positional"}, {"alphas", {0.5}}, {"file", "x.jsonl"}})),
            std::vector<std::string>{"s.json: /speculation/acceptance/file: not a parameter of "
                                     "kind \"positional\" (it belongs to kind \"trace\")"});
  // A sweep that sets alpha on a beta scenario is refused the same way.
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "beta"}, {"a", 8}, {"b", 2}}), kSourceDir,
                        {"speculation.acceptance.alpha=0.5"}),
            std::vector<std::string>{"--set speculation.acceptance.alpha=0.5: "
                                     "/speculation/acceptance/alpha: not a parameter of kind "
                                     "\"beta\" (it belongs to kind \"bernoulli\")"});
}

struct BadAcceptance {
  json acceptance;
  std::vector<std::string> expected;  // after "s.json: /speculation/acceptance/"
};

TEST(ConfigAcceptance, EveryRangeAndTypeProblemIsAtItsOwnPointer) {
  const std::vector<BadAcceptance> cases = {
      {{{"kind", "positional"}, {"alphas", json::array()}},
       {"alphas: must be a non-empty list of numbers >= 0 and <= 1, got []"}},
      {{{"kind", "positional"}, {"alphas", {0.9, 1.1}}},
       {"alphas: must be a non-empty list of numbers >= 0 and <= 1, got 1.1 at index 1"}},
      {{{"kind", "positional"}, {"alphas", 0.9}},
       {"alphas: must be a non-empty list of numbers >= 0 and <= 1, got 0.9"}},
      {{{"kind", "positional"}, {"alphas", {"0.9"}}},
       {"alphas: must be a non-empty list of numbers >= 0 and <= 1, got \"0.9\" at index 0"}},
      {{{"kind", "positional"}, {"alpha0", 1.5}, {"decay", 0.9}},
       {"alpha0: must be a number >= 0 and <= 1, got 1.5"}},
      {{{"kind", "positional"}, {"alpha0", 0.9}, {"decay", -0.1}},
       {"decay: must be a number >= 0 and <= 1, got -0.1"}},
      {{{"kind", "beta"}, {"a", 0}, {"b", 2}},
       {"a: must be a number >= 0.001 and <= 1000000, got 0"}},
      {{{"kind", "beta"}, {"a", 8}, {"b", "2"}},
       {"b: must be a number >= 0.001 and <= 1000000, got \"2\""}},
      {{{"kind", "beta"}}, {"a: required", "b: required"}},
      {{{"kind", "trace"}}, {"file: required"}},
      {{{"kind", "trace"}, {"file", 3}}, {"file: must be a string, got 3"}},
      {{{"kind", "Beta"}, {"a", 1}, {"b", 1}},
       {"kind: must be one of \"bernoulli\", \"positional\", \"beta\", \"trace\", \"length_table\", got \"Beta\" "
        "(did you mean \"beta\"?)"}},
      {{{"kind", "beta"}, {"a", 1}, {"bb", 1}, {"b", 1}},
       {"bb: unknown key (did you mean \"b\"?)"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> expected;
    for (const auto& e : c.expected) expected.push_back("s.json: /speculation/acceptance/" + e);
    EXPECT_EQ(problems_of(with_acceptance(c.acceptance)), expected) << c.acceptance.dump();
  }
}

// --- acceptance traces --------------------------------------------------------------------------

std::string records(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    text +=
        i % 2 ? "{\"alphas\": [0.9, 0.5]}\n" : "{\"alpha\": 0." + std::to_string(i % 10) + "}\n";
  }
  return text;
}

TEST(ConfigAcceptance, TraceRecordsParse) {
  ScratchDir dir;
  const fs::path file = dir.write("a.jsonl", "{\"alpha\": 0.7}\n\n{\"alphas\": [0.9, 0.5]}\n");
  const auto loaded = load(with_acceptance({{"kind", "trace"}, {"file", "a.jsonl"}},
                                           {{"clients", 2}, {"requests_per_client", 1}}),
                           dir.path());
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  EXPECT_EQ(a.kind, AcceptanceKind::trace);
  EXPECT_EQ(a.file, file.string());
  ASSERT_EQ(a.records.size(), 2u);
  EXPECT_EQ(a.records[0].alpha, 0.7);
  EXPECT_TRUE(a.records[0].alphas.empty());
  EXPECT_EQ(a.records[1].alphas, (std::vector<double>{0.9, 0.5}));
  EXPECT_EQ(loaded.resolved["speculation"]["acceptance"],
            json({{"kind", "trace"}, {"file", file.string()}}));
  EXPECT_EQ(load(loaded.resolved, fs::path()).resolved, loaded.resolved);
  // Request r of client c replays record r x clients + c.
  RandomStream stream(1, "test", 0);
  const auto model = make_acceptance_model(a, 2);
  EXPECT_DOUBLE_EQ(model->for_request(stream, 1, 0).expected_tokens_per_round(1), 1.9);
}

TEST(ConfigAcceptance, BadTraceLinesAreReportedWithTheirLineAndKey) {
  ScratchDir dir;
  const fs::path file = dir.write("a.jsonl",
                                  "{\"alpha\": 0.7}\n"
                                  "{\"alpha\": 1.7}\n"
                                  "{}\n"
                                  "{\"alpha\": 0.5, \"alphas\": [0.5]}\n"
                                  "{\"alpa\": 0.5}\n"
                                  "0.5\n"
                                  "{\"alphas\": [0.5, -1]}\n");
  const std::string at = "s.json: /speculation/acceptance/file: " + file.string() + ":";
  EXPECT_EQ(problems_of(with_acceptance({{"kind", "trace"}, {"file", "a.jsonl"}}), dir.path()),
            (std::vector<std::string>{
                at + "2: alpha: must be a number >= 0 and <= 1, got 1.7",
                at + "3: needs \"alpha\" (a number) or \"alphas\" (a list by position)",
                at + "4: alphas: given together with alpha; give one of the two",
                at + "5: alpa: unknown key (did you mean \"alpha\"?)",
                at + "6: must be a JSON object, got 0.5",
                at + "7: alphas: must be a non-empty list of numbers >= 0 and <= 1, got -1 at "
                     "index 1",
            }));
}

TEST(ConfigAcceptance, ATraceShorterThanTheRunIsRefusedWithBothNumbers) {
  ScratchDir dir;
  const fs::path file = dir.write("a.jsonl", records(11));
  const json acceptance = {{"kind", "trace"}, {"file", "a.jsonl"}};
  EXPECT_NO_THROW(
      load(with_acceptance(acceptance, {{"clients", 2}, {"requests_per_client", 5}}), dir.path()));
  EXPECT_EQ(problems_of(with_acceptance(acceptance, {{"clients", 3}, {"requests_per_client", 4}}),
                        dir.path()),
            std::vector<std::string>{
                "s.json: /speculation/acceptance/file: " + file.string() +
                " has 11 records, but the run has 12 requests (workload.clients x "
                "workload.requests_per_client = 3 x 4), and each replays its own record"});
  // Raising the number of requests from the command line names the override.
  const auto problems = problems_of(with_acceptance(acceptance, {{"clients", 2}}), dir.path(),
                                    {"workload.requests_per_client=6"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /speculation/acceptance/file: ", 0), 0u) << problems[0];
  EXPECT_NE(problems[0].find("has 11 records, but the run has 12 requests"), std::string::npos);
}

TEST(ConfigAcceptance, WithAWorkloadTraceTheTraceDecidesHowManyRecordsAreNeeded) {
  ScratchDir dir;
  const std::string line = "{\"arrival_ms\": 0, \"prompt_tokens\": 1, \"output_tokens\": 1";
  // Five lines on two clients, in turn: records 0..4.
  std::string balanced;
  for (int i = 0; i < 5; ++i) balanced += line + "}\n";
  // Three lines all on client 1: its third request replays record 2 x 2 + 1 = 5.
  const std::string skewed =
      line + ", \"client\": 1}\n" + line + ", \"client\": 1}\n" + line + ", \"client\": 1}\n";
  // The same, but the last has its own alpha: records up to 1 x 2 + 1 = 3 are asked for.
  const std::string own = line + ", \"client\": 1}\n" + line + ", \"client\": 1}\n" + line +
                          ", \"client\": 1, \"alpha\": 0.5}\n";
  dir.write("balanced.jsonl", balanced);
  dir.write("skewed.jsonl", skewed);
  dir.write("own.jsonl", own);
  const fs::path file = dir.write("a.jsonl", records(5));
  const json acceptance = {{"kind", "trace"}, {"file", "a.jsonl"}};
  const auto workload = [](const std::string& trace) {
    return json{{"clients", 2}, {"arrival", {{"kind", "trace"}, {"file", trace}}}};
  };
  EXPECT_NO_THROW(load(with_acceptance(acceptance, workload("balanced.jsonl")), dir.path()));
  EXPECT_NO_THROW(load(with_acceptance(acceptance, workload("own.jsonl")), dir.path()));
  EXPECT_EQ(problems_of(with_acceptance(acceptance, workload("skewed.jsonl")), dir.path()),
            std::vector<std::string>{
                "s.json: /speculation/acceptance/file: " + file.string() +
                " has 5 records, but the run needs 6: request r of client c replays record r x "
                "workload.clients + c, and the workload trace's requests reach record 5 "
                "(counting from 0)"});
}

TEST(ConfigAcceptance, AMissingTraceFileIsRefused) {
  const auto problems =
      problems_of(with_acceptance({{"kind", "trace"}, {"file", "traces/no-such-records.jsonl"}}));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /speculation/acceptance/file: file not found: "
                              "\"traces/no-such-records.jsonl\"",
                              0),
            0u)
      << problems[0];
}

TEST(ConfigAcceptance, TheShippedAcceptanceTraceLoads) {
  const auto loaded =
      load(with_acceptance({{"kind", "trace"}, {"file", "scenarios/traces/acceptance.jsonl"}},
                           {{"clients", 4}, {"requests_per_client", 100}}));
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  ASSERT_EQ(a.records.size(), 400u);
  double sum = 0;
  for (const auto& r : a.records) sum += r.alpha;
  // Drawn from Beta(8, 2): mean 0.8, standard deviation 0.12, so the mean of 400 is within
  // 0.8 +- 0.02 at more than three standard errors.
  EXPECT_NEAR(sum / 400, 0.8, 0.02);
  EXPECT_FALSE(problems_of(with_acceptance(
                               {{"kind", "trace"}, {"file", "scenarios/traces/acceptance.jsonl"}},
                               {{"clients", 4}, {"requests_per_client", 101}}))
                   .empty());
}

}  // namespace
}  // namespace dsdsi
