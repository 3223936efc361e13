// `length_table` acceptance reproduces the mean accepted lengths it is given, per gamma, in
// simulation: each gamma of a published curve (InferenceX, kimi-k2.5 + EAGLE3, SPEED-Bench coding,
// thinking on; realisable for gamma 1..8) is run in dsd_sync and the run's tokens_per_round_mean
// must be within 1% of the curve's value at that gamma.
//
// Tolerance and run length: the committed tokens per round N of the fitted chain has a known
// distribution, P(N = k) = a_1...a_(k-1) (1 - a_k) for k <= gamma and a_1...a_gamma for
// k = gamma + 1, so a run of R rounds estimates E[N] with relative standard error
// sd(N) / (E[N] sqrt(R)). Each gamma gets R = (3 sd / (0.01 E))^2 rounds: 1% is three standard
// errors. The seed is fixed (deterministic test); a correct simulator misses 1% for about 0.3% of
// seeds, while a wrong fit (e.g. the i.i.d. alpha of the README's table, or a chain off by one
// position) misses by several percent at some gamma. Requests are long, so the truncated last
// round of each of the 4 requests moves the mean by < 0.01%.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "dsdsi/model/length_table_fit.hpp"
#include "run_binary.hpp"

namespace {

// InferenceX golden_al_distribution/kimik2.5_eagle3.yaml, thinking_on (Apache-2.0).
const std::vector<double> kMeanLength = {1.83, 2.43, 2.88, 3.24, 3.46, 3.62, 3.71, 3.77};

std::string table_json() {
  std::string text = "{";
  for (std::size_t g = 1; g <= kMeanLength.size(); ++g) {
    text +=
        (g > 1 ? ", \"" : "\"") + std::to_string(g) + "\": " + std::to_string(kMeanLength[g - 1]);
  }
  return text + "}";
}

class LengthTableSim : public ::testing::TestWithParam<int> {};

TEST_P(LengthTableSim, ReproducesTheGivenMeanLengthWithinOnePercent) {
  const int gamma = GetParam();
  const auto fit = dsdsi::fit_length_table(kMeanLength);
  ASSERT_FALSE(fit.problem);
  double mean = 0, second = 0, all_so_far = 1;
  for (int k = 1; k <= gamma + 1; ++k) {
    const double p = k <= gamma ? all_so_far * (1 - fit.alphas[k - 1]) : all_so_far;
    mean += k * p;
    second += k * k * p;
    if (k <= gamma) all_so_far *= fit.alphas[k - 1];
  }
  ASSERT_NEAR(mean, kMeanLength[gamma - 1], 1e-9);  // the fit itself is exact
  const double sd = std::sqrt(second - mean * mean);
  const double rounds = std::pow(3 * sd / (0.01 * mean), 2);
  const int requests = 4;
  const long tokens = std::lround(rounds * mean / requests) + 1;

  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("scenarios/quickstart.json").string(),
      {"speculation.gamma=" + std::to_string(gamma),
       "speculation.acceptance={\"kind\": \"length_table\", \"mean_length\": " + table_json() + "}",
       "workload.requests_per_client=" + std::to_string(requests),
       "workload.output_tokens=" + std::to_string(tokens), "network.rtt_ms=1"},
      dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  const double simulated = summary.at("tokens_per_round_mean").get<double>();
  EXPECT_LT(std::abs(simulated - kMeanLength[gamma - 1]) / kMeanLength[gamma - 1], 0.01)
      << "gamma " << gamma << ": simulated " << simulated << ", given " << kMeanLength[gamma - 1]
      << " (" << rounds << " rounds)";
}

INSTANTIATE_TEST_SUITE_P(KimiK25Eagle3, LengthTableSim, ::testing::Range(1, 9));

}  // namespace
