#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "dsdsi/metrics/summary.hpp"

namespace dsdsi {
namespace {

RequestRecord request_record(double submit, double first, double last, std::int64_t tokens,
                             std::int64_t up = 0, std::int64_t down = 0) {
  RequestRecord r;
  r.submit_ms = submit;
  r.first_token_ms = first;
  r.last_token_ms = last;
  r.output_tokens = tokens;
  r.bytes_up = up;
  r.bytes_down = down;
  return r;
}

RoundRecord round_record(std::int64_t gamma, std::int64_t accepted, std::int64_t committed) {
  RoundRecord r;
  r.gamma = gamma;
  r.accepted = accepted;
  r.committed = committed;
  return r;
}

BatchRecord batch_record(std::int64_t size, double start, double end) {
  BatchRecord b;
  b.size = size;
  b.start_ms = start;
  b.end_ms = end;
  return b;
}

// Three requests (one with a single token), four rounds, three batches.
SummaryAccumulator full_run() {
  SummaryAccumulator acc;
  acc.on_request(request_record(0, 100, 500, 5, 1000, 200));    // ttft 100, e2e 500, tpot 400/4
  acc.on_request(request_record(10, 60, 60, 1, 500, 50));       // ttft 50, e2e 50, no tpot
  acc.on_request(request_record(20, 220, 1020, 3, 1500, 250));  // ttft 200, e2e 1000, tpot 800/2
  acc.on_round(round_record(4, 3, 4));
  acc.on_round(round_record(4, 4, 5));
  acc.on_round(round_record(4, 0, 1));
  acc.on_round(round_record(4, 1, 2));
  acc.on_batch(batch_record(2, 0, 20));
  acc.on_batch(batch_record(1, 100, 130));
  acc.on_batch(batch_record(3, 200, 250));
  return acc;
}

TEST(MetricsSummary, KeysInDocumentedOrder) {
  const nlohmann::ordered_json summary = full_run().finish(1020);
  const std::vector<std::string> expected = {"requests",
                                             "output_tokens",
                                             "rounds",
                                             "drafted_tokens",
                                             "accepted_tokens",
                                             "tokens_per_round_mean",
                                             "tokens_per_round_mean_ci95",
                                             "acceptance_rate",
                                             "acceptance_rate_ci95",
                                             "ttft_ms_mean",
                                             "ttft_ms_mean_ci95",
                                             "ttft_ms_p50",
                                             "ttft_ms_p90",
                                             "ttft_ms_p95",
                                             "ttft_ms_p99",
                                             "tpot_ms_mean",
                                             "tpot_ms_mean_ci95",
                                             "tpot_ms_p50",
                                             "tpot_ms_p90",
                                             "tpot_ms_p95",
                                             "tpot_ms_p99",
                                             "e2e_ms_mean",
                                             "e2e_ms_mean_ci95",
                                             "e2e_ms_p50",
                                             "e2e_ms_p90",
                                             "e2e_ms_p95",
                                             "e2e_ms_p99",
                                             "throughput_tokens_per_s",
                                             "throughput_tokens_per_s_ci95",
                                             "slo_attainment",
                                             "slo_attainment_ci95",
                                             "goodput_requests_per_s",
                                             "goodput_requests_per_s_ci95",
                                             "goodput_tokens_per_s",
                                             "goodput_tokens_per_s_ci95",
                                             "server_busy_fraction",
                                             "server_busy_fraction_ci95",
                                             "batches",
                                             "batch_size_mean",
                                             "batch_size_mean_ci95",
                                             "wan_bytes_up",
                                             "wan_bytes_down",
                                             "makespan_ms",
                                             "window_start_ms",
                                             "window_end_ms",
                                             "rtt_ms_mean",
                                             "rtt_ms_p50",
                                             "rtt_ms_p90",
                                             "rtt_ms_p95",
                                             "rtt_ms_p99",
                                             "edge_energy_j",
                                             "edge_j_per_token",
                                             "cloud_energy_j",
                                             "cloud_j_per_token"};
  std::vector<std::string> keys;
  for (const auto& item : summary.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, expected);
}

TEST(MetricsSummary, CountsAndRatios) {
  const nlohmann::ordered_json s = full_run().finish(1020);
  EXPECT_EQ(s["requests"], 3);
  EXPECT_EQ(s["output_tokens"], 9);
  EXPECT_EQ(s["rounds"], 4);
  EXPECT_EQ(s["drafted_tokens"], 16);
  EXPECT_EQ(s["accepted_tokens"], 8);
  EXPECT_TRUE(s["requests"].is_number_integer());
  // Committed tokens of the rounds (12), not the requests' output tokens (9), per round.
  EXPECT_DOUBLE_EQ(s["tokens_per_round_mean"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(s["acceptance_rate"].get<double>(), 0.5);
  EXPECT_EQ(s["batches"], 3);
  EXPECT_DOUBLE_EQ(s["batch_size_mean"].get<double>(), 2.0);
  EXPECT_EQ(s["wan_bytes_up"], 3000);
  EXPECT_EQ(s["wan_bytes_down"], 500);
  EXPECT_EQ(s["makespan_ms"], 1020.0);
}

// Tokens committed by the window's rounds (12 here; in a real run they add up to the requests'
// output tokens) per second of simulated time; without rounds (edge_ar), the requests' tokens.
TEST(MetricsSummary, ThroughputIsTokensPerSecondOfSimulatedTime) {
  const nlohmann::ordered_json s = full_run().finish(1020);
  EXPECT_DOUBLE_EQ(s["throughput_tokens_per_s"].get<double>(), 12.0 / 1.020);
  EXPECT_DOUBLE_EQ(full_run().finish(3000)["throughput_tokens_per_s"].get<double>(), 4.0);
  SummaryAccumulator edge_only;
  edge_only.on_request(request_record(0, 100, 500, 5, 0, 0));
  EXPECT_DOUBLE_EQ(edge_only.finish(1000)["throughput_tokens_per_s"].get<double>(), 5.0);
}

TEST(MetricsSummary, BusyFractionIsSumOfBatchDurationsOverMakespan) {
  const nlohmann::ordered_json s = full_run().finish(1020);
  EXPECT_DOUBLE_EQ(s["server_busy_fraction"].get<double>(), 100.0 / 1020.0);
}

TEST(MetricsSummary, Latencies) {
  const nlohmann::ordered_json s = full_run().finish(1020);
  // TTFT sample 50 100 200.
  EXPECT_DOUBLE_EQ(s["ttft_ms_mean"].get<double>(), 350.0 / 3.0);
  EXPECT_DOUBLE_EQ(s["ttft_ms_p50"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(s["ttft_ms_p95"].get<double>(), 190.0);
  EXPECT_DOUBLE_EQ(s["ttft_ms_p99"].get<double>(), 198.0);
  // TPOT sample 100 400: the one-token request has no TPOT (it would add a 0 or a NaN).
  EXPECT_DOUBLE_EQ(s["tpot_ms_mean"].get<double>(), 250.0);
  EXPECT_DOUBLE_EQ(s["tpot_ms_p50"].get<double>(), 250.0);
  EXPECT_DOUBLE_EQ(s["tpot_ms_p95"].get<double>(), 385.0);
  EXPECT_DOUBLE_EQ(s["tpot_ms_p99"].get<double>(), 397.0);
  // E2E sample 50 500 1000.
  EXPECT_DOUBLE_EQ(s["e2e_ms_mean"].get<double>(), 1550.0 / 3.0);
  EXPECT_DOUBLE_EQ(s["e2e_ms_p50"].get<double>(), 500.0);
  EXPECT_DOUBLE_EQ(s["e2e_ms_p95"].get<double>(), 950.0);
  EXPECT_DOUBLE_EQ(s["e2e_ms_p99"].get<double>(), 990.0);
}

TEST(MetricsSummary, EdgeOnlyRunHasNullsForRoundBatchAndTpotMetrics) {
  // Like edge_ar with one-token outputs: no rounds, no batches, no TPOT; makespan 0.
  SummaryAccumulator acc;
  acc.on_request(request_record(0, 0, 0, 1));
  acc.on_request(request_record(0, 0, 0, 1));
  const nlohmann::ordered_json s = acc.finish(0);
  EXPECT_EQ(s["requests"], 2);
  EXPECT_EQ(s["rounds"], 0);
  EXPECT_EQ(s["batches"], 0);
  for (const char* key :
       {"tokens_per_round_mean", "acceptance_rate", "tpot_ms_mean", "tpot_ms_p50", "tpot_ms_p95",
        "tpot_ms_p99", "throughput_tokens_per_s", "server_busy_fraction", "batch_size_mean"}) {
    EXPECT_TRUE(s[key].is_null()) << key << " = " << s[key];
  }
  EXPECT_EQ(s["ttft_ms_p50"], 0.0);  // defined, and genuinely 0 here
}

TEST(MetricsSummary, NoBatchesMeansNoBusyFractionEvenWithMakespan) {
  SummaryAccumulator acc;
  acc.on_request(request_record(0, 10, 50, 5));
  const nlohmann::ordered_json s = acc.finish(50);
  EXPECT_TRUE(s["server_busy_fraction"].is_null());
  EXPECT_TRUE(s["batch_size_mean"].is_null());
  EXPECT_DOUBLE_EQ(s["throughput_tokens_per_s"].get<double>(), 100.0);
}

TEST(MetricsSummary, NothingDraftedMeansNoAcceptanceRate) {
  // cloud_ar: each round is one target step, gamma 0, one committed token.
  SummaryAccumulator acc;
  acc.on_request(request_record(0, 10, 30, 3));
  for (int i = 0; i < 3; ++i) acc.on_round(round_record(0, 0, 1));
  const nlohmann::ordered_json s = acc.finish(30);
  EXPECT_TRUE(s["acceptance_rate"].is_null());
  EXPECT_EQ(s["drafted_tokens"], 0);
  EXPECT_DOUBLE_EQ(s["tokens_per_round_mean"].get<double>(), 1.0);
}

TEST(MetricsSummary, ZeroMakespanWithBatchesHasNullRates) {
  const nlohmann::ordered_json s = full_run().finish(0);
  EXPECT_TRUE(s["throughput_tokens_per_s"].is_null());
  EXPECT_TRUE(s["server_busy_fraction"].is_null());
  EXPECT_DOUBLE_EQ(s["batch_size_mean"].get<double>(), 2.0);
}

TEST(MetricsSummary, EmptyRunHasNullLatencies) {
  const nlohmann::ordered_json s = SummaryAccumulator().finish(0);
  EXPECT_EQ(s["requests"], 0);
  for (const char* key : {"ttft_ms_mean", "ttft_ms_p99", "e2e_ms_mean", "e2e_ms_p50"}) {
    EXPECT_TRUE(s[key].is_null()) << key;
  }
}

TEST(MetricsSummary, RequestWithoutTokensCountsButHasNoLatency) {
  SummaryAccumulator acc;
  acc.on_request(request_record(5, 0, 0, 0));
  const nlohmann::ordered_json s = acc.finish(5);
  EXPECT_EQ(s["requests"], 1);
  EXPECT_TRUE(s["ttft_ms_mean"].is_null());
  EXPECT_TRUE(s["e2e_ms_mean"].is_null());
}

TEST(MetricsSummary, FinishRejectsImpossibleMakespan) {
  EXPECT_THROW(full_run().finish(-1), std::invalid_argument);
  EXPECT_THROW(full_run().finish(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(full_run().finish(std::numeric_limits<double>::infinity()), std::invalid_argument);
}

TEST(MetricsSummary, FinishCanBeCalledAgainAndRecordsStillCount) {
  SummaryAccumulator acc = full_run();
  const auto first = acc.finish(1020);
  EXPECT_EQ(acc.finish(1020).dump(), first.dump());
  acc.on_request(request_record(0, 1, 2, 2));
  EXPECT_EQ(acc.finish(1020)["requests"], 4);
}

}  // namespace
}  // namespace dsdsi
