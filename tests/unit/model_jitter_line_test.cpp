// Per-message network jitter on one connection (`network.jitter_ms`, model/jitter_line.hpp):
// never early, in order, reproducible per (seed, direction, client), and its running mean.
#include <gtest/gtest.h>

#include <vector>

#include "dsdsi/model/jitter_line.hpp"

namespace dsdsi {
namespace {

DistributionSpec uniform(double min, double max) {
  DistributionSpec d;
  d.kind = DistKind::uniform;
  d.min = min;
  d.max = max;
  return d;
}

DistributionSpec lognormal(double median, double sigma) {
  DistributionSpec d;
  d.kind = DistKind::lognormal;
  d.median = median;
  d.sigma = sigma;
  return d;
}

DistributionSpec list(std::vector<double> values) {
  DistributionSpec d;
  d.kind = DistKind::list;
  d.values = std::move(values);
  return d;
}

// The deliveries of messages arriving at `arrivals` on a fresh line.
std::vector<double> deliveries(const DistributionSpec& jitter, std::uint64_t seed,
                               std::string_view direction, std::uint64_t client,
                               const std::vector<double>& arrivals) {
  JitterLine line(jitter, seed, direction, client);
  std::vector<double> out;
  for (const double arrival : arrivals) out.push_back(line.delivery_ms(arrival));
  return out;
}

// `n` arrivals `gap_ms` apart from `start_ms`.
std::vector<double> arrivals_every(double gap_ms, int n, double start_ms = 0) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(start_ms + gap_ms * i);
  return out;
}

// Protects: no message is delivered before it arrived, and the connection stays in order (FIFO)
// even when messages arrive 0.01 ms apart (or together) and the draws are far larger.
TEST(ModelJitterLine, NeverEarlyAndInOrderUnderLargeDraws) {
  std::vector<double> arrivals = arrivals_every(0.01, 400, 5);
  arrivals.insert(arrivals.begin() + 200, 3, arrivals[199]);  // three at the same instant
  for (const auto& jitter : {uniform(0, 100), lognormal(30, 1.5), list({0, 250, 1})}) {
    const auto out = deliveries(jitter, 7, "up", 3, arrivals);
    ASSERT_EQ(out.size(), arrivals.size());
    bool some_held_back = false;  // the max() with the previous delivery must have mattered
    for (std::size_t i = 0; i < out.size(); ++i) {
      EXPECT_GE(out[i], arrivals[i]) << "message " << i;
      if (i == 0) continue;
      EXPECT_GE(out[i], out[i - 1]) << "message " << i;
      if (out[i] == out[i - 1]) some_held_back = true;
    }
    EXPECT_TRUE(some_held_back);
  }
}

// Protects: a fixed jitter j delays every message by exactly j when messages are spaced out.
TEST(ModelJitterLine, FixedJitterAddsExactlyItsValue) {
  const auto arrivals = arrivals_every(10, 20, 3);
  const auto out = deliveries(DistributionSpec::fixed_at(2.5), 1, "down", 0, arrivals);
  for (std::size_t i = 0; i < out.size(); ++i) EXPECT_DOUBLE_EQ(out[i], arrivals[i] + 2.5);
}

// Protects: fixed 0 delivers every message the moment it arrives.
TEST(ModelJitterLine, FixedZeroDeliversOnArrival) {
  const auto arrivals = arrivals_every(0.5, 10, 1);
  EXPECT_EQ(deliveries(DistributionSpec::fixed_at(0), 1, "up", 0, arrivals), arrivals);
}

// Protects: the draws come from the (seed, direction, client) stream: the same three give the
// same deliveries, another client, direction or seed gives others.
TEST(ModelJitterLine, SameStreamSameSequenceOtherStreamsDiffer) {
  const auto arrivals = arrivals_every(50, 30);
  const auto jitter = uniform(0, 20);
  const auto base = deliveries(jitter, 11, "up", 4, arrivals);
  EXPECT_EQ(deliveries(jitter, 11, "up", 4, arrivals), base);
  EXPECT_NE(deliveries(jitter, 11, "up", 5, arrivals), base);
  EXPECT_NE(deliveries(jitter, 11, "down", 4, arrivals), base);
  EXPECT_NE(deliveries(jitter, 12, "up", 4, arrivals), base);
}

// Protects: mean_extra_ms is 0 before any message, then the mean of delivery - arrival over the
// messages so far (including the extra wait of messages held back behind an earlier one).
TEST(ModelJitterLine, MeanExtraIsTheMeanOfDeliveryMinusArrival) {
  JitterLine line(uniform(0, 40), 3, "up", 1);
  EXPECT_EQ(line.mean_extra_ms(), 0);
  double total = 0;
  const auto arrivals = arrivals_every(1, 200);  // close: many messages are held back
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    total += line.delivery_ms(arrivals[i]) - arrivals[i];
    EXPECT_NEAR(line.mean_extra_ms(), total / static_cast<double>(i + 1), 1e-9);
  }
  EXPECT_GT(line.mean_extra_ms(), 0);
}

// Protects: has_jitter is false only for fixed 0; any other fixed value or any distribution
// (even one that happens to draw only 0) counts as jitter.
TEST(ModelJitterLine, HasJitterIsFalseOnlyForFixedZero) {
  EXPECT_FALSE(has_jitter(DistributionSpec::fixed_at(0)));
  EXPECT_FALSE(has_jitter(DistributionSpec{}));
  EXPECT_TRUE(has_jitter(DistributionSpec::fixed_at(0.001)));
  EXPECT_TRUE(has_jitter(uniform(0, 5)));
  EXPECT_TRUE(has_jitter(uniform(0, 0)));
  EXPECT_TRUE(has_jitter(lognormal(2, 0.5)));
  EXPECT_TRUE(has_jitter(list({0})));
}

}  // namespace
}  // namespace dsdsi
