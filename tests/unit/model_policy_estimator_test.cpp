// RoundEstimator, the adaptive policies' view of their rounds: the maximum-likelihood alpha from
// truncated windows, the smoothing (a plain mean while samples are few, then an EWMA), and the
// argmax of docs/model.md's synchronous rate.
#include <gtest/gtest.h>

#include <cmath>

#include "../../src/model/speculation/round_estimator.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/closed_form.hpp"

namespace dsdsi {
namespace {

RoundObservation round_of(std::int64_t gamma, std::int64_t accepted, double wait_ms = 50) {
  return {gamma, accepted, accepted + 1, 10.0 * gamma, wait_ms};
}

// Windows of 1 to 8 tokens, mixed: a per-window ratio accepted / gamma would be biased (a window
// of 2 at alpha 0.7 averages (alpha + alpha^2) / 2 = 0.595), the pooled successes / (successes +
// failures) is not. 40,000 rounds of about 2 trials each: standard error of alpha about 0.002;
// the tolerance is 5 of them.
TEST(ModelPolicyEstimator, AlphaIsTheMaximumLikelihoodOfTruncatedWindows) {
  for (const double alpha : {0.5, 0.7, 0.9}) {
    RoundEstimator estimate(1e-6);  // a plain mean over all rounds
    const RequestAcceptance acceptance(std::vector<double>{alpha});
    RandomStream stream(5, "estimator-test", 0);
    for (int i = 0; i < 40000; ++i) {
      const int gamma = 1 + i % 8;
      estimate.observe(round_of(gamma, acceptance.leading_accepted(stream, gamma)));
    }
    EXPECT_NEAR(estimate.alpha(), alpha, 0.01) << alpha;
  }
}

// The standard error the estimator reports is the spread alpha_hat really has: 400 independent
// clients at alpha 0.8, gamma 4, ewma_weight 0.05, after 300 rounds (an EWMA by then). The
// sample standard deviation of 400 values is within 7% of the truth at 2 standard errors.
TEST(ModelPolicyEstimator, StandardErrorIsTheSpreadOfAlphaHat) {
  const RequestAcceptance acceptance(std::vector<double>{0.8});
  double sum = 0, sum_sq = 0, reported = 0;
  const int clients = 400;
  for (int c = 0; c < clients; ++c) {
    RoundEstimator estimate(0.05);
    RandomStream stream(9, "estimator-test", static_cast<std::uint64_t>(c));
    for (int i = 0; i < 300; ++i)
      estimate.observe(round_of(4, acceptance.leading_accepted(stream, 4)));
    sum += estimate.alpha();
    sum_sq += estimate.alpha() * estimate.alpha();
    reported += estimate.alpha_standard_error() / clients;
  }
  const double mean = sum / clients;
  const double spread = std::sqrt((sum_sq - clients * mean * mean) / (clients - 1));
  EXPECT_NEAR(mean, 0.8, 0.01);
  EXPECT_NEAR(spread / reported, 1.0, 0.15);
  // While the mean is plain, the effective sample is every trial so far.
  RoundEstimator plain(0.01);
  for (int i = 0; i < 10; ++i) plain.observe(round_of(4, 3));  // 30 successes, 10 failures
  const double a = (30 + 0.5) / 41;
  EXPECT_NEAR(plain.alpha_standard_error(), std::sqrt(a * (1 - a) / 40), 1e-12);
}

TEST(ModelPolicyEstimator, FullyAcceptedWindowsCountNoFailure) {
  RoundEstimator estimate(0.05);
  estimate.observe(round_of(4, 4));
  estimate.observe(round_of(1, 1));
  EXPECT_EQ(estimate.alpha(), 1.0);
  estimate.observe(round_of(4, 2));  // 7 successes, 1 failure, equally weighted so far
  EXPECT_NEAR(estimate.alpha(), 7.0 / 8.0, 1e-12);
}

TEST(ModelPolicyEstimator, FirstObservationsAreAPlainMeanThenAnEwma) {
  RoundEstimator estimate(0.25);
  estimate.observe(round_of(2, 1, 10));
  estimate.observe(round_of(2, 1, 20));
  estimate.observe(round_of(2, 1, 60));
  EXPECT_NEAR(estimate.wait_ms(), 30, 1e-12);  // weights 1, 1/2, 1/3: the mean
  estimate.observe(round_of(2, 1, 70));
  EXPECT_NEAR(estimate.wait_ms(), 40, 1e-12);  // weight 1/4 = 0.25: still the mean
  estimate.observe(round_of(2, 1, 140));
  EXPECT_NEAR(estimate.wait_ms(), 40 + 0.25 * 100, 1e-12);  // weight 0.25 > 1/5 from now on
  EXPECT_EQ(estimate.rounds(), 5);
}

TEST(ModelPolicyEstimator, AnEmptyWindowUpdatesOnlyTheWait) {
  RoundEstimator estimate(0.05);
  estimate.observe(round_of(4, 2, 40));
  estimate.observe(round_of(0, 0, 60));  // a request's last token: nothing drafted
  EXPECT_EQ(estimate.rounds(), 1);
  EXPECT_NEAR(estimate.alpha(), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(estimate.wait_ms(), 50, 1e-12);
}

TEST(ModelPolicyEstimator, RestartForgetsEverything) {
  RoundEstimator estimate(0.05);
  for (int i = 0; i < 100; ++i) estimate.observe(round_of(4, 0, 300));
  estimate.restart();
  EXPECT_EQ(estimate.rounds(), 0);
  estimate.observe(round_of(4, 4, 20));
  EXPECT_EQ(estimate.alpha(), 1.0);
  EXPECT_EQ(estimate.wait_ms(), 20);
}

TEST(ModelPolicyEstimator, BestGammaIsTheClosedFormArgmax) {
  for (const double alpha : {0.3, 0.6, 0.8, 0.95}) {
    for (const double wait : {1.0, 21.0, 70.0, 120.0, 220.0, 500.0}) {
      // closed_form's argmax takes RTT and t_v apart; their sum is the wait.
      EXPECT_EQ(best_sync_gamma(alpha, 10, wait, 1, 12),
                closed_form::optimal_gamma_sync(alpha, 10, wait - 1, 1, 12))
          << alpha << " " << wait;
    }
  }
  // Clamped to its range; ties (every window equally good) go to the smaller gamma.
  EXPECT_EQ(best_sync_gamma(0.8, 10, 220, 2, 5), 5);
  EXPECT_EQ(best_sync_gamma(0.8, 10, 1, 3, 12), 3);
  EXPECT_EQ(best_sync_gamma(0.0, 0, 50, 2, 12), 2);
  EXPECT_NEAR(sync_ms_per_token(0.8, 4, 10, 70), 32.7225, 1e-3);  // docs/model.md's T_SYNC
}

}  // namespace
}  // namespace dsdsi
