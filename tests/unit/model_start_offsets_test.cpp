// The closed loop's start (model/start_offsets.hpp) and the run's one Poisson process
// (model/arrival_schedule.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "dsdsi/model/arrival_schedule.hpp"
#include "dsdsi/model/random_stream.hpp"
#include "dsdsi/model/start_offsets.hpp"

namespace dsdsi {
namespace {

// The equilibrium distribution of T has mean E[T^2] / (2 E[T]). 200,000 draws: the sample mean
// is within 4 standard errors (the sample's own sd / sqrt(n)).
void expect_residual_mean(const DistributionSpec& think, double expected) {
  RandomStream stream(1, "test", 0);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = stationary_residual(think, stream);
    ASSERT_GE(x, 0);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  const double se = std::sqrt((sum2 / n - mean * mean) / n);
  EXPECT_NEAR(mean, expected, 4 * se);
}

TEST(StartOffsets, StationaryResidualHasTheEquilibriumMean) {
  expect_residual_mean(DistributionSpec::fixed_at(2000), 1000);
  DistributionSpec uniform;
  uniform.kind = DistKind::uniform;
  uniform.min = 1000;
  uniform.max = 3000;
  // E[T^2] / (2 E[T]) = (a^2 + ab + b^2) / (3 (a + b)).
  expect_residual_mean(uniform, (1e6 + 3e6 + 9e6) / (3 * 4000.0));
  DistributionSpec lognormal;
  lognormal.kind = DistKind::lognormal;
  lognormal.median = 1000;
  lognormal.sigma = 0.5;
  // m^2 e^(2 s^2) / (2 m e^(s^2 / 2)) = m e^(1.5 s^2) / 2.
  expect_residual_mean(lognormal, 1000 * std::exp(1.5 * 0.25) / 2);
  DistributionSpec list;
  list.kind = DistKind::list;
  list.values = {100, 300, 600};
  expect_residual_mean(list, (1e4 + 9e4 + 36e4) / (2 * 1000.0));
  RandomStream stream(1, "test", 0);
  EXPECT_EQ(stationary_residual(DistributionSpec::fixed_at(0), stream), 0);
}

TEST(StartOffsets, RampIsEvenlySpacedAndTogetherIsZero) {
  StartParams ramp;
  ramp.kind = StartKind::ramp;
  ramp.over_ms = 1000;
  const auto think = DistributionSpec::fixed_at(500);
  EXPECT_DOUBLE_EQ(first_submission_ms(ramp, think, 0, 4, 1), 0);
  EXPECT_DOUBLE_EQ(first_submission_ms(ramp, think, 3, 4, 1), 750);
  EXPECT_DOUBLE_EQ(first_submission_ms(StartParams{}, think, 3, 4, 1), 0);
}

// clients x requests_per_client arrivals, spread over clients uniformly (each client's count is
// Binomial(n, 1/clients): within 4 sd), in time order, at the given rate.
TEST(ArrivalSchedule, OneProcessSharedUniformlyByTheClients) {
  WorkloadParams w;
  w.clients = 10;
  w.requests_per_client = 1000;
  w.arrival.kind = ArrivalKind::poisson;
  w.arrival.rate_per_s = 100;
  const ArrivalSchedule schedule(w, 0, 1);
  std::size_t total = 0;
  double last = 0;
  for (std::int64_t c = 0; c < 10; ++c) {
    const auto& times = schedule.of_client(c);
    EXPECT_NEAR(static_cast<double>(times.size()), 1000, 4 * std::sqrt(10000 * 0.1 * 0.9));
    EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
    total += times.size();
    if (!times.empty()) last = std::max(last, times.back());
  }
  EXPECT_EQ(total, 10000u);
  // The 10,000th arrival at 0.1/ms: mean 100,000 ms, sd 1,000 ms.
  EXPECT_NEAR(last, 100000, 4000);
  // A horizon cuts it short.
  const ArrivalSchedule cut(w, 5000, 1);
  for (std::int64_t c = 0; c < 10; ++c) {
    for (const double t : cut.of_client(c)) EXPECT_LE(t, 5000);
  }
}

}  // namespace
}  // namespace dsdsi
