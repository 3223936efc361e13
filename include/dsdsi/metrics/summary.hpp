#pragma once
// The run summary (summary.json): a flat object of counts and metrics computed from the records
// as they stream in. Per-request latencies are kept (O(requests) memory); per-round and per-batch
// records are only summed, because a run can have millions of rounds.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/measure_window.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/metrics/round_tally.hpp"

namespace dsdsi {

class SummaryAccumulator : public RecordSink {
 public:
  // `measure`: the window and the SLO (docs/measurement.md); the default measures the whole run.
  // `device_memory`: some device has a context limit (`kv_bytes_per_token`), and the summary
  // counts the requests it sent to the cloud (requests_over_device_memory).
  // `local_fallback` (`on_failure: local`): the summary reports unverified tokens and fallbacks.
  explicit SummaryAccumulator(const MeasureParams& measure = {}, bool device_memory = false,
                              bool local_fallback = false);
  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override;
  void on_server(const ServerRecord& record) override;
  void on_client(const ClientRecord& record) override;

  // makespan_ms: simulated time at which the last request finished (all requests done).
  // Returns the keys of docs/model.md "Metrics" (and docs/measurement.md) in a fixed order, over the measurement window
  // [warmup, end) (MeasureWindow): requests submitted in it, rounds and batches started in it.
  // Where the numbers come from: requests, output_tokens, latencies, SLO attainment and WAN
  // bytes from RequestRecords; rounds, drafted_tokens (sum of gamma), accepted_tokens and
  // committed tokens from decode RoundRecords, so tokens_per_round_mean and acceptance_rate
  // describe the same verified windows; throughput from the committed tokens over the window;
  // batches, batch sizes and busy time (clipped to the window) from BatchRecords (the busy
  // fraction is the mean over the servers announced by on_server, or over one server if none
  // was). Each mean has its "_ci95" half-width by batch means (batch_means.hpp), null when the
  // run does not support one. A metric that the run leaves undefined (no rounds, nothing
  // drafted, no request with two tokens, no batches, an empty window, no SLO) is null, never 0.
  // A request with no output token counts as a request but has no TTFT or E2E.
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
    double submit_ms, last_token_ms;
    double ttft_ms, tpot_ms, e2e_ms;  // NaN where undefined
    bool meets_slo;                   // every SLO bound given (an undefined metric meets it)
  };
  nlohmann::ordered_json class_metrics(const std::vector<std::size_t>& clients) const;
  // The half-widths of the request means, by the requests submitted in each time batch.
  void add_request_intervals(nlohmann::ordered_json& out, double end_ms) const;
  // The half-widths of the round and batch means (only with a horizon the run reached).
  void add_round_intervals(nlohmann::ordered_json& out, double end_ms) const;

  MeasureWindow window_;
  SloParams slo_;
  RoundTally rounds_;
  std::vector<RequestFacts> request_facts_;  // the window's requests
  std::vector<double> stall_ms_;             // the window's requests' stalls (network failures)
  std::int64_t resends_ = 0;
  std::int64_t unverified_tokens_ = 0;  // the window's requests' (on_failure: local)
  std::int64_t fallbacks_ = 0;
  double fallback_ms_ = 0;
  std::vector<ClientRecord> clients_;        // in the order announced (finish() orders them by id)
  std::vector<std::optional<double>> server_energy_j_;
  // Request totals.
  std::int64_t requests_ = 0;
  std::int64_t output_tokens_ = 0;
  std::int64_t bytes_up_ = 0;
  std::int64_t bytes_down_ = 0;
  std::int64_t servers_ = 0;
  bool device_memory_ = false;
  std::int64_t over_device_memory_ = 0;
  bool local_fallback_ = false;
};

}  // namespace dsdsi
