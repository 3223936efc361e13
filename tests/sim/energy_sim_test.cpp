// Energy through SimGrid's host energy plugin: drafting, prefilling and verifying are executions
// (the host is busy), everything else is waiting (the host idles). The expectations are the model's
// accounting: busy seconds x busy watts + idle seconds x idle watts.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

std::string quickstart() { return source_path("scenarios/quickstart.json").string(); }

// One client decoding alone on its device: it is busy for every token and never idle, so its
// energy is tokens x t_de x watts_busy (the 1% tolerance; the simulation gives it to
// rounding, since prefill takes no time here and there is no think time).
TEST(EnergySim, EdgeArEnergyIsTokensTimesDraftTimeTimesBusyPower) {
  TempDir dir;
  const double t_de = 16, busy = 15;  // idle (5 W) must not count: the device is never idle
  const int tokens = 1000;
  const auto s = run_and_summarize(
      quickstart(),
      {"mode=edge_ar", "edge.draft_ms_per_token=16", "edge.watts_busy=15", "edge.watts_idle=5",
       "workload.requests_per_client=1", "workload.output_tokens=" + std::to_string(tokens)},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const double expected_j = tokens * t_de / 1e3 * busy;
  EXPECT_NEAR(s.at("edge_energy_j").get<double>(), expected_j, 0.01 * expected_j);
  EXPECT_NEAR(s.at("edge_j_per_token").get<double>(), t_de / 1e3 * busy, 0.01 * t_de / 1e3 * busy);
  EXPECT_TRUE(s.at("cloud_energy_j").is_null());  // no server in edge_ar
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_NEAR(std::stod(clients[0].at("edge_energy_j")), expected_j, 0.01 * expected_j);
}

// Synchronous DSD: per round the edge drafts gamma tokens (busy), then waits RTT + t_v (+ the
// serialisation of its messages, 0.07 ms here) for the verdict (idle). The issue asks for the
// formula rounds x (gamma t_de busy + (RTT + t_v) idle) within 2%; 20,000 tokens make the
// shortened last window and the first round's prompt upload negligible (< 0.1%). The exact
// accounting from the run's own counts (drafted tokens busy, the rest of the makespan idle)
// must hold to rounding, and so must the cloud's (busy fraction x makespan at 700 W, the rest at
// 100 W).
TEST(EnergySim, DsdSyncEdgeEnergyIsDraftingAtBusyPowerAndWaitingAtIdlePower) {
  TempDir dir;
  const double t_de = 16, rtt = 50, t_v = 20, busy = 15, idle = 5, gamma = 4;
  const auto s =
      run_and_summarize(quickstart(),
                        {"edge.draft_ms_per_token=16", "edge.watts_busy=15", "edge.watts_idle=5",
                         "cloud.watts_busy=700", "cloud.watts_idle=100",
                         "workload.requests_per_client=1", "workload.output_tokens=20000"},
                        dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const double rounds = s.at("rounds").get<double>();
  const double edge_j = s.at("edge_energy_j").get<double>();
  const double formula_j = rounds * (gamma * t_de * busy + (rtt + t_v) * idle) / 1e3;
  EXPECT_NEAR(edge_j, formula_j, 0.02 * formula_j);

  const double makespan_s = s.at("makespan_ms").get<double>() / 1e3;
  const double drafting_s = s.at("drafted_tokens").get<double>() * t_de / 1e3;
  const double exact_j = drafting_s * busy + (makespan_s - drafting_s) * idle;
  EXPECT_NEAR(edge_j, exact_j, 1e-6 * exact_j);

  const double gpu_s = s.at("server_busy_fraction").get<double>() * makespan_s;
  const double cloud_j = gpu_s * 700 + (makespan_s - gpu_s) * 100;
  EXPECT_NEAR(s.at("cloud_energy_j").get<double>(), cloud_j, 1e-6 * cloud_j);
  EXPECT_NEAR(s.at("cloud_j_per_token").get<double>(), cloud_j / 20000, 1e-6 * cloud_j / 20000);
  const auto servers = read_csv(dir.path() / "out" / "servers.csv");
  ASSERT_EQ(servers.size(), 1u);
  EXPECT_NEAR(std::stod(servers[0].at("energy_j")), cloud_j, 1e-6 * cloud_j);
}

// Pipelined DSD drafts ahead while a window is in flight and throws the work away when the
// verdict disagrees: the edge is busy at least for the tokens it sent and at most for those plus
// a full pre-drafted window (gamma + 1 tokens) per round, and idle the rest of the time.
TEST(EnergySim, PipelinedEdgeEnergyCountsDiscardedPredraftingAsBusy) {
  TempDir dir;
  const double t_de = 16, busy = 15, idle = 5, gamma = 4;
  const auto s = run_and_summarize(
      quickstart(),
      {"mode=dsd_pipelined", "edge.draft_ms_per_token=16", "edge.watts_busy=15",
       "edge.watts_idle=5", "workload.requests_per_client=1", "workload.output_tokens=5000"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const double makespan_s = s.at("makespan_ms").get<double>() / 1e3;
  const double sent_s = s.at("drafted_tokens").get<double>() * t_de / 1e3;
  const double most_s = sent_s + s.at("rounds").get<double>() * (gamma + 1) * t_de / 1e3;
  const double edge_j = s.at("edge_energy_j").get<double>();
  const double least_j = sent_s * busy + (makespan_s - sent_s) * idle;
  const double most_j = most_s * busy + (makespan_s - most_s) * idle;
  EXPECT_GT(edge_j, least_j * (1 + 1e-3));  // some pre-drafting was thrown away
  EXPECT_LT(edge_j, most_j);
}

// Without wattage nothing is measured, and the summary says so with nulls, not zeros.
TEST(EnergySim, WithoutWattageEnergyIsNull) {
  TempDir dir;
  const auto s =
      run_and_summarize(quickstart(), {"workload.requests_per_client=1"}, dir.path() / "out");
  ASSERT_FALSE(s.empty());
  for (const char* key :
       {"edge_energy_j", "edge_j_per_token", "cloud_energy_j", "cloud_j_per_token"}) {
    EXPECT_TRUE(s.at(key).is_null()) << key;
  }
}

// On an XML platform the hosts' wattage_per_state gives the power. The device that declares it
// is measured (its class from device_class); the one that does not has no energy, and so the
// total edge energy is null rather than a partial sum.
TEST(EnergySim, XmlWattagePerStateGivesEachHostsEnergy) {
  TempDir dir;
  const auto s = run_and_summarize(
      quickstart(),
      {"platform=" + source_path("tests/data/platforms/energy-two-devices.xml").string(),
       "network={}", "workload.clients=2", "workload.requests_per_client=1",
       "workload.output_tokens=2000", "cloud.verify_ms=0.05"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  EXPECT_TRUE(s.at("edge_energy_j").is_null());
  EXPECT_FALSE(s.at("cloud_energy_j").is_null());
  const auto& by_class = s.at("by_class");
  ASSERT_TRUE(by_class.contains("jetson-orin")) << by_class.dump();
  ASSERT_TRUE(by_class.contains("default")) << by_class.dump();
  EXPECT_TRUE(by_class.at("default").at("edge_energy_j").is_null());

  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 2u);
  EXPECT_EQ(clients[0].at("host"), "orin");
  EXPECT_EQ(clients[0].at("device_class"), "jetson-orin");
  EXPECT_EQ(clients[1].at("edge_energy_j"), "");
  // The orin's own accounting: its drafted tokens busy at 15 W, the rest of its time at 5 W.
  const auto requests = read_csv(dir.path() / "out" / "requests.csv");
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& r : requests) {
    if (r.at("client") != "0") continue;
    const double end_s = std::stod(r.at("last_token_ms")) / 1e3;
    const double busy_s = std::stod(r.at("drafted")) * 16 / 1e3;
    const double expected = busy_s * 15 + (end_s - busy_s) * 5;
    const double measured = std::stod(clients[0].at("edge_energy_j"));
    EXPECT_NEAR(measured, expected, 1e-6 * expected);
    EXPECT_NEAR(by_class.at("jetson-orin").at("edge_energy_j").get<double>(), measured,
                1e-9 * measured);
  }
}

}  // namespace

namespace {

// `platform inspect` shows what a run will use: each host's wattage (or none) and each edge
// host's device class.
TEST(EnergySim, InspectShowsWattageAndDeviceClass) {
  const auto run = dsdsi::test::run_dsdsi(
      {"platform", "inspect", source_path("tests/data/platforms/energy-two-devices.xml").string(),
       "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto facts = nlohmann::json::parse(run.output);
  EXPECT_EQ(facts.at("cloud_hosts").at(0).at("wattage_per_state"), "100:700:700");
  const auto& edges = facts.at("edge_hosts");
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0].at("device_class"), "jetson-orin");
  EXPECT_EQ(edges[0].at("wattage_per_state"), "5:15:15");
  EXPECT_EQ(edges[1].at("device_class"), "default");
  EXPECT_TRUE(edges[1].at("wattage_per_state").is_null());
}

}  // namespace

// Without powers computing is a sleep, with them an execution (sim/sim_clock.hpp): the times
// must not tell them apart. 40 clients in lock step (ties), batches of 8, three requests each,
// in every mode that computes on both sides: rounds.csv and requests.csv byte for byte.
TEST(EnergySim, ComputingAsASleepGivesTheTimesOfAnExecution) {
  for (const std::string mode : {"dsd_sync", "dsd_pipelined", "cloud_ar", "colocated_sd"}) {
    TempDir dir;
    const std::vector<std::string> common = {"mode=" + mode, "workload.clients=40",
                                             "workload.requests_per_client=3", "cloud.max_batch=8",
                                             "cloud.batch_window_ms=3"};
    std::vector<std::string> powered = common;
    for (const std::string watts : {"edge.watts_busy=5", "edge.watts_idle=1",
                                    "cloud.watts_busy=700", "cloud.watts_idle=100"}) {
      powered.push_back(watts);
    }
    const auto slept = run_and_summarize(quickstart(), common, dir.path() / "sleep");
    const auto executed = run_and_summarize(quickstart(), powered, dir.path() / "exec");
    ASSERT_TRUE(slept["edge_energy_j"].is_null()) << mode;  // no powers: computing is a sleep
    ASSERT_FALSE(executed["edge_energy_j"].is_null()) << mode;
    for (const std::string file : {"rounds.csv", "requests.csv"}) {
      EXPECT_EQ(dsdsi::test::read_text(dir.path() / "sleep" / file),
                dsdsi::test::read_text(dir.path() / "exec" / file))
          << mode << " " << file;
    }
  }
}
