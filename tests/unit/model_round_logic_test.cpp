#include <gtest/gtest.h>

#include "dsdsi/model/batch_cost.hpp"
#include "dsdsi/model/round_logic.hpp"

using namespace dsdsi;

TEST(ModelRoundLogic, WindowIsShortenedAtTheEndOfARequest) {
  EXPECT_EQ(window_size(4, 100), 4);
  EXPECT_EQ(window_size(4, 5), 4);
  EXPECT_EQ(window_size(4, 4), 3);
  EXPECT_EQ(window_size(4, 1), 0);
}

TEST(ModelRoundLogic, RoundCommitsAcceptedPlusOneCappedAtRemaining) {
  auto r = resolve_round(4, 2, false, 100);
  EXPECT_EQ(r.accepted, 2);
  EXPECT_EQ(r.committed, 3);
  EXPECT_FALSE(r.bonus_guessed);
  r = resolve_round(4, 4, false, 100);
  EXPECT_EQ(r.committed, 5);
  r = resolve_round(3, 3, false, 4);
  EXPECT_EQ(r.committed, 4);
}

TEST(ModelRoundLogic, GuessCountsOnlyWhenTheWholeWindowIsAccepted) {
  EXPECT_TRUE(resolve_round(4, 5, true, 100).bonus_guessed);
  EXPECT_EQ(resolve_round(4, 5, true, 100).accepted, 4);
  EXPECT_FALSE(resolve_round(4, 4, true, 100).bonus_guessed);
  EXPECT_FALSE(resolve_round(4, 5, false, 100).bonus_guessed);
}

TEST(ModelRoundLogic, PredraftCoversTheGuessAndTheNextWindow) {
  EXPECT_EQ(tokens_to_predraft(4, 4, 100), 5);
  EXPECT_EQ(tokens_to_predraft(4, 4, 7), 1 + 1);  // after a hit 2 remain: guess + window of 1
  EXPECT_EQ(tokens_to_predraft(4, 4, 5), 0);      // a hit finishes the request
}

TEST(ModelBatchCost, ConstantStepsPlusPerTokenPrefill) {
  CloudParams cloud;
  cloud.verify = LatencySpec::constant_ms(20);
  cloud.ar_step = LatencySpec::constant_ms(15);
  cloud.draft = LatencySpec::constant_ms(3);
  cloud.prefill = LatencySpec::per_token(0.5);
  const BatchCost cost(cloud);
  EXPECT_DOUBLE_EQ(cost.batch_ms({{CloudJobKind::verify_window, 4}}), 20);
  EXPECT_DOUBLE_EQ(
      cost.batch_ms({{CloudJobKind::verify_window, 4}, {CloudJobKind::verify_window, 2}}), 20);
  EXPECT_DOUBLE_EQ(cost.batch_ms({{CloudJobKind::prefill, 100}}), 50);
  EXPECT_DOUBLE_EQ(cost.batch_ms({{CloudJobKind::prefill, 10}, {CloudJobKind::ar_step, 0}}), 20);
  // Co-located SD: the longest window sets the number of batched draft steps.
  EXPECT_DOUBLE_EQ(
      cost.batch_ms({{CloudJobKind::colocated_round, 4}, {CloudJobKind::colocated_round, 2}}),
      4 * 3 + 20);
}
