// Continuous batching on a verifier whose step cost is affine in batched tokens
// (tests/data/affine_batching.json: 18 ms + 0.5 ms per token; a verify batch of b windows of
// gamma = 4 is 5b tokens).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "dsdsi/model/closed_form.hpp"
#include "run_binary.hpp"

namespace {

const double kBaseMs = 18, kPerTokenMs = 0.5;
const int kGamma = 4;

std::string scenario() {
  return dsdsi::test::source_path("tests/data/affine_batching.json").string();
}

// Every step lasts exactly what the latency model says at the batched tokens recorded for it,
// and those tokens are the sum of window + 1 over the rounds that shared the step.
TEST(BatchingSim, StepTimesMatchTheAffineModelAtTheRecordedBatch) {
  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(scenario(), {}, dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  std::map<std::string, long> tokens_of_batch, rows_of_batch;
  std::map<std::string, std::pair<long, long>> recorded;  // batch -> (batch_tokens, batch_size)
  const auto rounds = dsdsi::test::read_csv(dir.path() / "out" / "rounds.csv");
  ASSERT_GT(rounds.size(), 1000u);
  for (const auto& r : rounds) {
    // A prompt's prefill (free here) is not a decode step: it may run alone, in no time.
    if (r.at("kind") == "prefill") continue;
    const long batch_tokens = std::stol(r.at("batch_tokens"));
    const double step = std::stod(r.at("verify_end_ms")) - std::stod(r.at("verify_start_ms"));
    // 6 decimals in the CSV: the difference of two times is exact to 2e-6 ms.
    ASSERT_NEAR(step, kBaseMs + kPerTokenMs * static_cast<double>(batch_tokens), 2e-6)
        << "batch " << r.at("batch_id");
    const std::string batch = r.at("server") + "/" + r.at("batch_id");
    tokens_of_batch[batch] += std::stol(r.at("gamma")) + 1;
    ++rows_of_batch[batch];
    recorded[batch] = {batch_tokens, std::stol(r.at("batch_size"))};
  }
  for (const auto& [batch, tokens] : tokens_of_batch) {
    EXPECT_EQ(tokens, recorded[batch].first) << batch;
    // Prefill jobs (free here) may share a step: they count in batch_size, not in tokens.
    EXPECT_LE(rows_of_batch[batch], recorded[batch].second) << batch;
    EXPECT_LE(recorded[batch].second, 8) << batch;
  }
}

// Saturated (128 clients keep it full), a step of b windows commits b E tokens in
// 18 + 2.5 b ms: throughput b E / (18 + 2.5 b) rises with b and flattens toward the
// compute-bound E / 2.5 tokens per ms. Tolerance 3%: ramp-up and tail (a few steps of ~100 per
// client) and the realised E over ~15,000 rounds (relative standard error 0.4%).
TEST(BatchingSim, ThroughputRisesWithMaxBatchUntilComputeBound) {
  const double e = dsdsi::closed_form::expected_tokens_per_round(0.8, kGamma);
  dsdsi::test::TempDir dir;
  std::map<int, double> throughput;  // tokens per ms
  for (int b : {1, 2, 4, 8, 16, 32}) {
    const auto summary = dsdsi::test::run_and_summarize(
        scenario(), {"cloud.max_batch=" + std::to_string(b)}, dir.path() / std::to_string(b));
    ASSERT_FALSE(summary.empty());
    throughput[b] = summary.at("throughput_tokens_per_s").get<double>() / 1e3;
    const double saturated = b * e / (kBaseMs + kPerTokenMs * (kGamma + 1) * b);
    EXPECT_NEAR(throughput[b] / saturated, 1.0, 0.03) << "max_batch " << b;
  }
  double previous = 0;
  for (const auto& [b, t] : throughput) {
    EXPECT_GT(t, previous) << "max_batch " << b;
    previous = t;
  }
  const double compute_bound = e / (kPerTokenMs * (kGamma + 1));
  EXPECT_LT(throughput[32], compute_bound);
  EXPECT_GT(throughput[2] / throughput[1], 1.7);    // memory-bound: nearly free batching
  EXPECT_LT(throughput[32] / throughput[16], 1.2);  // compute-bound: little left to gain
}

}  // namespace

// Jobs that arrive at the same instant are taken in client order (docs/model.md, "Batches"): 200
// identical clients start together, so every window of a round arrives at one instant and a
// static batch of 32 is cut from among them. Whenever two jobs arrived at the same instant, the
// lower client's runs in the same batch or an earlier one. SimGrid's own order of those events
// (0, 199, 198, ... here before the rule) breaks this at the first cut.
TEST(BatchingSim, JobsArrivingTogetherAreTakenInClientOrder) {
  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("scenarios/quickstart.json").string(),
      {"workload.clients=200", "workload.requests_per_client=1", "workload.output_tokens=40",
       "cloud.max_batch=32", "cloud.batch_window_ms=5", "mode=dsd_sync"},
      dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  // arrival instant -> (client, batch) of every job that arrived then
  std::map<std::string, std::vector<std::pair<long, long>>> arrivals;
  for (const auto& r : dsdsi::test::read_csv(dir.path() / "out" / "rounds.csv")) {
    arrivals[r.at("arrive_ms")].emplace_back(std::stol(r.at("client")),
                                             std::stol(r.at("batch_id")));
  }
  std::size_t cut_instants = 0;  // instants whose jobs went into more than one batch
  for (auto& [instant, jobs] : arrivals) {
    std::sort(jobs.begin(), jobs.end());
    bool cut = false;
    for (std::size_t i = 1; i < jobs.size(); ++i) {
      EXPECT_LE(jobs[i - 1].second, jobs[i].second)
          << "at " << instant << " ms client " << jobs[i - 1].first << " ran after client "
          << jobs[i].first;
      cut = cut || jobs[i - 1].second != jobs[i].second;
    }
    cut_instants += cut ? 1 : 0;
  }
  EXPECT_GT(cut_instants, 10u);  // the rule was exercised, not vacuously true
}
