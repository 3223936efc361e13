// The latency models by hand: constant, affine, table interpolation (and its extended end
// segments) and the roofline's two regimes.
#include <gtest/gtest.h>

#include "dsdsi/model/latency_model.hpp"

namespace dsdsi {
namespace {

// Exact arithmetic on a few doubles: a relative 1e-12 only absorbs rounding.
constexpr double kRounding = 1e-12;

StepShape tokens(std::int64_t n) { return {1, n}; }

TEST(ModelLatency, ConstantIgnoresTheBatch) {
  const ConstantLatency model(20);
  EXPECT_EQ(model.step_ms({1, 1}), 20);
  EXPECT_EQ(model.step_ms({64, 4096}), 20);
}

TEST(ModelLatency, AffineIsBasePlusPerTokenTimesBatchedTokens) {
  const AffineLatency model(18, 0.02);
  EXPECT_NEAR(model.step_ms(tokens(1)), 18.02, 18.02 * kRounding);
  // A verify batch of 32 requests with gamma 4: 32 x 5 = 160 batched tokens.
  EXPECT_NEAR(model.step_ms({32, 160}), 21.2, 21.2 * kRounding);
}

TEST(ModelLatency, TableInterpolatesLinearlyBetweenPoints) {
  const TableLatency model({{1, 6}, {9, 10}, {25, 26}});
  EXPECT_EQ(model.step_ms(tokens(1)), 6);
  EXPECT_EQ(model.step_ms(tokens(9)), 10);
  EXPECT_EQ(model.step_ms(tokens(25)), 26);
  EXPECT_EQ(model.step_ms(tokens(5)), 8);    // halfway from 1 to 9
  EXPECT_EQ(model.step_ms(tokens(17)), 18);  // halfway from 9 to 25
  EXPECT_EQ(model.step_ms(tokens(13)), 14);
}

TEST(ModelLatency, TableExtendsItsEndSegmentsOutsideItsRange) {
  const TableLatency model({{4, 10}, {8, 12}, {16, 20}});
  // Below: the first segment's slope, 0.5 ms per token.
  EXPECT_EQ(model.step_ms(tokens(2)), 9);
  EXPECT_EQ(model.step_ms(tokens(1)), 8.5);
  // Above: the last segment's slope, 1 ms per token.
  EXPECT_EQ(model.step_ms(tokens(32)), 36);
}

TEST(ModelLatency, RooflineByHandForAn8BModelOnAnH100) {
  LatencySpec spec;
  spec.kind = LatencyKind::roofline;
  spec.params_billion = 8;
  spec.bytes_per_param = 2;
  spec.mem_bw_gbps = 3350;
  spec.peak_tflops = 989;
  const RooflineLatency model(spec);
  // Memory: 16e9 bytes / 3350e9 bytes/s = 4.776 ms, whatever the batch until compute takes over.
  const double memory_ms = 16e9 / 3350e9 * 1e3;
  EXPECT_NEAR(memory_ms, 4.776, 1e-3);
  EXPECT_NEAR(model.step_ms(tokens(1)), memory_ms, memory_ms * kRounding);
  EXPECT_NEAR(model.step_ms(tokens(200)), memory_ms, memory_ms * kRounding);
  // Compute: 2 x 8e9 flops per token / 989e12 flop/s = 0.016178 ms per token. The two cross at
  // 4.776 / 0.016178 = 295.2 tokens (the H100's ridge point, 989e12 / 3350e9 = 295 flop/byte,
  // times 2 bytes per parameter over 2 flops per parameter).
  const double per_token_ms = 2 * 8e9 / 989e12 * 1e3;
  EXPECT_NEAR(per_token_ms, 0.016178, 1e-6);
  EXPECT_NEAR(memory_ms / per_token_ms, 295.2, 0.1);
  EXPECT_NEAR(model.step_ms(tokens(295)), memory_ms, memory_ms * kRounding);
  EXPECT_NEAR(model.step_ms(tokens(296)), 296 * per_token_ms, 1e-9);
  EXPECT_NEAR(model.step_ms(tokens(8192)), 8192 * per_token_ms, 1e-9);
}

TEST(ModelLatency, RooflineAddsItsOverheadInBothRegimes) {
  LatencySpec spec;
  spec.kind = LatencyKind::roofline;
  spec.params_billion = 8;
  spec.bytes_per_param = 2;
  spec.mem_bw_gbps = 3350;
  spec.peak_tflops = 989;
  spec.overhead_ms = 1;
  const RooflineLatency model(spec);
  EXPECT_NEAR(model.step_ms(tokens(1)), 16e9 / 3350e9 * 1e3 + 1, 1e-9);
  EXPECT_NEAR(model.step_ms(tokens(1000)), 1000 * 2 * 8e9 / 989e12 * 1e3 + 1, 1e-9);
}

TEST(ModelLatency, MakeLatencyModelBuildsEachKindFromItsSpec) {
  LatencySpec table;
  table.kind = LatencyKind::table;
  table.points = {{1, 5}, {11, 15}};
  EXPECT_EQ(make_latency_model(table)->step_ms(tokens(6)), 10);
  EXPECT_EQ(make_latency_model(LatencySpec::constant_ms(7))->step_ms(tokens(99)), 7);
  EXPECT_NEAR(make_latency_model(LatencySpec::per_token(0.5))->step_ms({4, 128}), 64, 1e-12);
  // What the closed forms call t_v: one request verifying gamma + 1 = 5 positions.
  EXPECT_EQ(unbatched_step_ms(table, 5), 9);
}

}  // namespace
}  // namespace dsdsi
