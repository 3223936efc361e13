// The wait_quantile policy without the engine, on hand-derived cases: the nearest-rank quantile
// of a sliding window of waits, the window it then chooses (computed below from E(alpha, gamma) =
// (1 - alpha^(gamma+1)) / (1 - alpha) at alpha 0.8 and t_de 10 ms), its warm-up, and how it
// differs from analytic_optimal when the waits spread out with the same mean.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "../../src/model/speculation/wait_quantile_policy.hpp"
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {
namespace {

SpeculationParams wait_quantile(double quantile = 0.9, std::int64_t window_rounds = 20,
                                std::int64_t gamma = 4) {
  SpeculationParams s;
  s.gamma = gamma;
  s.policy.kind = PolicyKind::wait_quantile;
  s.policy.gamma_min = 1;
  s.policy.gamma_max = 12;
  s.policy.ewma_weight = 0.02;
  s.policy.warmup_rounds = 10;
  s.policy.quantile = quantile;
  s.policy.window_rounds = window_rounds;
  return s;
}

SpeculationParams analytic_optimal() {
  SpeculationParams s = wait_quantile();
  s.policy.kind = PolicyKind::analytic_optimal;
  return s;
}

PolicyContext t_de_10() {
  PolicyContext context;
  context.draft_ms_per_token = 10;
  return context;
}

// Rounds of a window of 4 alternately fully accepted (4 successes, no failure) and rejected at
// once (0 successes, 1 failure): after an even number of them alpha_hat = 2 / (2 + 0.5) = 0.8
// exactly (the estimator's plain mean over its first 50 rounds). The waits cycle through
// `waits`; `first` continues the alternation of an earlier call.
void feed(SpeculationPolicy& policy, int rounds, std::initializer_list<double> waits,
          int first = 0) {
  const std::vector<double> cycle(waits);
  for (int i = first; i < first + rounds; ++i) {
    const std::int64_t accepted = i % 2 == 0 ? 4 : 0;
    policy.observe_round({4, accepted, accepted + 1, 40, cycle[i % cycle.size()]});
  }
}

TEST(ModelPolicyWaitQuantile, NearestRankQuantile) {
  // Sorted: 10 20 30 40 50 (n = 5). Rank ceil(q n): q 0.9 -> 5 (50), 0.5 -> ceil(2.5) = 3 (30),
  // 0.2 -> 1 (10), 1 -> 5 (50); 0.6 x 5 is 3.0000000000000004 in binary, still rank 3 (30).
  const std::vector<std::pair<double, double>> cases = {{0.9, 50}, {0.5, 30}, {0.2, 10},
                                                        {1.0, 50}, {0.6, 30}, {0.01, 10}};
  for (const auto& [q, expected] : cases) {
    WaitQuantile quantile(q, 20);
    for (double w : {10.0, 50.0, 20.0, 40.0, 30.0}) quantile.observe(w);
    EXPECT_EQ(quantile.size(), 5);
    EXPECT_EQ(quantile.value(), expected) << q;
  }
}

TEST(ModelPolicyWaitQuantile, KeepsOnlyTheLatestWaits) {
  WaitQuantile slowest(1.0, 3);
  for (double w : {100.0, 10.0, 20.0, 30.0}) slowest.observe(w);
  EXPECT_EQ(slowest.size(), 3);
  EXPECT_EQ(slowest.value(), 30);  // 100 has left the window of 3
  slowest.observe(5);
  EXPECT_EQ(slowest.value(), 30);  // 20 30 5
  slowest.observe(1);
  slowest.observe(2);
  EXPECT_EQ(slowest.value(), 5);  // 5 1 2
}

// Per-token times (gamma t_de + W) / E(0.8, gamma), E = 2.952, 3.3616, 3.68928, 3.951424,
// 4.1611392, 4.32891136 for gamma = 3 .. 8:
//   W = 50:  gamma 3: 27.100, 4: 26.773, 5: 27.105             -> 4
//   W = 100: gamma 5: 40.658, 6: 40.492, 7: 40.854             -> 6
//   W = 150: gamma 6: 53.145, 7: 52.870, 8: 53.131             -> 7
TEST(ModelPolicyWaitQuantile, SteadyWaitsGiveAnalyticOptimalsWindow) {
  const auto policy = make_speculation_policy(wait_quantile(), t_de_10());
  const auto reference = make_speculation_policy(analytic_optimal(), t_de_10());
  feed(*policy, 10, {100});
  feed(*reference, 10, {100});
  EXPECT_EQ(policy->next_gamma(), 6);
  EXPECT_EQ(reference->next_gamma(), 6);
}

TEST(ModelPolicyWaitQuantile, SpreadWaitsGiveALongerWindowThanTheMean) {
  // Waits alternate 50 and 150 ms: mean 100 (analytic_optimal: 6). Ten waits sorted are five
  // 50s then five 150s: q 0.9 -> rank 9 -> 150 -> gamma 7; q 0.5 -> rank 5 -> 50 -> gamma 4.
  const auto reference = make_speculation_policy(analytic_optimal(), t_de_10());
  feed(*reference, 10, {50, 150});
  EXPECT_EQ(reference->next_gamma(), 6);
  const auto high = make_speculation_policy(wait_quantile(0.9), t_de_10());
  feed(*high, 10, {50, 150});
  EXPECT_EQ(high->next_gamma(), 7);
  const auto median = make_speculation_policy(wait_quantile(0.5), t_de_10());
  feed(*median, 10, {50, 150});
  EXPECT_EQ(median->next_gamma(), 4);
}

TEST(ModelPolicyWaitQuantile, StartsAtTheConfiguredGammaUntilWarmedUp) {
  const auto policy = make_speculation_policy(wait_quantile(0.9, 20, 3), t_de_10());
  EXPECT_EQ(policy->next_gamma(), 3);
  feed(*policy, 9, {150});
  EXPECT_EQ(policy->next_gamma(), 3);  // 9 windows seen, warmup_rounds is 10
  feed(*policy, 1, {150}, 9);          // the tenth: alpha_hat 0.8, W = 150
  EXPECT_EQ(policy->next_gamma(), 7);
}

TEST(ModelPolicyWaitQuantile, FollowsAChangeOfChannelWithinItsWindow) {
  // 20 rounds at 50 ms, then 20 at 150 ms. With a window of 20 the quantile sees only the new
  // channel (gamma 7, as for W = 150); analytic_optimal's mean is (20 x 50 + 20 x 150) / 40 =
  // 100 (a plain mean: its first 50 rounds), gamma 6.
  const auto policy = make_speculation_policy(wait_quantile(0.9, 20), t_de_10());
  const auto reference = make_speculation_policy(analytic_optimal(), t_de_10());
  for (auto* p : {policy.get(), reference.get()}) {
    feed(*p, 20, {50});
  }
  EXPECT_EQ(policy->next_gamma(), 4);
  EXPECT_EQ(reference->next_gamma(), 4);
  for (auto* p : {policy.get(), reference.get()}) {
    feed(*p, 20, {150});
  }
  EXPECT_EQ(policy->next_gamma(), 7);
  EXPECT_EQ(reference->next_gamma(), 6);
}

// The fallback's timeout (on_failure: local): none without timeout_factor, none before a round
// trip is seen, then timeout_factor x W_q. Waits alternating 50 and 150 ms: W_0.9 = 150 ms, so
// a factor of 2 gives up after 300 ms; at quantile 0.5, W_q = 50 ms and 100 ms.
TEST(ModelPolicyWaitQuantile, TimeoutIsTheFactorTimesTheWaitQuantile) {
  EXPECT_FALSE(make_speculation_policy(wait_quantile(), t_de_10())->verdict_timeout_ms());
  SpeculationParams high = wait_quantile(0.9);
  high.policy.timeout_factor = 2;
  SpeculationParams median = wait_quantile(0.5);
  median.policy.timeout_factor = 2;
  const auto at_high = make_speculation_policy(high, t_de_10());
  const auto at_median = make_speculation_policy(median, t_de_10());
  EXPECT_FALSE(at_high->verdict_timeout_ms());
  feed(*at_high, 20, {50, 150});
  feed(*at_median, 20, {50, 150});
  ASSERT_TRUE(at_high->verdict_timeout_ms());
  EXPECT_DOUBLE_EQ(*at_high->verdict_timeout_ms(), 300);
  EXPECT_DOUBLE_EQ(*at_median->verdict_timeout_ms(), 100);
  const auto plain = make_speculation_policy(wait_quantile(), t_de_10());
  feed(*plain, 20, {50, 150});
  EXPECT_FALSE(plain->verdict_timeout_ms());
}

TEST(ModelPolicyWaitQuantile, StaysInItsRange) {
  SpeculationParams params = wait_quantile(0.9, 20, 4);
  params.policy.gamma_min = 2;
  params.policy.gamma_max = 5;
  const auto policy = make_speculation_policy(params, t_de_10());
  feed(*policy, 10, {150});  // unconstrained: 7
  EXPECT_EQ(policy->next_gamma(), 5);
}

}  // namespace
}  // namespace dsdsi
