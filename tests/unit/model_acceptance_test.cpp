// The Bernoulli acceptance model against its distribution:
// P(N = k) = (1 - alpha) alpha^k for k < positions, P(N = positions) = alpha^positions.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/closed_form.hpp"

using dsdsi::RandomStream;
using dsdsi::RequestAcceptance;

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
  const RequestAcceptance model(std::vector<double>{alpha});
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
    const RequestAcceptance model(std::vector<double>{alpha});
    RandomStream stream(7, "acceptance-test", 1);
    const long n = 400000;
    double sum = 0;
    for (long i = 0; i < n; ++i) sum += model.leading_accepted(stream, gamma) + 1;
    EXPECT_NEAR(sum / n, model.expected_tokens_per_round(gamma), 0.02) << "alpha=" << alpha;
  }
}

TEST(ModelAcceptance, EdgeAlphasAreExact) {
  RandomStream stream(1, "acceptance-test", 2);
  EXPECT_EQ(RequestAcceptance(std::vector<double>{1.0}).leading_accepted(stream, 6), 6);
  EXPECT_EQ(RequestAcceptance(std::vector<double>{0.0}).leading_accepted(stream, 6), 0);
  EXPECT_EQ(RequestAcceptance(std::vector<double>{0.5}).leading_accepted(stream, 0), 0);
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

TEST(ModelAcceptance, PositionalExpectationIsTheSumOfPrefixProducts) {
  const RequestAcceptance positional(std::vector<double>{0.9, 0.5, 0.2});
  // 1 + 0.9 + 0.9*0.5 + 0.9*0.5*0.2 + (last alpha repeats) 0.9*0.5*0.2*0.2
  EXPECT_NEAR(positional.expected_tokens_per_round(4), 1 + 0.9 + 0.45 + 0.09 + 0.018, 1e-12);
  EXPECT_NEAR(RequestAcceptance(std::vector<double>{0.8}).expected_tokens_per_round(4),
              dsdsi::closed_form::expected_tokens_per_round(0.8, 4), 1e-12);
}

TEST(ModelAcceptance, BetaModelDrawsEachRequestsAlphaAndAveragesRoundWeighted) {
  // Beta(8, 2): mean alpha 0.8. The run's tokens per round is the harmonic mean over requests of
  // E(alpha): checked against a Monte Carlo of 200k requests (standard error ~0.1%).
  dsdsi::AcceptanceParams params;
  params.kind = dsdsi::AcceptanceKind::beta;
  params.a = 8;
  params.b = 2;
  const auto model = dsdsi::make_acceptance_model(params, 1);
  RandomStream stream(11, "acceptance", 0);
  double inverse_sum = 0, alpha_sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const auto request = model->for_request(stream, 0, i);
    inverse_sum += 1.0 / request.expected_tokens_per_round(4);
    alpha_sum += request.expected_tokens_per_round(1) - 1;  // E(alpha, 1) - 1 = alpha
  }
  EXPECT_NEAR(alpha_sum / n, 0.8, 0.002);
  EXPECT_NEAR(n / inverse_sum / model->expected_tokens_per_round(4), 1.0, 0.003);
}

TEST(ModelAcceptance, TraceGivesRequestsTheirRecordsRequestMajor) {
  dsdsi::AcceptanceParams params;
  params.kind = dsdsi::AcceptanceKind::trace;
  for (double a : {0.1, 0.2, 0.3, 0.4}) params.records.push_back({a, {}});
  const auto model = dsdsi::make_acceptance_model(params, 2);
  RandomStream stream(1, "acceptance", 0);
  // Two clients: records 0, 1 are the first requests of clients 0, 1; records 2, 3 the second.
  EXPECT_NEAR(model->for_request(stream, 1, 0).expected_tokens_per_round(1), 1.2, 1e-12);
  EXPECT_NEAR(model->for_request(stream, 0, 1).expected_tokens_per_round(1), 1.3, 1e-12);
}
