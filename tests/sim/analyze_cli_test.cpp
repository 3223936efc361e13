// dsdsi analyze prints the closed forms of docs/model.md for a scenario's parameters: checked
// against the model layer's functions on the same inputs, and against the model's reference values.
#include <gtest/gtest.h>

#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "run_binary.hpp"

namespace {

namespace cf = dsdsi::closed_form;

TEST(AnalyzeCli, JsonHoldsTheModelsReferenceValues) {
  // docs/model.md's first reference set; header 0 and fast links make serialisation negligible.
  const std::vector<std::string> sets = {"network.header_bytes=0", "network.uplink_mbps=1e6",
                                         "network.downlink_mbps=1e6"};
  std::vector<std::string> args = {
      "analyze", dsdsi::test::source_path("scenarios/quickstart.json").string(), "--json"};
  for (const auto& s : sets) args.insert(args.end(), {"--set", s});
  const auto run = dsdsi::test::run_dsdsi(args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto a = nlohmann::json::parse(run.output);
  EXPECT_NEAR(a.at("expected_tokens_per_round").get<double>(), 3.3616, 1e-3);
  EXPECT_NEAR(a.at("tpot_ms").at("colocated_sd").get<double>(), 17.8486, 1e-3);
  EXPECT_NEAR(a.at("tpot_ms").at("dsd_sync").get<double>(), 32.7225, 1e-3);
  EXPECT_NEAR(a.at("tpot_ms").at("dsd_pipelined").get<double>(), 28.8234, 1e-3);
  EXPECT_NEAR(a.at("capacity_ratio").get<double>(), 3.0, 1e-9);
  EXPECT_EQ(a.at("optimal_gamma_dsd_sync"), 5);
  EXPECT_NEAR(a.at("dsd_sync_beats_cloud_ar_below_rtt_ms").get<double>(), 3.3616 * 20 - 60, 1e-3);
  EXPECT_EQ(a.at("dsd_sync_beats_colocated_sd_below_rtt_ms"), "never");
  EXPECT_DOUBLE_EQ(a.at("pipelining_window_ms").get<double>(), 50);
}

TEST(AnalyzeCli, TextAgreesWithTheModelLayerOnTheScenariosOwnInputs) {
  const std::string scenario = dsdsi::test::source_path("scenarios/rtt_sweep_modes.json").string();
  const auto run = dsdsi::test::run_dsdsi({"analyze", scenario});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto in = cf::inputs_for(dsdsi::load_scenario(scenario, {}).scenario);
  char expected[96];
  std::snprintf(expected, sizeof expected, "  dsd_sync beats cloud_ar          below %.2f ms",
                *cf::break_even_rtt(in));
  EXPECT_NE(run.output.find(expected), std::string::npos) << run.output;
  for (const char* line : {"per-token time (ms)", "optimal gamma for dsd_sync", "pipelining window",
                           "capacity ratio"}) {
    EXPECT_NE(run.output.find(line), std::string::npos) << line << "\n" << run.output;
  }
}

TEST(AnalyzeCli, PlatformScenarioIsBadInput) {
  const auto run = dsdsi::test::run_dsdsi(
      {"analyze", dsdsi::test::source_path("tests/data/xml_platform_scenario.json").string()});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("the closed forms do not apply: the scenario runs on a platform file"), std::string::npos)
      << run.output;
}

}  // namespace
