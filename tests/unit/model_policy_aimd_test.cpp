// The aimd policy: additive increase after a fully accepted window of the current size, a
// multiplicative cut after a rejection in the first half of a window, nothing otherwise.
#include <gtest/gtest.h>

#include <numeric>

#include "model_policy_synthetic.hpp"

namespace dsdsi {
namespace {

SpeculationParams aimd(std::int64_t gamma, std::int64_t gamma_min = 1, std::int64_t gamma_max = 12,
                       std::int64_t increase = 1, double decrease_factor = 0.5) {
  SpeculationParams s;
  s.gamma = gamma;
  s.policy.kind = PolicyKind::aimd;
  s.policy.gamma_min = gamma_min;
  s.policy.gamma_max = gamma_max;
  s.policy.increase = increase;
  s.policy.decrease_factor = decrease_factor;
  return s;
}

std::unique_ptr<SpeculationPolicy> make(const SpeculationParams& s) {
  return make_speculation_policy(s, PolicyContext{10, 20, 17.85});
}

// A verdict on a window of `gamma` with `accepted` tokens accepted.
void verdict(SpeculationPolicy& policy, std::int64_t gamma, std::int64_t accepted) {
  policy.observe_round({gamma, accepted, accepted + 1, 10.0 * gamma, 70});
}

TEST(ModelPolicyAimd, StartsAtTheConfiguredGammaClampedToItsRange) {
  EXPECT_EQ(make(aimd(4))->next_gamma(), 4);
  EXPECT_EQ(make(aimd(20, 1, 12))->next_gamma(), 12);
  EXPECT_EQ(make(aimd(1, 3, 12))->next_gamma(), 3);
  EXPECT_EQ(make(aimd(4))->decoding_for_next_request(), RequestDecoding::dsd);
}

TEST(ModelPolicyAimd, GrowsByIncreaseAfterEachFullWindowUpToGammaMax) {
  auto policy = make(aimd(4, 1, 9, 2));
  const std::int64_t expected[] = {6, 8, 9, 9};
  for (const auto next : expected) {
    const auto g = policy->next_gamma();
    verdict(*policy, g, g);
    EXPECT_EQ(policy->next_gamma(), next);
  }
}

TEST(ModelPolicyAimd, CutsAfterAnEarlyRejectionDownToGammaMin) {
  auto policy = make(aimd(9, 2, 12, 1, 0.5));
  const std::int64_t expected[] = {4, 2, 2};  // floor(9 x 0.5), floor(4 x 0.5), gamma_min
  for (const auto next : expected) {
    verdict(*policy, policy->next_gamma(), 0);
    EXPECT_EQ(policy->next_gamma(), next);
  }
  // A factor close to 1 still cuts by at least one.
  auto gentle = make(aimd(5, 1, 12, 1, 0.9));
  verdict(*gentle, 5, 1);  // 2 x 1 < 5: early
  EXPECT_EQ(gentle->next_gamma(), 4);
}

TEST(ModelPolicyAimd, EarlyMeansTheFirstHalfOfTheWindow) {
  // Window of 6: 0-2 accepted is early (cut), 3-5 is late (kept).
  for (std::int64_t accepted = 0; accepted < 6; ++accepted) {
    auto policy = make(aimd(6));
    verdict(*policy, 6, accepted);
    EXPECT_EQ(policy->next_gamma(), accepted < 3 ? 3 : 6) << accepted;
  }
  // Window of 5: 0-2 accepted is early (2 x 2 < 5), 3-4 late.
  for (std::int64_t accepted = 0; accepted < 5; ++accepted) {
    auto policy = make(aimd(5));
    verdict(*policy, 5, accepted);
    EXPECT_EQ(policy->next_gamma(), accepted <= 2 ? 2 : 5) << accepted;
  }
}

TEST(ModelPolicyAimd, AShortFullWindowSaysNothingAboutTheCurrentSize) {
  auto policy = make(aimd(6));
  verdict(*policy, 3, 3);  // cut at a request's end, all accepted
  EXPECT_EQ(policy->next_gamma(), 6);
  verdict(*policy, 0, 0);  // a request's last token: nothing drafted
  EXPECT_EQ(policy->next_gamma(), 6);
  verdict(*policy, 6, 6);
  EXPECT_EQ(policy->next_gamma(), 7);
  // Pipelined: a window pre-drafted at 7 before the verdict that raised gamma to 8.
  verdict(*policy, 7, 7);
  EXPECT_EQ(policy->next_gamma(), 8);
  verdict(*policy, 7, 7);
  EXPECT_EQ(policy->next_gamma(), 8);
}

// Under the model the window tracks acceptance: higher alpha, longer windows on average.
TEST(ModelPolicyAimd, TracksAcceptanceUnderTheModel) {
  double previous = 0;
  for (const double alpha : {0.5, 0.8, 0.95}) {
    auto policy = make(aimd(4));
    policy_test::Conditions c;
    c.alpha = alpha;
    policy_test::SyntheticClient client(*policy, 3);
    const auto windows = policy_test::asked_windows(client.requests(c, 40, 256));
    const double mean = std::accumulate(windows.begin(), windows.end(), 0.0) / windows.size();
    EXPECT_GT(mean, previous + 0.5) << alpha;
    for (const auto w : windows) ASSERT_TRUE(w >= 1 && w <= 12);
    previous = mean;
  }
}

}  // namespace
}  // namespace dsdsi
