// --set PATH=VALUE: parsing the arguments, applying them to the document, and naming the
// override as the source of the problems its value causes.
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

json minimal() { return {{"schema_version", 1}}; }

LoadedScenario load_with(const json& document, const std::vector<std::string>& sets) {
  return load_in(std::filesystem::path(), document, sets);
}

std::vector<std::string> problems_of(const json& document, const std::vector<std::string>& sets) {
  return problems_in(std::filesystem::path(), document, sets);
}

TEST(ConfigOverrides, ParseReadsValueAsJsonElseAsString) {
  const auto overrides = parse_overrides({"network.rtt_ms=20", "mode=cloud_ar", "a.b={\"c\": [1]}",
                                          "description=\"42\"", "x=true", "y=", "z=a=b"});
  ASSERT_EQ(overrides.size(), 7u);
  EXPECT_EQ(overrides[0].path, "network.rtt_ms");
  EXPECT_EQ(overrides[0].value, json(20));
  EXPECT_EQ(overrides[0].text, "network.rtt_ms=20");
  EXPECT_EQ(overrides[1].value, json("cloud_ar"));
  EXPECT_EQ(overrides[2].value, json::parse(R"({"c": [1]})"));
  EXPECT_EQ(overrides[3].value, json("42"));
  EXPECT_EQ(overrides[4].value, json(true));
  EXPECT_EQ(overrides[5].value, json(""));
  EXPECT_EQ(overrides[6].path, "z");
  EXPECT_EQ(overrides[6].value, json("a=b"));
}

TEST(ConfigOverrides, MalformedArgumentsAreAllReported) {
  try {
    parse_overrides({"gamma", "=4", "ok.path=1", "a..b=1", ".a=1", "a.=1"});
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    const std::vector<std::string> expected = {
        "--set gamma: --set takes PATH=VALUE as one argument, e.g. --set gamma=VALUE",
        "--set =4: the PATH before '=' is empty (expected PATH=VALUE)",
        "--set a..b=1: empty key in PATH \"a..b\" (keys are separated by single dots)",
        "--set .a=1: empty key in PATH \".a\" (keys are separated by single dots)",
        "--set a.=1: empty key in PATH \"a.\" (keys are separated by single dots)",
    };
    EXPECT_EQ(error.problems(), expected);
  }
}

TEST(ConfigOverrides, ApplyReplacesAndCreatesIntermediateObjects) {
  json document = minimal();
  document["network"]["rtt_ms"] = 10;
  const auto loaded = load_with(
      document, {"network.rtt_ms=30", "speculation.acceptance.alpha=0.5", "mode=edge_ar"});
  EXPECT_EQ(loaded.scenario.network.rtt_ms.value, 30);
  EXPECT_EQ(loaded.scenario.speculation.acceptance.alpha, 0.5);
  EXPECT_EQ(loaded.scenario.mode, DecodingMode::edge_ar);
  EXPECT_EQ(loaded.resolved["network"]["rtt_ms"], 30);
}

TEST(ConfigOverrides, LaterOverrideOfTheSamePathWins) {
  const auto loaded = load_with(minimal(), {"speculation.gamma=2", "speculation.gamma=6"});
  EXPECT_EQ(loaded.scenario.speculation.gamma, 6);
}

TEST(ConfigOverrides, CanSetAWholeSection) {
  const auto loaded = load_with(minimal(), {R"(workload={"clients": 8, "output_tokens": 16})"});
  EXPECT_EQ(loaded.scenario.workload.clients, 8);
  EXPECT_EQ(loaded.scenario.workload.output_tokens, 16);
  EXPECT_EQ(loaded.scenario.workload.requests_per_client, 10);
}

TEST(ConfigOverrides, ProblemCausedByAnOverrideNamesTheOverride) {
  json document = minimal();
  document["network"]["rtt_ms"] = -5;
  const auto problems = problems_of(document, {"speculation.gamma=0", "network.uplink_mbps=fast"});
  const std::vector<std::string> expected = {
      "s.json: /network/rtt_ms: "
      "must be a number >= 0 and <= 1000000000 (shorthand for {\"dist\": \"fixed\", \"value\": "
      "...}) or an object whose \"dist\" is one of \"fixed\", \"uniform\", \"lognormal\", "
      "\"list\", got -5",
      "--set network.uplink_mbps=fast: /network/uplink_mbps: must be a number >= 0.001 and <= "
      "1000000000, got \"fast\"",
      "--set speculation.gamma=0: /speculation/gamma: must be an integer >= 1 and <= 256, got 0",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigOverrides, UnknownKeyThroughAnOverrideIsAttributedAndSuggested) {
  const auto problems = problems_of(minimal(), {"network.rtt=5", R"(cloud={"verfy_ms": 1})"});
  const std::vector<std::string> expected = {
      "--set cloud={\"verfy_ms\": 1}: /cloud/verfy_ms: unknown key (did you mean \"verify_ms\"?)",
      "--set network.rtt=5: /network/rtt: unknown key (did you mean \"rtt_ms\"?)",
  };
  EXPECT_EQ(problems, expected);
}

TEST(ConfigOverrides, SettingThroughANonObjectIsAProblem) {
  json document = minimal();
  document["seed"] = 3;
  const auto problems = problems_of(document, {"seed.x=1", "speculation.gamma=5"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "--set seed.x=1: /seed: cannot set /seed/x: /seed is 3, not an object");
}

TEST(ConfigOverrides, ObjectCreatedByAnOverrideWhereAValueBelongsIsAttributedToIt) {
  const auto problems = problems_of(minimal(), {"seed.x=1"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "--set seed.x=1: /seed: must be an integer >= 0, got {\"x\":1}");
}

TEST(ConfigOverrides, OverrideCanFixABadValueInTheFile) {
  json document = minimal();
  document["speculation"]["gamma"] = 0;
  EXPECT_EQ(load_with(document, {"speculation.gamma=3"}).scenario.speculation.gamma, 3);
}

}  // namespace
}  // namespace dsdsi
