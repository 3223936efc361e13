#pragma once
// timeline.csv: the run as a time series, one row per interval of measure.timeline_ms and per
// cloud server (docs/measurement.md lists the columns). Intervals follow the grid 0, T, 2T, ...
// and are also cut at the warm-up and the horizon, so each lies wholly inside or outside the
// measurement window; the last ends at the last completion.
//
// Memory: the per-interval sums (O(intervals x servers)), plus, for the largest queue length of
// each interval, 16 bytes per batch start and interval (metrics/queue_length_peaks.hpp), not
// per job.
#include <cstdint>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/interval_grid.hpp"
#include "dsdsi/metrics/measure_window.hpp"
#include "dsdsi/metrics/queue_length_peaks.hpp"
#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

class TimelineSink : public RecordSink {
 public:
  // `servers`: cloud servers of the run (0 in edge_ar: one row per interval, the server columns
  // empty). measure.timeline_ms must be > 0.
  // `local_fallback` (`on_failure: local`): columns unverified_tokens (tokens devices produced
  // on their own, each period's spread evenly over it) and devices_in_fallback_mean.
  // `deliveries` (the network can fail, or `local`): column tokens_delivered, tokens as they
  // reached the devices (with each reply, or produced there), which then differs from
  // committed_tokens (counted when the server commits them).
  TimelineSink(const MeasureParams& measure, std::size_t servers, bool local_fallback = false,
               bool deliveries = false);

  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override;
  void on_server(const ServerRecord&) override {}
  // When the network can fail: the client's outages, for the column clients_disconnected.
  void on_client(const ClientRecord& record) override;

  // Writes `path` for a run that ended at makespan_ms. Throws std::runtime_error on a write
  // error.
  void write(const std::filesystem::path& path, double makespan_ms);

 private:
  struct Interval {
    std::int64_t arrivals = 0, completions = 0, committed = 0;
    std::int64_t batches = 0, batch_jobs = 0;
    double queue_area = 0, busy_ms = 0, active_area = 0, kv_area = 0;  // x ms
    double fallback_area = 0;  // devices decoding on their own x ms
    double unverified = 0;     // tokens they produced
    double delivered = 0;      // tokens that reached the devices
    std::int64_t queue_max = 0;
  };
  std::size_t interval_of(double t_ms) { return grid_.interval_of(t_ms); }
  Interval& at(std::int64_t server, std::size_t interval);
  // Adds weight x the overlap of [from, to) with each interval to its `member`.
  void add_area(std::int64_t server, double from, double to, double weight,
                double Interval::*member);
  void fill_queue_max(double makespan_ms);
  // Adds the KV area of `request` (client, request) from its admission to end_ms, if admitted.
  void end_reservation(std::int64_t server, const std::pair<std::int64_t, std::int64_t>& request,
                       double end_ms);

  MeasureWindow window_;
  IntervalGrid grid_;
  std::size_t servers_;
  std::vector<std::vector<Interval>> rows_;  // [server][interval]
  std::vector<QueueLengthPeaks> queues_;     // [server]
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<double, std::int64_t>> admitted_;
  bool network_can_fail_ = false;
  bool local_fallback_ = false;
  bool deliveries_ = false;
  std::vector<std::int64_t> disconnected_;  // [interval]: clients with a link off in it
};

}  // namespace dsdsi
