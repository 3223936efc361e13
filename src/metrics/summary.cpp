#include "dsdsi/metrics/summary.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/latency_stats.hpp"

namespace dsdsi {

namespace {

nlohmann::ordered_json number_or_null(std::optional<double> value) {
  if (!value) return nullptr;
  return *value;
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator == 0.0) return std::nullopt;
  return numerator / denominator;
}

// Adds "<name>_mean", "_p50", "_p95", "_p99"; all four null when the sample is empty.
void add_latency(nlohmann::ordered_json& out, const std::string& name,
                 const std::vector<double>& sample) {
  if (sample.empty()) {
    for (const char* suffix : {"_mean", "_p50", "_p95", "_p99"}) out[name + suffix] = nullptr;
    return;
  }
  const LatencyStats stats = summarize_latencies(sample);
  out[name + "_mean"] = stats.mean;
  out[name + "_p50"] = stats.p50;
  out[name + "_p95"] = stats.p95;
  out[name + "_p99"] = stats.p99;
}

}  // namespace

void SummaryAccumulator::on_request(const RequestRecord& record) {
  ++requests_;
  output_tokens_ += record.output_tokens;
  bytes_up_ += record.bytes_up;
  bytes_down_ += record.bytes_down;
  // A request that produced no token has no first or last token time, hence no latency; it
  // still counts as a request.
  if (record.output_tokens >= 1) {
    ttft_ms_.push_back(record.first_token_ms - record.submit_ms);
    e2e_ms_.push_back(record.last_token_ms - record.submit_ms);
  }
  // TPOT is the mean gap between consecutive tokens: a single token has no gap.
  if (record.output_tokens >= 2) {
    tpot_ms_.push_back((record.last_token_ms - record.first_token_ms) /
                       static_cast<double>(record.output_tokens - 1));
  }
}

void SummaryAccumulator::on_round(const RoundRecord& record) {
  ++rounds_;
  drafted_ += record.gamma;
  accepted_ += record.accepted;
  committed_ += record.committed;
}

void SummaryAccumulator::on_batch(const BatchRecord& record) {
  ++batches_;
  batch_jobs_ += record.size;
  busy_ms_ += record.end_ms - record.start_ms;
}

void SummaryAccumulator::on_server(const ServerRecord& /*record*/) { ++servers_; }

nlohmann::ordered_json SummaryAccumulator::finish(double makespan_ms) const {
  if (!std::isfinite(makespan_ms) || makespan_ms < 0.0) {
    throw std::invalid_argument("makespan_ms must be finite and >= 0, got " +
                                std::to_string(makespan_ms));
  }
  const auto tokens = static_cast<double>(output_tokens_);
  nlohmann::ordered_json out;
  out["requests"] = requests_;
  out["output_tokens"] = output_tokens_;
  out["rounds"] = rounds_;
  out["drafted_tokens"] = drafted_;
  out["accepted_tokens"] = accepted_;
  out["tokens_per_round_mean"] =
      number_or_null(ratio(static_cast<double>(committed_), static_cast<double>(rounds_)));
  out["acceptance_rate"] =
      number_or_null(ratio(static_cast<double>(accepted_), static_cast<double>(drafted_)));
  add_latency(out, "ttft_ms", ttft_ms_);
  add_latency(out, "tpot_ms", tpot_ms_);
  add_latency(out, "e2e_ms", e2e_ms_);
  out["throughput_tokens_per_s"] = number_or_null(ratio(tokens, makespan_ms / 1000.0));
  // With no batch the verifier never ran (edge-only mode): its busy fraction is undefined, not 0.
  // With several servers it is their mean (busy time over makespan times servers).
  const double servers = static_cast<double>(std::max<std::int64_t>(servers_, 1));
  out["server_busy_fraction"] =
      number_or_null(batches_ == 0 ? std::nullopt : ratio(busy_ms_, makespan_ms * servers));
  out["batches"] = batches_;
  out["batch_size_mean"] =
      number_or_null(ratio(static_cast<double>(batch_jobs_), static_cast<double>(batches_)));
  out["wan_bytes_up"] = bytes_up_;
  out["wan_bytes_down"] = bytes_down_;
  out["makespan_ms"] = makespan_ms;
  return out;
}

}  // namespace dsdsi
