// sweep_summary.csv end to end: a sweep with repeats aggregates them (mean, sd and Student-t
// half-width recomputed here from sweep.csv), and the file is byte-identical whatever --jobs,
// --resume or sharding and merge.
#include <gtest/gtest.h>

#include <cmath>

#include "run_binary.hpp"
#include "sweep_outputs.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::read_sweep_csv;
using dsdsi::test::read_text;
using dsdsi::test::run_dsdsi;
using dsdsi::test::sweep_data;
using dsdsi::test::TempDir;

// t_{0.975, 2}: 0.95 / sqrt(2 x 0.975 x 0.025), the closed form of the df 2 quantile.
const double kT2 = 0.95 / std::sqrt(2 * 0.975 * 0.025);

TEST(SweepSummarySim, RepeatsAreAggregatedPerCombination) {
  TempDir dir;
  const auto out = dir.path() / "sweep";
  const auto run =
      run_dsdsi({"sweep", sweep_data("repeats.json"), "--out", out.string(), "--jobs", "2"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto points = read_sweep_csv(out / "sweep.csv");
  ASSERT_EQ(points.rows.size(), 6u);
  const auto summary = read_csv(out / "sweep_summary.csv");
  ASSERT_EQ(summary.size(), 2u);
  for (std::size_t c = 0; c < 2; ++c) {
    const auto& row = summary[c];
    EXPECT_EQ(row.at("combination"), std::to_string(c));
    EXPECT_EQ(row.at("network.rtt_ms"), c == 0 ? "10" : "60");
    EXPECT_EQ(row.at("n"), "3");
    EXPECT_EQ(row.at("n_failed"), "0");
    EXPECT_EQ(row.count("seed"), 0u);
    for (const std::string metric : {"tpot_ms_mean", "ttft_ms_p95", "acceptance_rate"}) {
      double values[3], sum = 0;
      for (std::size_t r = 0; r < 3; ++r) {
        const auto& point = points.rows[3 * c + r];
        ASSERT_EQ(point.at("network.rtt_ms"), row.at("network.rtt_ms"));
        values[r] = std::stod(point.at(metric));
        sum += values[r];
      }
      const double mean = sum / 3;
      double squares = 0;
      for (const double v : values) squares += (v - mean) * (v - mean);
      const double sd = std::sqrt(squares / 2);
      EXPECT_NEAR(std::stod(row.at(metric + "_mean")), mean, 1e-12 * std::abs(mean)) << metric;
      EXPECT_NEAR(std::stod(row.at(metric + "_sd")), sd, 1e-9 * sd + 1e-15) << metric;
      EXPECT_NEAR(std::stod(row.at(metric + "_ci95")), kT2 * sd / std::sqrt(3.0), 1e-9 * sd + 1e-15)
          << metric;
    }
    // The seeds differ, so do the runs: a spread of zero would mean the repeats repeat nothing.
    EXPECT_GT(std::stod(row.at("tpot_ms_mean_sd")), 0);
  }
}

TEST(SweepSummarySim, ByteIdenticalWhateverJobsResumeOrShards) {
  TempDir dir;
  for (const char* jobs : {"1", "2"}) {
    const auto run = run_dsdsi({"sweep", sweep_data("repeats.json"), "--out",
                                (dir.path() / jobs).string(), "--jobs", jobs});
    ASSERT_EQ(run.exit_code, 0) << run.output;
  }
  const std::string reference = read_text(dir.path() / "1" / "sweep_summary.csv");
  ASSERT_FALSE(reference.empty());
  EXPECT_EQ(read_text(dir.path() / "2" / "sweep_summary.csv"), reference);

  // Resuming a finished sweep runs nothing and writes the same summary.
  const auto resumed = run_dsdsi(
      {"sweep", sweep_data("repeats.json"), "--out", (dir.path() / "2").string(), "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(read_text(dir.path() / "2" / "sweep_summary.csv"), reference);

  // Shards interleave points (0, 2, 4 and 1, 3, 5), so each holds part of every combination;
  // the merged folder's summary is the whole sweep's.
  std::vector<std::string> merge{"merge"};
  for (const char* shard : {"1/2", "2/2"}) {
    const auto folder = dir.path() / (std::string("shard-") + shard[0]);
    const auto run = run_dsdsi({"sweep", sweep_data("repeats.json"), "--out", folder.string(),
                                "--jobs", "1", "--shard", shard});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    merge.push_back(folder.string());
  }
  merge.insert(merge.end(), {"--out", (dir.path() / "merged").string()});
  const auto merged = run_dsdsi(merge);
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_EQ(read_text(dir.path() / "merged" / "sweep_summary.csv"), reference);
}

}  // namespace
