// `dsdsi capacity` end to end: the largest number of clients meeting a TPOT SLO, in synchronous
// DSD and co-located SD, on a serial verifier. Their ratio should be the capacity ratio
// 1 + gamma t_dc / t_v of "Speculation at a Distance".
//
// Why the closed form applies, and the tolerance. Saturated, the verifier serves clients round
// robin, so a client's round lasts N c (c: server time per round, t_v or gamma t_dc + t_v; N c
// exceeds the DSD client's own drafting + RTT loop at the sizes found here) and its TPOT is
// N c / E. The SLO S then admits N* = floor(S E' / c) clients in each mode, where E' is the same
// p95-of-requests view of E in both modes (same seeds, same acceptance draws, same rounds per
// request), so it cancels in the ratio. What remains: bisection ends on integers, so each N* is
// off by less than one client: relative error below 1 / N*_colocated = 1/24 (4.2%) for the ratio
// here; and the p95 of ~2 N* per-request values has a sampling error of its own, around 2% (per
// request TPOT has a relative spread of sd(N) / (E sqrt(rounds)) = 0.476 / sqrt(150) = 3.9%).
// Tolerance: 8%.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

TEST(CapacitySearchSim, DsdToColocatedCapacityRatioMatchesTheClosedForm) {
  const double gamma = 4, t_dc = 5, t_v = 10;
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "capacity";
  const auto run = dsdsi::test::run_dsdsi(
      {"capacity", dsdsi::test::source_path("scenarios/quickstart.json").string(),
       "--slo",    "tpot_ms_p95=240",
       "--min",    "1",
       "--max",    "160",
       "--modes",  "dsd_sync,colocated_sd",
       "--out",    out.string(),
       "--set",    "cloud.verify_ms=10",
       "--set",    "cloud.draft_ms_per_token=5",
       "--set",    "cloud.max_batch=1",
       "--set",    "cloud.prefill_ms_per_token=0",
       "--set",    "network.rtt_ms=40",
       "--set",    "workload.requests_per_client=2",
       "--set",    "workload.output_tokens=500"});
  ASSERT_EQ(run.exit_code, 0) << run.output;

  // The largest passing count per mode, from capacity.csv.
  std::map<std::string, long> capacity;
  int probes = 0;
  for (const auto& row : dsdsi::test::read_csv(out / "capacity.csv")) {
    ++probes;
    if (row.at("pass") == "true") {
      capacity[row.at("mode")] = std::max(capacity[row.at("mode")], std::stol(row.at("clients")));
    }
    EXPECT_EQ(row.at("pass") == "true", std::stod(row.at("tpot_ms_p95")) <= 240)
        << row.at("clients");
  }
  ASSERT_EQ(capacity.count("dsd_sync"), 1u);
  ASSERT_EQ(capacity.count("colocated_sd"), 1u);
  EXPECT_LT(capacity.at("dsd_sync"), 160) << "the search must end inside the range";
  EXPECT_GE(capacity.at("colocated_sd"), 20) << "too few clients to resolve the ratio";
  const double ratio = static_cast<double>(capacity.at("dsd_sync")) / capacity.at("colocated_sd");
  const double expected = 1 + gamma * t_dc / t_v;
  EXPECT_NEAR(ratio / expected, 1.0, 0.08) << "ratio " << ratio << ", closed form " << expected;
  EXPECT_LE(probes, 2 * (2 + 8)) << "bisection over 1..160 needs at most 2 + 8 probes per mode";
  EXPECT_NE(run.output.find("dsd_sync / colocated_sd = "), std::string::npos) << run.output;

  // capacity.json holds the same answer: exact capacities and an exact ratio.
  const auto report = dsdsi::test::read_json(out / "capacity.json");
  ASSERT_EQ(report.at("modes").size(), 2u);
  for (const auto& mode : report.at("modes")) {
    EXPECT_EQ(mode.at("capacity"), capacity.at(mode.at("mode").get<std::string>()));
    EXPECT_EQ(mode.at("lower_bound"), false);
    EXPECT_EQ(mode.at("binding_slo"), "tpot_ms_p95");
  }
  EXPECT_EQ(report.at("ratios").at(0).at("bound"), "exact");
  EXPECT_DOUBLE_EQ(report.at("ratios").at(0).at("value").get<double>(), ratio);
}

// A search whose --max passes: the answer is a lower bound on stdout and in capacity.json. The
// SLO (TPOT p95 under 100 s) cannot bind, so nothing limits the answer but --max, while 128
// clients on a serial 20 ms verifier queue every first token behind about 127 jobs (about
// 2.5 s against 110 ms for one client): the queueing warning must fire. One progress line per
// probe reaches stderr although it is no terminal here.
TEST(CapacitySearchSim, MaxReachedIsALowerBoundAndQueueingIsFlagged) {
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "capacity";
  const auto run = dsdsi::test::run_dsdsi(
      {"capacity", dsdsi::test::source_path("scenarios/quickstart.json").string(), "--slo",
       "tpot_ms_p95=100000", "--max", "128", "--out", out.string(), "--set",
       "workload.requests_per_client=2", "--set", "workload.output_tokens=20", "--set",
       "cloud.max_batch=1"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("dsd_sync       >= 128 clients (a lower bound"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("capacity: probe 1: dsd_sync, 1 client: pass"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("capacity: probe 2: dsd_sync, 128 clients: pass"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("warning] dsd_sync: at its capacity (128 clients) the p95 TTFT"),
            std::string::npos)
      << run.output;

  const auto report = dsdsi::test::read_json(out / "capacity.json");
  const auto& mode = report.at("modes").at(0);
  EXPECT_EQ(mode.at("mode"), "dsd_sync");
  EXPECT_EQ(mode.at("capacity"), 128);
  EXPECT_EQ(mode.at("lower_bound"), true);
  EXPECT_TRUE(mode.at("binding_slo").is_null());
  ASSERT_EQ(mode.at("probes").size(), 2u);
  const double ttft_1 = mode.at("probes").at(0).at("ttft_ms_p95");
  const double ttft_128 = mode.at("probes").at(1).at("ttft_ms_p95");
  EXPECT_GT(ttft_128, 10 * ttft_1);
  EXPECT_TRUE(mode.at("queueing_warning").is_string());
}

TEST(CapacitySearchSim, BadSloIsBadInput) {
  dsdsi::test::TempDir dir;
  const auto run = dsdsi::test::run_dsdsi(
      {"capacity", dsdsi::test::source_path("scenarios/quickstart.json").string(), "--slo",
       "tpot_p95=50", "--out", (dir.path() / "c").string()});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--slo tpot_p95=50"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "c"));
}

}  // namespace
