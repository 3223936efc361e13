// `speculation.policy`: each kind parses into PolicyParams with its defaults, every kind of the
// table is registered in make_speculation_policy(), and bad values (a kind's range, another
// kind's parameter, gamma_min > gamma_max, a starting gamma outside the range, an adaptive
// policy in a mode without edge drafting) are refused at their own JSON pointer.
#include <gtest/gtest.h>

#include <algorithm>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/policy_param.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

LoadedScenario load(const json& document, const std::vector<std::string>& sets = {}) {
  return load_in(DSDSI_SOURCE_DIR, document, sets);
}

std::vector<std::string> problems_of(const json& document,
                                     const std::vector<std::string>& sets = {}) {
  return problems_in(DSDSI_SOURCE_DIR, document, sets);
}

json with_policy(const json& policy, const std::string& mode = "dsd_sync") {
  return {{"schema_version", 1}, {"mode", mode}, {"speculation", {{"policy", policy}}}};
}

// Whether one of `problems` contains every piece of `expected`.
bool has_problem(const std::vector<std::string>& problems,
                 const std::vector<std::string>& expected) {
  return std::any_of(problems.begin(), problems.end(), [&](const std::string& p) {
    return std::all_of(expected.begin(), expected.end(), [&](const std::string& piece) {
      return p.find(piece) != std::string::npos;
    });
  });
}

std::string joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) text += p + "\n";
  return text;
}

TEST(ConfigPolicy, AbsentIsFixed) {
  const auto loaded = load({{"schema_version", 1}});
  EXPECT_EQ(loaded.scenario.speculation.policy.kind, PolicyKind::fixed);
  EXPECT_FALSE(loaded.resolved["speculation"].contains("policy"));  // resolved runs unchanged
  const auto given = load(with_policy({{"kind", "fixed"}}));
  EXPECT_EQ(given.scenario.speculation.policy.kind, PolicyKind::fixed);
  EXPECT_EQ(given.resolved["speculation"]["policy"], json({{"kind", "fixed"}}));
  // fixed is valid in every mode
  for (const char* mode : {"cloud_ar", "colocated_sd", "edge_ar", "dsd_pipelined"}) {
    EXPECT_NO_THROW(load(with_policy({{"kind", "fixed"}}, mode))) << mode;
  }
}

TEST(ConfigPolicy, AnalyticOptimalDefaults) {
  const auto loaded = load(with_policy({{"kind", "analytic_optimal"}}));
  const PolicyParams& p = loaded.scenario.speculation.policy;
  EXPECT_EQ(p.kind, PolicyKind::analytic_optimal);
  EXPECT_EQ(p.gamma_min, 1);
  EXPECT_EQ(p.gamma_max, 12);
  EXPECT_EQ(p.ewma_weight, 0.02);
  EXPECT_EQ(p.warmup_rounds, 10);
  EXPECT_EQ(loaded.resolved["speculation"]["policy"], json({{"kind", "analytic_optimal"},
                                                            {"gamma_min", 1},
                                                            {"gamma_max", 12},
                                                            {"ewma_weight", 0.02},
                                                            {"warmup_rounds", 10}}));
}

TEST(ConfigPolicy, AimdDefaultsAndValues) {
  const PolicyParams d = load(with_policy({{"kind", "aimd"}})).scenario.speculation.policy;
  EXPECT_EQ(d.kind, PolicyKind::aimd);
  EXPECT_EQ(d.increase, 1);
  EXPECT_EQ(d.decrease_factor, 0.5);
  const PolicyParams p = load(with_policy({{"kind", "aimd"},
                                           {"gamma_min", 2},
                                           {"gamma_max", 16},
                                           {"increase", 2},
                                           {"decrease_factor", 0.75}}))
                             .scenario.speculation.policy;
  EXPECT_EQ(p.gamma_min, 2);
  EXPECT_EQ(p.gamma_max, 16);
  EXPECT_EQ(p.increase, 2);
  EXPECT_EQ(p.decrease_factor, 0.75);
}

TEST(ConfigPolicy, AwcDefaultsAndValues) {
  const PolicyParams d =
      load(with_policy({{"kind", "awc"}}, "dsd_pipelined")).scenario.speculation.policy;
  EXPECT_EQ(d.kind, PolicyKind::awc);
  EXPECT_EQ(d.ewma_weight, 0.01);
  EXPECT_EQ(d.warmup_rounds, 10);
  EXPECT_EQ(d.gamma_smoothing, 0.2);
  EXPECT_EQ(d.fallback, DecodingMode::colocated_sd);
  EXPECT_EQ(d.cloud_tpot_ms, 0);  // absent: the closed-form prior
  EXPECT_EQ(d.switch_margin, 0.03);
  EXPECT_EQ(d.switch_confidence, 1.5);
  EXPECT_EQ(d.probe_every, 4);
  EXPECT_EQ(d.probe_overhead, 0.01);
  const auto loaded = load(with_policy({{"kind", "awc"},
                                        {"fallback", "cloud_ar"},
                                        {"cloud_tpot_ms", 25},
                                        {"switch_margin", 0},
                                        {"switch_confidence", 0},
                                        {"probe_every", 10},
                                        {"probe_overhead", 0.1}}));
  const PolicyParams& p = loaded.scenario.speculation.policy;
  EXPECT_EQ(p.fallback, DecodingMode::cloud_ar);
  EXPECT_EQ(p.cloud_tpot_ms, 25);
  EXPECT_EQ(p.switch_margin, 0);
  EXPECT_EQ(p.switch_confidence, 0);
  EXPECT_EQ(p.probe_every, 10);
  EXPECT_EQ(p.probe_overhead, 0.1);
  EXPECT_EQ(loaded.resolved["speculation"]["policy"]["fallback"], "cloud_ar");
}

TEST(ConfigPolicy, WaitQuantileDefaultsAndValues) {
  const PolicyParams d = load(with_policy({{"kind", "wait_quantile"}})).scenario.speculation.policy;
  EXPECT_EQ(d.kind, PolicyKind::wait_quantile);
  EXPECT_EQ(d.gamma_min, 1);
  EXPECT_EQ(d.gamma_max, 12);
  EXPECT_EQ(d.ewma_weight, 0.02);
  EXPECT_EQ(d.warmup_rounds, 10);
  EXPECT_EQ(d.quantile, 0.9);
  EXPECT_EQ(d.window_rounds, 20);
  const PolicyParams p =
      load(with_policy({{"kind", "wait_quantile"}, {"quantile", 0.5}, {"window_rounds", 50}}))
          .scenario.speculation.policy;
  EXPECT_EQ(p.quantile, 0.5);
  EXPECT_EQ(p.window_rounds, 50);
}

TEST(ConfigPolicy, SetOverridesChooseAKind) {
  const auto loaded = load({{"schema_version", 1}},
                           {"speculation.policy.kind=aimd", "speculation.policy.increase=3"});
  EXPECT_EQ(loaded.scenario.speculation.policy.kind, PolicyKind::aimd);
  EXPECT_EQ(loaded.scenario.speculation.policy.increase, 3);
}

// The table and the registry agree: every kind the table accepts (its example included) makes a
// policy.
TEST(ConfigPolicy, EveryKindIsRegisteredAndItsExampleLoads) {
  const auto family = speculation_policy_family();
  EXPECT_EQ(family->kind_names(), (std::vector<std::string>{"fixed", "analytic_optimal", "aimd",
                                                            "awc", "wait_quantile"}));
  PolicyContext context;
  context.draft_ms_per_token = 10;
  context.cloud_ar_tpot_ms = 20;
  context.colocated_tpot_ms = 17.85;
  for (const auto& kind : family->kinds) {
    const auto loaded = load(with_policy(kind.example));
    const auto policy = make_speculation_policy(loaded.scenario.speculation, context);
    ASSERT_NE(policy, nullptr) << kind.name;
    EXPECT_EQ(policy->next_gamma(), 4) << kind.name;  // every kind starts at speculation.gamma
    EXPECT_EQ(policy->decoding_for_next_request(), RequestDecoding::dsd) << kind.name;
  }
}

struct BadCase {
  json policy;
  std::vector<std::string> expected;
};

TEST(ConfigPolicy, EachParameterIsRangeChecked) {
  const BadCase cases[] = {
      {{{"kind", "analytic_optimal"}, {"gamma_min", 0}},
       {"/speculation/policy/gamma_min: must be an integer >= 1 and <= 256, got 0"}},
      {{{"kind", "aimd"}, {"gamma_max", 300}},
       {"/speculation/policy/gamma_max: must be an integer >= 1 and <= 256, got 300"}},
      {{{"kind", "analytic_optimal"}, {"ewma_weight", 0}},
       {"/speculation/policy/ewma_weight: must be a number > 0 and <= 1, got 0"}},
      {{{"kind", "awc"}, {"ewma_weight", 1.5}}, {"/speculation/policy/ewma_weight:", "got 1.5"}},
      {{{"kind", "analytic_optimal"}, {"warmup_rounds", 0}},
       {"/speculation/policy/warmup_rounds: must be an integer >= 1 and <= 1000000000, got 0"}},
      {{{"kind", "aimd"}, {"increase", 0}},
       {"/speculation/policy/increase: must be an integer >= 1 and <= 256, got 0"}},
      {{{"kind", "aimd"}, {"decrease_factor", 1}},
       {"/speculation/policy/decrease_factor: must be a number > 0 and < 1, got 1"}},
      {{{"kind", "aimd"}, {"decrease_factor", 0}}, {"/speculation/policy/decrease_factor:"}},
      {{{"kind", "awc"}, {"gamma_smoothing", 0}},
       {"/speculation/policy/gamma_smoothing: must be a number > 0 and <= 1, got 0"}},
      {{{"kind", "awc"}, {"fallback", "edge_ar"}},
       {"/speculation/policy/fallback: must be one of \"colocated_sd\", \"cloud_ar\", got "
        "\"edge_ar\""}},
      {{{"kind", "awc"}, {"cloud_tpot_ms", 0}},
       {"/speculation/policy/cloud_tpot_ms: must be a number >= 1e-06 and <= 1000000000, got 0"}},
      {{{"kind", "awc"}, {"switch_margin", -0.1}},
       {"/speculation/policy/switch_margin: must be a number >= 0 and <= 100, got -0.1"}},
      {{{"kind", "awc"}, {"switch_confidence", -1}},
       {"/speculation/policy/switch_confidence: must be a number >= 0 and <= 100, got -1"}},
      {{{"kind", "awc"}, {"probe_every", 0}},
       {"/speculation/policy/probe_every: must be an integer >= 1 and <= 1000000000, got 0"}},
      {{{"kind", "awc"}, {"probe_overhead", 0}},
       {"/speculation/policy/probe_overhead: must be a number > 0 and <= 1, got 0"}},
      {{{"kind", "awc"}, {"probe_every", "4"}}, {"/speculation/policy/probe_every:", "got \"4\""}},
      {{{"kind", "wait_quantile"}, {"quantile", 0}},
       {"/speculation/policy/quantile: must be a number > 0 and <= 1, got 0"}},
      {{{"kind", "wait_quantile"}, {"quantile", 1.5}},
       {"/speculation/policy/quantile:", "got 1.5"}},
      {{{"kind", "wait_quantile"}, {"window_rounds", 0}},
       {"/speculation/policy/window_rounds: must be an integer >= 1 and <= 10000, got 0"}},
      {{{"kind", "wait_quantile"}, {"window_rounds", 20000}},
       {"/speculation/policy/window_rounds:", "got 20000"}},
      {{{"kind", "analytic_optimal"}, {"quantile", 0.9}},
       {"/speculation/policy/quantile: not a parameter of kind \"analytic_optimal\""}},
  };
  for (const auto& c : cases) {
    const auto problems = problems_of(with_policy(c.policy));
    EXPECT_TRUE(has_problem(problems, c.expected)) << c.policy.dump() << "\n" << joined(problems);
  }
}

TEST(ConfigPolicy, KindsAndKeysAreChecked) {
  const BadCase cases[] = {
      {{{"kind", "adaptive"}},
       {"/speculation/policy/kind: must be one of \"fixed\", \"analytic_optimal\", \"aimd\", "
        "\"awc\", \"wait_quantile\", got \"adaptive\""}},
      {{{"kind", "aimdd"}}, {"/speculation/policy/kind:", "(did you mean \"aimd\"?)"}},
      {{{"gamma_max", 8}}, {"/speculation/policy/kind: required"}},
      {{{"kind", "aimd"}, {"ewma_weight", 0.1}},
       {"/speculation/policy/ewma_weight: not a parameter of kind \"aimd\" (it belongs to kind "
        "\"analytic_optimal\", \"awc\", \"wait_quantile\")"}},
      {{{"kind", "fixed"}, {"gamma_max", 8}},
       {"/speculation/policy/gamma_max: not a parameter of kind \"fixed\""}},
      {{{"kind", "analytic_optimal"}, {"probe_every", 3}},
       {"/speculation/policy/probe_every: not a parameter of kind \"analytic_optimal\" (it "
        "belongs to kind \"awc\")"}},
      {{{"kind", "awc"}, {"swich_margin", 0.1}},
       {"/speculation/policy/swich_margin: unknown key (did you mean \"switch_margin\"?)"}},
  };
  for (const auto& c : cases) {
    const auto problems = problems_of(with_policy(c.policy));
    EXPECT_TRUE(has_problem(problems, c.expected)) << c.policy.dump() << "\n" << joined(problems);
  }
  EXPECT_TRUE(has_problem(problems_of(with_policy(4)),
                          {"/speculation/policy: must be an object whose \"kind\" is one of"}));
}

TEST(ConfigPolicy, RangeMustHoldTheStartingGamma) {
  auto problems = problems_of(with_policy({{"kind", "aimd"}, {"gamma_min", 6}, {"gamma_max", 3}}));
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/gamma_max: must be >= gamma_min (6), "
                                     "got 3"}))
      << joined(problems);
  // speculation.gamma is the window the adaptive policies start from.
  json doc = with_policy({{"kind", "analytic_optimal"}, {"gamma_max", 8}});
  doc["speculation"]["gamma"] = 10;
  problems = problems_of(doc);
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/gamma_max: must be >= speculation.gamma "
                                     "(10), the window the policy starts from, got 8"}))
      << joined(problems);
  doc = with_policy({{"kind", "awc"}, {"gamma_min", 5}});
  problems = problems_of(doc);
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/gamma_min: must be <= speculation.gamma "
                                     "(4), the window the policy starts from, got 5"}))
      << joined(problems);
  // fixed has no range.
  doc = with_policy({{"kind", "fixed"}});
  doc["speculation"]["gamma"] = 200;
  EXPECT_NO_THROW(load(doc));
}

// An adaptive policy in a mode whose edge drafts no windows would choose nothing: an error that
// names the mode, rather than a silent no-op.
TEST(ConfigPolicy, AdaptiveKindsNeedAnEdgeDraftingMode) {
  for (const char* kind : {"analytic_optimal", "aimd", "awc"}) {
    for (const char* mode : {"cloud_ar", "colocated_sd", "edge_ar"}) {
      const auto problems = problems_of(with_policy({{"kind", kind}}, mode));
      EXPECT_TRUE(has_problem(
          problems,
          {"/speculation/policy/kind: \"" + std::string(kind) + "\" sizes the draft windows",
           "/mode \"" + std::string(mode) + "\" does not use", "use \"fixed\""}))
          << kind << " " << mode << "\n"
          << joined(problems);
    }
    EXPECT_NO_THROW(load(with_policy({{"kind", kind}}, "dsd_sync")));
    EXPECT_NO_THROW(load(with_policy({{"kind", kind}}, "dsd_pipelined")));
  }
}

TEST(ConfigPolicy, ProblemsInOnePolicyAreReportedTogether) {
  const auto problems = problems_of(
      with_policy({{"kind", "awc"}, {"gamma_min", 0}, {"increase", 2}, {"probe_every", 0}}));
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/gamma_min:"}));
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/increase: not a parameter of kind"}));
  EXPECT_TRUE(has_problem(problems, {"/speculation/policy/probe_every:"}));
}

}  // namespace
}  // namespace dsdsi
