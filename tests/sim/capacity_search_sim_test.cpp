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
