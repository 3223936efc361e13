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

// On a platform file, each edge host's analysis is the generated network's analysis of a
// one-client link with that host's route: its RTT, bottleneck bandwidths and draft speed, as
// `platform inspect` reports them.
TEST(AnalyzeCli, PlatformScenarioIsAnalysedPerEdgeHostRoute) {
  const std::string scenario = dsdsi::test::source_path("tests/data/xml_platform_scenario.json");
  const auto run = dsdsi::test::run_dsdsi({"analyze", scenario, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto hosts = nlohmann::json::parse(run.output).at("edge_hosts");
  const auto inspect = dsdsi::test::run_dsdsi(
      {"platform", "inspect", dsdsi::test::source_path("platforms/two-region-floyd.xml"), "--json"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  const auto edges = nlohmann::json::parse(inspect.output).at("edge_hosts");
  ASSERT_EQ(hosts.size(), edges.size());
  ASSERT_EQ(hosts.size(), 3u);
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const auto& host = hosts[i];
    const auto& edge = edges[i];
    EXPECT_EQ(host.at("host"), edge.at("host"));
    EXPECT_EQ(host.at("clients"), 1);
    EXPECT_DOUBLE_EQ(host.at("rtt_ms").get<double>(), edge.at("rtt_ms").get<double>());
    const auto& inputs = host.at("closed_forms").at("inputs");
    EXPECT_DOUBLE_EQ(inputs.at("rtt_ms").get<double>(), edge.at("rtt_ms").get<double>());
    const auto own_draft = edge.find("draft_ms_per_token");
    const double draft = own_draft == edge.end() || own_draft->is_null()
                             ? 10.0  // the scenario's edge.draft_ms_per_token
                             : own_draft->get<double>();
    EXPECT_DOUBLE_EQ(inputs.at("t_de_ms").get<double>(), draft);

    const auto number = [](const nlohmann::json& v) { return v.dump(); };
    const auto generated = dsdsi::test::run_dsdsi(
        {"analyze", scenario, "--json", "--set", "platform=null", "--set",
         "network.rtt_ms=" + number(edge.at("rtt_ms")), "--set",
         "network.uplink_mbps=" + number(edge.at("up").at("bottleneck_mbps")), "--set",
         "network.downlink_mbps=" + number(edge.at("down").at("bottleneck_mbps")), "--set",
         "network.cloud_link_gbps=1e6", "--set",
         "edge.draft_ms_per_token=" + number(inputs.at("t_de_ms")), "--set", "workload.clients=1"});
    ASSERT_EQ(generated.exit_code, 0) << generated.output;
    const auto expected = nlohmann::json::parse(generated.output);
    for (const char* mode : {"cloud_ar", "colocated_sd", "dsd_sync", "dsd_pipelined", "edge_ar"}) {
      EXPECT_NEAR(host.at("closed_forms").at("tpot_ms").at(mode).get<double>(),
                  expected.at("tpot_ms").at(mode).get<double>(), 1e-9)
          << host.at("host") << " " << mode;
    }
  }
}

TEST(AnalyzeCli, PlatformNullReturnsToTheGeneratedNetwork) {
  const auto run = dsdsi::test::run_dsdsi(
      {"analyze", dsdsi::test::source_path("tests/data/xml_platform_scenario.json"), "--json",
       "--set", "platform=null", "--set", "workload.clients=1"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // The parameter table's default RTT of the generated star.
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(run.output).at("inputs").at("rtt_ms").get<double>(), 50);
}

}  // namespace
