// The length_table fit: alphas such that E(gamma) = 1 + sum_{i<=gamma} prod_{j<=i} alpha_j gives
// every given mean length, and tables no such chain gives are refused at the gamma that breaks.
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/length_table_fit.hpp"

namespace dsdsi {
namespace {

TEST(LengthTableFit, ReproducesEveryGivenMeanLengthThroughTheClosedForm) {
  // InferenceX golden AL, qwen3.5-397b-a17b MTP, thinking on (SPEED-Bench coding, B300, vLLM).
  const std::vector<double> lengths = {1.93, 2.73, 3.39, 3.97, 4.41, 4.80, 5.04, 5.21};
  const LengthTableFit fit = fit_length_table(lengths);
  ASSERT_FALSE(fit.problem) << fit.problem->second;
  ASSERT_EQ(fit.alphas.size(), lengths.size());
  EXPECT_NEAR(fit.alphas[0], 0.93, 1e-12);
  EXPECT_NEAR(fit.alphas[1], 0.80 / 0.93, 1e-12);
  const RequestAcceptance acceptance(fit.alphas);
  for (std::size_t g = 1; g <= lengths.size(); ++g) {
    EXPECT_NEAR(acceptance.expected_tokens_per_round(static_cast<int>(g)), lengths[g - 1], 1e-12)
        << "gamma " << g;
  }
}

TEST(LengthTableFit, ABernoulliCurveGivesItsAlphaAtEveryPosition) {
  std::vector<double> lengths;
  for (int g = 1; g <= 6; ++g) lengths.push_back((1 - std::pow(0.7, g + 1)) / (1 - 0.7));
  const LengthTableFit fit = fit_length_table(lengths);
  ASSERT_FALSE(fit.problem);
  for (const double alpha : fit.alphas) EXPECT_NEAR(alpha, 0.7, 1e-12);
}

TEST(LengthTableFit, RefusesALengthThatFalls) {
  // InferenceX deepseek-v4-pro MTP, thinking on: 2.55 at gamma 6, 2.54 at gamma 7.
  const LengthTableFit fit = fit_length_table({1.79, 2.27, 2.49, 2.54, 2.55, 2.55, 2.54, 2.58});
  ASSERT_TRUE(fit.problem);
  EXPECT_EQ(fit.problem->first, 7);
  EXPECT_NE(fit.problem->second.find("below"), std::string::npos) << fit.problem->second;
}

TEST(LengthTableFit, RefusesAGrowthLargerThanTheStepBefore) {
  // minimax-m3 EAGLE3, thinking off: +0.41 from gamma 2 to 3, then +0.48 to gamma 4.
  const LengthTableFit fit = fit_length_table({1.84, 2.52, 2.93, 3.41});
  ASSERT_TRUE(fit.problem);
  EXPECT_EQ(fit.problem->first, 4);
  EXPECT_NE(fit.problem->second.find("> 1"), std::string::npos) << fit.problem->second;
}

TEST(LengthTableFit, RefusesAFirstLengthOutsideOneToTwo) {
  EXPECT_EQ(fit_length_table({2.1}).problem->first, 1);
  EXPECT_EQ(fit_length_table({0.9}).problem->first, 1);
  EXPECT_FALSE(fit_length_table({1.0, 1.0}).problem);  // nothing accepted: alphas 0
  EXPECT_FALSE(fit_length_table({2.0, 3.0}).problem);  // everything accepted: alphas 1
}

TEST(LengthTableFit, EqualDecimalStepsAreNotRefusedForBinaryRoundoff) {
  // 1.2 - 1.1 < 1.3 - 1.2 in binary; both are 0.1.
  const LengthTableFit fit = fit_length_table({1.1, 1.2, 1.3});
  ASSERT_FALSE(fit.problem) << fit.problem->second;
  EXPECT_NEAR(fit.alphas[0], 0.1, 1e-12);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_NEAR(fit.alphas[i], 1.0, 1e-12);
    EXPECT_LE(fit.alphas[i], 1.0);  // a probability: never 1 + 1e-15
  }
}

}  // namespace
}  // namespace dsdsi
