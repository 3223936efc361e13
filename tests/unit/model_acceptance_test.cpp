// The Bernoulli acceptance model against its distribution:
// P(N = k) = (1 - alpha) alpha^k for k < positions, P(N = positions) = alpha^positions.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/closed_form.hpp"

using dsdsi::BernoulliAcceptance;
using dsdsi::RandomStream;

namespace {
// Pearson chi-square of observed counts against expected probabilities.
double chi_square(const std::vector<long>& observed, const std::vector<double>& probability,
                  long n) {
  double stat = 0;
  for (std::size_t k = 0; k < observed.size(); ++k) {
    const double expected = probability[k] * static_cast<double>(n);
    stat += (observed[k] - expected) * (observed[k] - expected) / expected;
  }
  return stat;
}
}  // namespace

TEST(ModelAcceptance, LeadingAcceptedFollowsTheTruncatedGeometricLaw) {
  // 5 degrees of freedom (6 cells); the 0.999 quantile of chi-square(5) is 20.52. With a fixed
  // seed the test is deterministic; a wrong law (e.g. off by one position) gives statistics in
  // the thousands at this sample size.
  const double alpha = 0.7;
  const int positions = 5;
  const long n = 200000;
  BernoulliAcceptance model(alpha);
  RandomStream stream(42, "acceptance-test", 0);
  std::vector<long> counts(positions + 1, 0);
  for (long i = 0; i < n; ++i) ++counts[model.leading_accepted(stream, positions)];
  std::vector<double> p(positions + 1);
  for (int k = 0; k < positions; ++k) p[k] = (1 - alpha) * std::pow(alpha, k);
  p[positions] = std::pow(alpha, positions);
  EXPECT_LT(chi_square(counts, p, n), 20.52);
}

TEST(ModelAcceptance, MeanCommittedTokensMatchesE) {
  // sd(N) <= gamma+1; with 400k rounds the standard error of the mean is below 0.004 tokens.
  for (double alpha : {0.2, 0.8, 0.95}) {
    const int gamma = 4;
    BernoulliAcceptance model(alpha);
    RandomStream stream(7, "acceptance-test", 1);
    const long n = 400000;
    double sum = 0;
    for (long i = 0; i < n; ++i) sum += model.leading_accepted(stream, gamma) + 1;
    EXPECT_NEAR(sum / n, model.expected_tokens_per_round(gamma), 0.02) << "alpha=" << alpha;
  }
}

TEST(ModelAcceptance, EdgeAlphasAreExact) {
  RandomStream stream(1, "acceptance-test", 2);
  EXPECT_EQ(BernoulliAcceptance(1.0).leading_accepted(stream, 6), 6);
  EXPECT_EQ(BernoulliAcceptance(0.0).leading_accepted(stream, 6), 0);
  EXPECT_EQ(BernoulliAcceptance(0.5).leading_accepted(stream, 0), 0);
}

TEST(ModelRandomStream, StreamsAreReproducibleAndIndependentPerEntity) {
  RandomStream a(1, "accept", 3), b(1, "accept", 3), c(1, "accept", 4), d(2, "accept", 3),
      e(1, "think", 3);
  const auto first = a.next_u64();
  EXPECT_EQ(first, b.next_u64());
  EXPECT_NE(first, c.next_u64());
  EXPECT_NE(first, d.next_u64());
  EXPECT_NE(first, e.next_u64());
  for (int i = 0; i < 1000; ++i) {
    const double u = a.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}
