// Latency model keys (`cloud.verify`, `cloud.ar_step`, `cloud.prefill`, `cloud.draft`,
// `edge.draft`): each kind parses into its LatencySpec, a bare number is a constant, the
// plain-number shorthands apply when a model key is absent and clash when both are given, and
// every parameter's type and range is checked with the problem at its own JSON pointer.
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/latency_param.hpp"
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

// A scenario whose `section.key` is `model`.
json with_model(const std::string& section, const std::string& key, const json& model) {
  return {{"schema_version", 1}, {section, {{key, model}}}};
}

TEST(ConfigLatency, ConstantObjectParses) {
  const auto loaded = load(with_model("cloud", "verify", {{"kind", "constant"}, {"ms", 7.5}}));
  const LatencySpec& spec = loaded.scenario.cloud.verify;
  EXPECT_EQ(spec.kind, LatencyKind::constant);
  EXPECT_EQ(spec.ms, 7.5);
  EXPECT_EQ(loaded.resolved["cloud"]["verify"], json({{"kind", "constant"}, {"ms", 7.5}}));
}

TEST(ConfigLatency, AffineParses) {
  const auto loaded = load(with_model(
      "cloud", "prefill", {{"kind", "affine"}, {"base_ms", 18}, {"per_token_ms", 0.02}}));
  const LatencySpec& spec = loaded.scenario.cloud.prefill;
  EXPECT_EQ(spec.kind, LatencyKind::affine);
  EXPECT_EQ(spec.base_ms, 18);
  EXPECT_EQ(spec.per_token_ms, 0.02);
}

TEST(ConfigLatency, AffineWithOnlyABaseIsValid) {
  const auto loaded = load(
      with_model("cloud", "ar_step", {{"kind", "affine"}, {"base_ms", 9}, {"per_token_ms", 0}}));
  EXPECT_EQ(loaded.scenario.cloud.ar_step.base_ms, 9);
  EXPECT_EQ(loaded.scenario.cloud.ar_step.per_token_ms, 0);
}

TEST(ConfigLatency, RooflineParsesAndItsDefaultIsShownInResolved) {
  const json model = {{"kind", "roofline"},
                      {"params_billion", 8},
                      {"bytes_per_param", 2},
                      {"mem_bw_gbps", 3350},
                      {"peak_tflops", 989}};
  const auto loaded = load(with_model("cloud", "draft", model));
  const LatencySpec& spec = loaded.scenario.cloud.draft;
  EXPECT_EQ(spec.kind, LatencyKind::roofline);
  EXPECT_EQ(spec.params_billion, 8);
  EXPECT_EQ(spec.bytes_per_param, 2);
  EXPECT_EQ(spec.mem_bw_gbps, 3350);
  EXPECT_EQ(spec.peak_tflops, 989);
  EXPECT_EQ(spec.overhead_ms, 0);
  json expected = model;
  expected["overhead_ms"] = 0;
  EXPECT_EQ(loaded.resolved["cloud"]["draft"], expected);
}

TEST(ConfigLatency, NumberOnAModelKeyIsAConstant) {
  const auto loaded = load(with_model("edge", "draft", 16));
  EXPECT_EQ(loaded.scenario.edge.draft.kind, LatencyKind::constant);
  EXPECT_EQ(loaded.scenario.edge.draft.ms, 16);
  // Shown as given; its shorthand is left out, so the record says which key set the model.
  EXPECT_EQ(loaded.resolved["edge"]["draft"], 16);
  EXPECT_FALSE(loaded.resolved["edge"].contains("draft_ms_per_token"));
  EXPECT_EQ(loaded.scenario.edge.draft_ms_per_token, 0);
}

TEST(ConfigLatency, ShorthandsFillEverySpecWhenNoModelKeyIsGiven) {
  json document = {{"schema_version", 1},
                   {"edge", {{"draft_ms_per_token", 16}}},
                   {"cloud",
                    {{"verify_ms", 7},
                     {"ar_step_ms", 6},
                     {"draft_ms_per_token", 3},
                     {"prefill_ms_per_token", 0.05}}}};
  const auto loaded = load(document);
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(s.edge.draft.kind, LatencyKind::constant);
  EXPECT_EQ(s.edge.draft.ms, 16);
  EXPECT_EQ(s.cloud.verify.kind, LatencyKind::constant);
  EXPECT_EQ(s.cloud.verify.ms, 7);
  EXPECT_EQ(s.cloud.ar_step.ms, 6);
  EXPECT_EQ(s.cloud.draft.ms, 3);
  EXPECT_EQ(s.cloud.prefill.kind, LatencyKind::affine);
  EXPECT_EQ(s.cloud.prefill.base_ms, 0);
  EXPECT_EQ(s.cloud.prefill.per_token_ms, 0.05);
  EXPECT_FALSE(loaded.resolved["cloud"].contains("verify"));
}

TEST(ConfigLatency, AModelKeyLeavesTheOtherShorthandsInEffect) {
  json document = with_model("cloud", "verify", 9);
  document["cloud"]["ar_step_ms"] = 6;
  const auto loaded = load(document);
  EXPECT_EQ(loaded.scenario.cloud.verify.ms, 9);
  EXPECT_EQ(loaded.scenario.cloud.ar_step.ms, 6);
  EXPECT_EQ(loaded.scenario.cloud.draft.ms, 10);  // the shorthand's default
  EXPECT_EQ(loaded.resolved["cloud"]["draft_ms_per_token"], 10);
}

TEST(ConfigLatency, ModelKeyAndItsShorthandTogetherIsAProblemAtBothPaths) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"edge.draft", "edge.draft_ms_per_token"},       {"cloud.verify", "cloud.verify_ms"},
      {"cloud.ar_step", "cloud.ar_step_ms"},           {"cloud.draft", "cloud.draft_ms_per_token"},
      {"cloud.prefill", "cloud.prefill_ms_per_token"},
  };
  for (const auto& [model, shorthand] : pairs) {
    const std::string section = model.substr(0, model.find('.'));
    const std::string model_key = model.substr(model.find('.') + 1);
    const std::string shorthand_key = shorthand.substr(shorthand.find('.') + 1);
    json document = with_model(section, model_key, 5);
    document[section][shorthand_key] = 5;
    const auto problems = problems_of(document);
    ASSERT_EQ(problems.size(), 2u) << model;
    const std::string model_pointer = "/" + section + "/" + model_key;
    const std::string shorthand_pointer = "/" + section + "/" + shorthand_key;
    EXPECT_EQ(problems[0].rfind(
                  "s.json: " + model_pointer + ": given together with " + shorthand_pointer, 0),
              0u)
        << problems[0];
    EXPECT_EQ(problems[1].rfind(
                  "s.json: " + shorthand_pointer + ": given together with " + model_pointer, 0),
              0u)
        << problems[1];
    EXPECT_NE(problems[1].find("give one of the two"), std::string::npos) << problems[1];
  }
}

TEST(ConfigLatency, ShorthandSetByOverrideNextToAModelIsAttributedToTheOverride) {
  const auto problems = problems_of(with_model("cloud", "verify", 5), {"cloud.verify_ms=3"});
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind("s.json: /cloud/verify: given together with", 0), 0u);
  EXPECT_EQ(problems[1].rfind("--set cloud.verify_ms=3: /cloud/verify_ms: given together", 0), 0u);
}

TEST(ConfigLatency, ABadNumberOrTypeNamesBothForms) {
  const std::string requirement =
      "must be a number >= 1e-06 and <= 1000000000 (shorthand for {\"kind\": \"constant\", "
      "\"ms\": ...}) or an object whose \"kind\" is one of \"constant\", \"affine\", \"table\", "
      "\"roofline\"";
  for (const json& bad : {json(0), json(-2), json("fast"), json(true), json::array({1})}) {
    const auto problems = problems_of(with_model("cloud", "verify", bad));
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_EQ(problems[0], "s.json: /cloud/verify: " + requirement + ", got " + bad.dump());
  }
}

struct BadModel {
  json model;
  std::string expected;  // the one problem, after "s.json: /cloud/verify"
};

TEST(ConfigLatency, EachParameterIsCheckedAtItsOwnPointer) {
  const std::vector<BadModel> cases = {
      {{{"kind", "constant"}, {"ms", 0}},
       "/ms: must be a number >= 1e-06 and <= 1000000000, got 0"},
      {{{"kind", "constant"}, {"ms", "7"}},
       "/ms: must be a number >= 1e-06 and <= 1000000000, got \"7\""},
      {{{"kind", "constant"}}, "/ms: required for kind \"constant\""},
      {{{"kind", "affine"}, {"base_ms", -1}, {"per_token_ms", 1}},
       "/base_ms: must be a number >= 0 and <= 1000000000, got -1"},
      {{{"kind", "affine"}, {"base_ms", 1}, {"per_token_ms", -0.5}},
       "/per_token_ms: must be a number >= 0 and <= 1000000000, got -0.5"},
      {{{"kind", "affine"}, {"base_ms", 1}}, "/per_token_ms: required for kind \"affine\""},
      {{{"kind", "affine"}, {"base_ms", 0}, {"per_token_ms", 0}},
       ": base_ms and per_token_ms are both 0: every step would take no time (one of them must "
       "be > 0)"},
      {{{"kind", "table"}}, "/file: required for kind \"table\""},
      {{{"kind", "table"}, {"file", 3}}, "/file: must be a string, got 3"},
      {{{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}, {"extrapolate", "yes"}},
       "/extrapolate: must be true or false, got \"yes\""},
      {{{"kind", "roofline"},
        {"params_billion", 0},
        {"bytes_per_param", 2},
        {"mem_bw_gbps", 3350},
        {"peak_tflops", 989}},
       "/params_billion: must be a number > 0 and <= 100000, got 0"},
      {{{"kind", "roofline"},
        {"params_billion", 8},
        {"bytes_per_param", 2},
        {"mem_bw_gbps", 3350},
        {"peak_tflops", 989},
        {"overhead_ms", -1}},
       "/overhead_ms: must be a number >= 0 and <= 1000000000, got -1"},
      {{{"kind", "roofline"}, {"params_billion", 8}, {"bytes_per_param", 2}, {"peak_tflops", 989}},
       "/mem_bw_gbps: required for kind \"roofline\""},
      {{{"ms", 5}},
       "/kind: required: the latency model's kind, one of \"constant\", \"affine\", \"table\", "
       "\"roofline\""},
      {{{"kind", "tabel"}, {"file", "x.csv"}},
       "/kind: must be one of \"constant\", \"affine\", \"table\", \"roofline\", got \"tabel\" "
       "(did you mean \"table\"?)"},
      {{{"kind", 1}},
       "/kind: must be one of \"constant\", \"affine\", \"table\", \"roofline\", got 1"},
      {{{"kind", "affine"}, {"base_ms", 1}, {"per_token", 0.1}, {"per_token_ms", 0.1}},
       "/per_token: unknown key (did you mean \"per_token_ms\"?)"},
      {{{"kind", "constant"}, {"ms", 5}, {"colour", 1}}, "/colour: unknown key"},
      {{{"kind", "constant"}, {"ms", 5}, {"per_token_ms", 1}},
       "/per_token_ms: not a parameter of kind \"constant\" (it belongs to kind \"affine\")"},
  };
  for (const auto& c : cases) {
    const auto problems = problems_of(with_model("cloud", "verify", c.model));
    ASSERT_EQ(problems.size(), 1u) << c.model.dump();
    EXPECT_EQ(problems[0], "s.json: /cloud/verify" + c.expected) << c.model.dump();
  }
}

TEST(ConfigLatency, EveryProblemInAModelIsReportedAtOnce) {
  const json model = {{"kind", "roofline"},
                      {"params_billion", -8},
                      {"bytes_per_param", "2"},
                      {"peak_tflops", 989},
                      {"overhead_msec", 1}};
  const std::vector<std::string> expected = {
      "s.json: /cloud/ar_step/overhead_msec: unknown key (did you mean \"overhead_ms\"?)",
      "s.json: /cloud/ar_step/params_billion: must be a number > 0 and <= 100000, got -8",
      "s.json: /cloud/ar_step/bytes_per_param: must be a number > 0 and <= 64, got \"2\"",
      "s.json: /cloud/ar_step/mem_bw_gbps: required for kind \"roofline\"",
  };
  EXPECT_EQ(problems_of(with_model("cloud", "ar_step", model)), expected);
}

TEST(ConfigLatency, OverrideIntoAModelObjectIsAttributedToIt) {
  const auto document = with_model("cloud", "verify", {{"kind", "constant"}, {"ms", 5}});
  EXPECT_EQ(load(document, {"cloud.verify.ms=8"}).scenario.cloud.verify.ms, 8);
  const auto problems = problems_of(document, {"cloud.verify.ms=-1"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "--set cloud.verify.ms=-1: /cloud/verify/ms: must be a number >= 1e-06 and <= "
            "1000000000, got -1");
}

TEST(ConfigLatency, ResolvedScenarioWithModelsLoadsToItself) {
  json document =
      with_model("cloud", "verify", {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}});
  document["cloud"]["prefill"] = {{"kind", "affine"}, {"base_ms", 2}, {"per_token_ms", 0.03}};
  document["edge"] = {{"draft", 12}};
  const json resolved = load(document).resolved;
  EXPECT_TRUE(
      std::filesystem::path(resolved["cloud"]["verify"]["file"].get<std::string>()).is_absolute());
  EXPECT_EQ(resolved["cloud"]["verify"]["extrapolate"], false);
  EXPECT_FALSE(resolved["cloud"].contains("verify_ms"));
  EXPECT_FALSE(resolved["cloud"].contains("prefill_ms_per_token"));
  EXPECT_TRUE(resolved["cloud"].contains("ar_step_ms"));
  EXPECT_EQ(load(resolved).resolved, resolved);
}

TEST(ConfigLatency, EveryKindsDocumentedExampleLoads) {
  for (const auto& kind : latency_model_family()->kinds) {
    const auto loaded = load(with_model("cloud", "verify", kind.example));
    EXPECT_EQ(loaded.resolved["cloud"]["verify"]["kind"], kind.name);
  }
}

TEST(ConfigLatency, TheReferenceDocumentsEveryKindAndParameter) {
  const std::string markdown = scenario_reference_markdown();
  EXPECT_NE(markdown.find("## Latency models"), std::string::npos);
  for (const char* key :
       {"edge.draft", "cloud.verify", "cloud.ar_step", "cloud.prefill", "cloud.draft"}) {
    EXPECT_NE(markdown.find("| `" + std::string(key) + "` | number or object | ms |"),
              std::string::npos)
        << key;
  }
  for (const auto& kind : latency_model_family()->kinds) {
    EXPECT_NE(markdown.find("### `" + kind.name + "`"), std::string::npos) << kind.name;
    for (const auto& param : kind.params) {
      EXPECT_NE(markdown.find("| `" + param.path + "` | "), std::string::npos) << param.path;
    }
  }
  EXPECT_NE(markdown.find("When absent, `cloud.verify_ms` applies."), std::string::npos);
  EXPECT_NE(markdown.find("Not together with `cloud.verify`."), std::string::npos);
}

TEST(ConfigLatency, CheckValueJoinsTheProblemsOfAModel) {
  json value = {{"kind", "constant"}, {"ms", -1}, {"x", 1}};
  const auto problem = check_value(*find_param("cloud.verify"), value);
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "/x: unknown key; /ms: must be a number >= 1e-06 and <= 1000000000, got -1");
  json good = 4;
  EXPECT_FALSE(check_value(*find_param("cloud.verify"), good));
}

}  // namespace
}  // namespace dsdsi
