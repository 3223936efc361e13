#pragma once
// The run summary (summary.json): a flat object of counts and metrics computed from the records
// as they stream in. Per-request latencies are kept (O(requests) memory); per-round and per-batch
// records are only summed, because a run can have millions of rounds.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

class SummaryAccumulator : public RecordSink {
 public:
  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override;
  void on_server(const ServerRecord& record) override;
  void on_client(const ClientRecord& record) override;

  // makespan_ms: simulated time at which the last request finished (all requests done).
  // Returns the keys of docs/model.md "Metrics" in a fixed order. Where the numbers come from:
  // requests, output_tokens, latencies and WAN bytes from RequestRecords; rounds,
  // drafted_tokens (sum of gamma), accepted_tokens and committed tokens from RoundRecords, so
  // tokens_per_round_mean and acceptance_rate describe the same verified windows; batches,
  // batch sizes and busy time from BatchRecords (the busy fraction is the mean over the
  // servers announced by on_server, or over one server if none was). A metric that the run leaves
  // undefined (no rounds, nothing drafted, no request with two tokens, no batches, makespan 0) is
  // null, never 0. A request with no output token counts as a request but has no TTFT or E2E.
  // Then, from the ClientRecords and ServerRecords: rtt_ms_* (over the clients' mean RTT),
  // edge_energy_j and cloud_energy_j with their J per output token (null unless every edge
  // client's, or every server's, host has wattage), and, when clients were announced, by_class:
  // the main metrics per device class, in order of the classes' first client.
  // Throws std::invalid_argument if makespan_ms is negative or not finite.
  nlohmann::ordered_json finish(double makespan_ms) const;

 private:
  // What one request contributes to the latencies, and to its client's class (by_class).
  struct RequestFacts {
    std::int64_t client;
    std::int64_t output_tokens, rounds, drafted, accepted;
    double ttft_ms, tpot_ms, e2e_ms;  // NaN where undefined
  };
  nlohmann::ordered_json class_metrics(const std::vector<std::size_t>& clients) const;

  std::vector<RequestFacts> request_facts_;
  std::vector<ClientRecord> clients_;  // in the order announced (finish() orders them by id)
  std::vector<std::optional<double>> server_energy_j_;
  // Request totals.
  std::int64_t requests_ = 0;
  std::int64_t output_tokens_ = 0;
  std::int64_t bytes_up_ = 0;
  std::int64_t bytes_down_ = 0;
  // Round totals.
  std::int64_t rounds_ = 0;
  std::int64_t drafted_ = 0;
  std::int64_t accepted_ = 0;
  std::int64_t committed_ = 0;
  // Batch totals.
  std::int64_t batches_ = 0;
  std::int64_t batch_jobs_ = 0;
  double busy_ms_ = 0.0;
  std::int64_t servers_ = 0;
};

}  // namespace dsdsi
