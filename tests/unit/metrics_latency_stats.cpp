#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "dsdsi/metrics/latency_stats.hpp"

namespace dsdsi {
namespace {

const std::vector<double> kOneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

// Expected values are numpy.percentile's default ("linear"): index (n-1) q/100, interpolated.
TEST(MetricsLatencyStats, PercentileInterpolatesLikeNumpy) {
  EXPECT_DOUBLE_EQ(percentile(kOneToTen, 95), 9.55);  // index 8.55: 9 + 0.55
  EXPECT_DOUBLE_EQ(percentile(kOneToTen, 99), 9.91);
  EXPECT_DOUBLE_EQ(percentile(kOneToTen, 50), 5.5);
  EXPECT_DOUBLE_EQ(percentile(kOneToTen, 25), 3.25);
  EXPECT_DOUBLE_EQ(percentile(kOneToTen, 10), 1.9);
}

TEST(MetricsLatencyStats, PercentileEndsAreMinAndMax) {
  EXPECT_EQ(percentile(kOneToTen, 0), 1.0);
  EXPECT_EQ(percentile(kOneToTen, 100), 10.0);
}

TEST(MetricsLatencyStats, PercentileOnExactRankIsThatValue) {
  // 5 values: index 4 q/100 is an integer at q = 25, 50, 75.
  const std::vector<double> values = {10, 20, 40, 80, 160};
  EXPECT_EQ(percentile(values, 25), 20.0);
  EXPECT_EQ(percentile(values, 50), 40.0);
  EXPECT_EQ(percentile(values, 75), 80.0);
  EXPECT_DOUBLE_EQ(percentile(values, 90), 80.0 + 0.6 * 80.0);  // index 3.6
}

TEST(MetricsLatencyStats, PercentileOfOneValueIsThatValue) {
  const std::vector<double> one = {42.5};
  for (double q : {0.0, 1.0, 50.0, 99.0, 100.0}) EXPECT_EQ(percentile(one, q), 42.5) << q;
}

TEST(MetricsLatencyStats, PercentileIsBitIdenticalToNumpy) {
  // numpy's _lerp computes b - (b - a)(1 - t) when t >= 0.5. Here that is 0.40012 exactly,
  // while the textbook a + (b - a) t gives 0.40012000000000003: a user recomputing p95 from
  // requests.csv with numpy would see a different last digit.
  EXPECT_EQ(percentile({0.1, 0.7}, 50.02), 0.40012);
  EXPECT_EQ(percentile({3.3, 9.9}, 60.65), 7.302900000000001);
  // Below 0.5 numpy uses a + (b - a) t.
  EXPECT_EQ(percentile({0.1, 0.7}, 10.0), 0.1 + (0.7 - 0.1) * 0.1);
}

TEST(MetricsLatencyStats, PercentileStaysWithinNeighbours) {
  // Interpolating from the nearer end (numpy's _lerp) must not overshoot b for t close to 1.
  const std::vector<double> values = {0.1, 0.7};
  for (int i = 0; i <= 1000; ++i) {
    const double p = percentile(values, i / 10.0);
    EXPECT_GE(p, 0.1);
    EXPECT_LE(p, 0.7);
  }
}

TEST(MetricsLatencyStats, PercentileRejectsBadInput) {
  EXPECT_THROW(percentile({}, 50), std::invalid_argument);
  EXPECT_THROW(percentile(kOneToTen, -0.001), std::invalid_argument);
  EXPECT_THROW(percentile(kOneToTen, 100.001), std::invalid_argument);
  EXPECT_THROW(percentile(kOneToTen, std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

TEST(MetricsLatencyStats, SummarizeSortsAndComputesAllFour) {
  // Sorted: 1 3 3 5 100; mean 112 / 5.
  const LatencyStats stats = summarize_latencies({5, 100, 3, 1, 3});
  EXPECT_DOUBLE_EQ(stats.mean, 22.4);
  EXPECT_DOUBLE_EQ(stats.p50, 3.0);
  EXPECT_DOUBLE_EQ(stats.p95, 5.0 + 0.8 * 95.0);   // index 3.8
  EXPECT_DOUBLE_EQ(stats.p99, 5.0 + 0.96 * 95.0);  // index 3.96
}

TEST(MetricsLatencyStats, SummarizeOneToTen) {
  const LatencyStats stats = summarize_latencies({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(stats.mean, 5.5);
  EXPECT_DOUBLE_EQ(stats.p50, 5.5);
  EXPECT_DOUBLE_EQ(stats.p95, 9.55);
  EXPECT_DOUBLE_EQ(stats.p99, 9.91);
}

TEST(MetricsLatencyStats, SummarizeOfNothingThrows) {
  EXPECT_THROW(summarize_latencies({}), std::invalid_argument);
}

}  // namespace
}  // namespace dsdsi
