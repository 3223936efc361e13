#pragma once
// What one cloud server accumulates over a run for servers.csv: busy time, batch sizes (as a
// histogram: sizes are bounded by max_batch, so the p95 is exact and memory is O(max_batch)),
// and how long jobs waited.
#include <cstdint>
#include <string>
#include <vector>

#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/cloud_job.hpp"

namespace dsdsi {

class ServerStats {
 public:
  explicit ServerStats(std::int64_t max_batch) : batch_sizes_(max_batch + 1, 0) {}
  void on_batch(const std::vector<CloudJob>& batch, double start_ms, double end_ms);
  void on_request_routed() { ++requests_; }
  ServerRecord record(std::int64_t server, const std::string& host, double makespan_ms) const;

 private:
  std::vector<std::int64_t> batch_sizes_;  // batches of each size
  std::int64_t batches_ = 0;
  double busy_ms_ = 0;
  double decode_wait_ms_ = 0;
  std::int64_t decode_jobs_ = 0;
  double prefill_wait_ms_ = 0;
  std::int64_t prefill_jobs_ = 0;
  std::int64_t requests_ = 0;
};

}  // namespace dsdsi
