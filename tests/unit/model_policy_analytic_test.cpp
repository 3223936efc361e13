// The analytic_optimal policy driven by synthetic rounds drawn from the model (alpha 0.8,
// t_de 10 ms, t_v 20 ms, wait = RTT + t_v): it settles within 1 of the closed-form optimal gamma
// (2, 3, 5, 6, 8 at RTT 1, 20, 50, 100, 200 ms), never loses to fixed gamma 4 by more than 1%,
// and wins clearly where the optimum is far from 4.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <numeric>

#include "model_policy_synthetic.hpp"

namespace dsdsi {
namespace {

using policy_test::Conditions;
using policy_test::SyntheticClient;

// The table's defaults for analytic_optimal.
SpeculationParams analytic(std::int64_t gamma = 4) {
  SpeculationParams s;
  s.gamma = gamma;
  s.policy.kind = PolicyKind::analytic_optimal;
  s.policy.gamma_min = 1;
  s.policy.gamma_max = 12;
  s.policy.ewma_weight = 0.02;
  s.policy.warmup_rounds = 10;
  return s;
}

SpeculationParams fixed(std::int64_t gamma) {
  SpeculationParams s;
  s.gamma = gamma;
  s.policy.kind = PolicyKind::fixed;
  return s;
}

PolicyContext context_for(const Conditions& c) {
  PolicyContext context;
  context.draft_ms_per_token = c.t_de;
  return context;
}

Conditions at_rtt(double rtt) {
  Conditions c;
  c.rtt = rtt;
  return c;
}

struct Case {
  double rtt;
  int optimal;  // docs/model.md
};
const Case kCases[] = {{1, 2}, {20, 3}, {50, 5}, {100, 6}, {200, 8}};

TEST(ModelPolicyAnalytic, ClosedFormOptimaAreTheModels) {
  for (const auto& c : kCases) {
    EXPECT_EQ(closed_form::optimal_gamma_sync(0.8, 10, c.rtt, 20, 12), c.optimal) << c.rtt;
  }
}

TEST(ModelPolicyAnalytic, AsksForTheConfiguredGammaClampedUntilWarmedUp) {
  const Conditions c = at_rtt(200);  // optimum 8, far from the prior
  for (const std::int64_t configured : {4, 20}) {
    auto policy = make_speculation_policy(analytic(configured), context_for(c));
    const std::int64_t prior = std::min<std::int64_t>(configured, 12);
    for (int round = 0; round < 10; ++round) {
      ASSERT_EQ(policy->next_gamma(), prior) << "round " << round;
      policy->observe_round({prior, prior, prior + 1, 10.0 * prior, 220});  // all accepted
    }
    // Ten fully accepted windows: alpha_hat = 1, so the longest window is optimal.
    EXPECT_EQ(policy->next_gamma(), 12);
    EXPECT_EQ(policy->decoding_for_next_request(), RequestDecoding::dsd);
  }
}

// "Settles within a few dozen rounds": from round 60 on, the mean window is within 1 of the
// optimum, and so are at least 90% of the windows. The estimate of alpha has a standard error of
// about 0.025 (an EWMA of weight 0.02 remembers about 100 rounds of 2-4 trials each), which
// rarely moves the argmax by more than one step; RTT 200, where the optimum is flattest, is the
// hardest case.
TEST(ModelPolicyAnalytic, SettlesWithinOneOfTheClosedFormOptimum) {
  for (const auto& k : kCases) {
    const Conditions c = at_rtt(k.rtt);
    auto policy = make_speculation_policy(analytic(), context_for(c));
    SyntheticClient client(*policy, 11);
    const auto windows = policy_test::asked_windows(client.requests(c, 60, 256));
    ASSERT_GT(windows.size(), 2000u);
    double sum = 0;
    int within = 0, counted = 0;
    for (std::size_t i = 60; i < windows.size(); ++i, ++counted) {
      sum += static_cast<double>(windows[i]);
      within += std::abs(windows[i] - k.optimal) <= 1;
    }
    const double mean = sum / counted;
    EXPECT_NEAR(mean, k.optimal, 1.0) << "RTT " << k.rtt;
    EXPECT_GE(static_cast<double>(within) / counted, 0.9) << "RTT " << k.rtt << " mean " << mean;
  }
}

// The comparison that carries no acceptance noise: the time per token the chosen windows give on
// average (sum of round times / sum of E(alpha, window)), against fixed gamma 4's exact T_SYNC.
// 60 requests of 256 tokens, warm-up included.
TEST(ModelPolicyAnalytic, NeverLosesToFixedGamma4AndWinsFarFromIt) {
  for (const auto& k : kCases) {
    const Conditions c = at_rtt(k.rtt);
    auto policy = make_speculation_policy(analytic(), context_for(c));
    SyntheticClient client(*policy, 12);
    const double adaptive = policy_test::expected_ms_per_token(client.requests(c, 60, 256));
    closed_form::Inputs in;
    in.alpha = c.alpha;
    in.gamma = 4;
    in.t_de = c.t_de;
    in.t_v = c.t_v;
    in.rtt = c.rtt;
    const double fixed4 = closed_form::tpot_dsd_sync(in);
    in.gamma = k.optimal;
    const double best = closed_form::tpot_dsd_sync(in);
    EXPECT_LE(adaptive, fixed4 * 1.01) << "RTT " << k.rtt;
    EXPECT_LE(adaptive, best * 1.01) << "RTT " << k.rtt;  // close to the optimum itself
    if (std::abs(k.optimal - 4) >= 2) {
      // The optimum is 7.4%, 4.3% and 10.4% faster than fixed 4 at RTT 1, 100 and 200.
      EXPECT_LT(adaptive, fixed4 * 0.97) << "RTT " << k.rtt;
    }
  }
}

// The same on realised TPOT, as a run reports it. 1000 requests of 256 tokens per policy: about
// 256,000 tokens, so each mean TPOT has a relative standard error near 0.2% (the model: 0.4% for
// 60,000 tokens) and their ratio about 0.28%. Where the optimum is 3 or 5 the two policies
// nearly tie in expectation (the optimum's 0.4-0.6% edge over 4 is mostly what the estimate's
// noise costs), so the 1% bound sits at least 3.5 standard errors from the expected ratio.
TEST(ModelPolicyAnalytic, RealisedTpotNeverLosesToFixedGamma4ByMoreThanOnePercent) {
  for (const auto& k : kCases) {
    const Conditions c = at_rtt(k.rtt);
    auto adaptive_policy = make_speculation_policy(analytic(), context_for(c));
    auto fixed_policy = make_speculation_policy(fixed(4), context_for(c));
    SyntheticClient adaptive(*adaptive_policy, 21), fixed4(*fixed_policy, 22);
    const double a = policy_test::mean_tpot(adaptive.requests(c, 1000, 256));
    const double f = policy_test::mean_tpot(fixed4.requests(c, 1000, 256));
    EXPECT_LE(a, f * 1.01) << "RTT " << k.rtt << ": " << a << " vs " << f;
  }
}

// wait_hat is what the client experiences, queueing included: when its waits grow (a busier
// verifier or a longer route), it moves to the optimum of the new wait within a few dozen rounds.
TEST(ModelPolicyAnalytic, FollowsTheWaitItObserves) {
  Conditions c = at_rtt(1);
  auto policy = make_speculation_policy(analytic(), context_for(c));
  SyntheticClient client(*policy, 13);
  client.requests(c, 10, 256);
  EXPECT_NEAR(policy->next_gamma(), 2, 1);
  c.rtt = 200;
  const auto windows = policy_test::asked_windows(client.requests(c, 10, 256));
  const double late_mean =
      std::accumulate(windows.begin() + 100, windows.end(), 0.0) / (windows.size() - 100.0);
  EXPECT_NEAR(late_mean, 8, 1);
}

TEST(ModelPolicyAnalytic, StaysInsideItsRange) {
  const Conditions c = at_rtt(200);  // optimum 8
  SpeculationParams s = analytic();
  s.policy.gamma_min = 2;
  s.policy.gamma_max = 5;
  auto policy = make_speculation_policy(s, context_for(c));
  SyntheticClient client(*policy, 14);
  const auto windows = policy_test::asked_windows(client.requests(c, 20, 256));
  for (const auto w : windows) ASSERT_TRUE(w >= 2 && w <= 5) << w;
  EXPECT_EQ(windows.back(), 5);
}

}  // namespace
}  // namespace dsdsi
