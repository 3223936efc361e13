// Device classes by share (`edge.devices`, model/device_assignment.hpp): deterministic, every
// prefix of the clients within one client of each class's share, ties to the class listed first.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dsdsi/model/device_assignment.hpp"

namespace dsdsi {
namespace {

// Floating rounding in share x n, nothing more.
constexpr double kRounding = 1e-9;

// The largest |count_k - share_k x n| over every prefix 0..n-1 of `assigned` and every class k.
double worst_prefix_deviation(const std::vector<double>& shares,
                              const std::vector<std::size_t>& assigned) {
  std::vector<std::int64_t> counts(shares.size(), 0);
  double worst = 0;
  for (std::size_t c = 0; c < assigned.size(); ++c) {
    ++counts.at(assigned[c]);
    for (std::size_t k = 0; k < shares.size(); ++k) {
      worst = std::max(worst, std::abs(static_cast<double>(counts[k]) -
                                       shares[k] * static_cast<double>(c + 1)));
    }
  }
  return worst;
}

std::vector<std::int64_t> counts_of(std::size_t classes, const std::vector<std::size_t>& assigned) {
  std::vector<std::int64_t> counts(classes, 0);
  for (const auto k : assigned) ++counts.at(k);
  return counts;
}

// Protects: one client per entry, every entry a valid class index, none for zero clients.
TEST(ModelDeviceAssignment, OneValidClassPerClient) {
  EXPECT_TRUE(assign_device_classes({0.5, 0.5}, 0).empty());
  const auto assigned = assign_device_classes({0.2, 0.3, 0.5}, 37);
  ASSERT_EQ(assigned.size(), 37u);
  for (const auto k : assigned) EXPECT_LT(k, 3u);
}

// Protects: the same shares and clients always give the same assignment (runs are reproducible),
// and a longer run extends a shorter one (adding clients does not reshuffle the earlier ones).
TEST(ModelDeviceAssignment, IsDeterministicAndPrefixStable) {
  const std::vector<double> shares = {0.6, 0.25, 0.15};
  const auto first = assign_device_classes(shares, 500);
  EXPECT_EQ(assign_device_classes(shares, 500), first);
  const auto shorter = assign_device_classes(shares, 123);
  EXPECT_EQ(shorter, std::vector<std::size_t>(first.begin(), first.begin() + 123));
}

// Protects: every prefix of the clients (a group behind one shared link, or a run cut short)
// holds each class within one client of its share, for several share vectors and up to 1000
// clients, including three classes with irrational-looking shares.
TEST(ModelDeviceAssignment, EveryPrefixIsWithinOneClientOfEachShare) {
  const double a = 1 / std::sqrt(8.0), b = 1 / M_PI;
  const std::vector<std::vector<double>> share_sets = {
      {0.5, 0.5},       {0.7, 0.3},        {0.999, 0.001},     {0.2, 0.3, 0.5},
      {0.1, 0.1, 0.8},  {a, b, 1 - a - b}, {1 / 3.0, 1 / 3.0, 1 / 3.0}, {0.01, 0.01, 0.98},
      {0.45, 0.45, 0.1}};
  for (const auto& shares : share_sets) {
    for (const std::int64_t n : {1, 2, 3, 7, 10, 99, 1000}) {
      const auto assigned = assign_device_classes(shares, n);
      EXPECT_LE(worst_prefix_deviation(shares, assigned), 1 + kRounding)
          << "shares[0]=" << shares[0] << " classes=" << shares.size() << " clients=" << n;
    }
  }
}

// Protects: when share x clients is a whole number, each class gets exactly that many.
TEST(ModelDeviceAssignment, WholeQuotasAreMetExactly) {
  EXPECT_EQ(counts_of(2, assign_device_classes({0.25, 0.75}, 4)),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(counts_of(3, assign_device_classes({0.2, 0.3, 0.5}, 1000)),
            (std::vector<std::int64_t>{200, 300, 500}));
  EXPECT_EQ(counts_of(2, assign_device_classes({0.999, 0.001}, 1000)),
            (std::vector<std::int64_t>{999, 1}));
}

// Protects: the classes are interleaved, not in blocks (clients behind one shared link mix).
TEST(ModelDeviceAssignment, ClassesAreInterleaved) {
  EXPECT_EQ(assign_device_classes({0.5, 0.5}, 6), (std::vector<std::size_t>{0, 1, 0, 1, 0, 1}));
  EXPECT_EQ(assign_device_classes({0.25, 0.75}, 4), (std::vector<std::size_t>{1, 0, 1, 1}));
}

// Protects: a single class (share 1) gets every client.
TEST(ModelDeviceAssignment, ASingleClassGetsEveryone) {
  EXPECT_EQ(assign_device_classes({1.0}, 250), std::vector<std::size_t>(250, 0));
}

// Protects: equal lags go to the class listed first, so listing order (not chance) decides.
TEST(ModelDeviceAssignment, TiesGoToTheClassListedFirst) {
  EXPECT_EQ(assign_device_classes({1 / 3.0, 1 / 3.0, 1 / 3.0}, 6),
            (std::vector<std::size_t>{0, 1, 2, 0, 1, 2}));
  // The first client: 0.4 and 0.4 tie ahead of 0.2, so class 0; then class 1 is furthest behind.
  const auto assigned = assign_device_classes({0.4, 0.4, 0.2}, 2);
  EXPECT_EQ(assigned, (std::vector<std::size_t>{0, 1}));
  // The same shares listed the other way round: the first-listed tied class still goes first.
  EXPECT_EQ(assign_device_classes({0.2, 0.4, 0.4}, 2), (std::vector<std::size_t>{1, 2}));
}

}  // namespace
}  // namespace dsdsi
