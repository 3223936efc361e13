#include "dsdsi/sim/server_stats.hpp"

#include <cmath>

namespace dsdsi {

void ServerStats::on_batch(const std::vector<CloudJob>& batch, double start_ms, double end_ms) {
  ++batches_;
  ++batch_sizes_[batch.size()];
  busy_ms_ += end_ms - start_ms;
  for (const auto& job : batch) {
    if (job.shape.kind == CloudJobKind::prefill) {
      prefill_wait_ms_ += start_ms - job.ready_ms;
      ++prefill_jobs_;
    } else {
      decode_wait_ms_ += start_ms - job.ready_ms;
      ++decode_jobs_;
    }
  }
}

ServerRecord ServerStats::record(std::int64_t server, const std::string& host,
                                 double makespan_ms) const {
  ServerRecord r;
  r.server = server;
  r.host = host;
  r.batches = batches_;
  r.busy_fraction = makespan_ms > 0 ? busy_ms_ / makespan_ms : 0;
  std::int64_t jobs = 0;
  for (std::size_t size = 0; size < batch_sizes_.size(); ++size) {
    jobs += static_cast<std::int64_t>(size) * batch_sizes_[size];
  }
  r.batch_size_mean = batches_ > 0 ? static_cast<double>(jobs) / static_cast<double>(batches_) : 0;
  // Nearest-rank p95 over batches: the smallest size that at least 95% of batches do not exceed.
  const auto rank = static_cast<std::int64_t>(std::ceil(0.95 * static_cast<double>(batches_)));
  std::int64_t seen = 0;
  for (std::size_t size = 0; size < batch_sizes_.size() && batches_ > 0; ++size) {
    seen += batch_sizes_[size];
    if (seen >= rank) {
      r.batch_size_p95 = static_cast<std::int64_t>(size);
      break;
    }
  }
  r.queue_delay_ms_mean =
      decode_jobs_ > 0 ? decode_wait_ms_ / static_cast<double>(decode_jobs_) : 0;
  r.admission_wait_ms_mean =
      prefill_jobs_ > 0 ? prefill_wait_ms_ / static_cast<double>(prefill_jobs_) : 0;
  r.requests = requests_;
  return r;
}

}  // namespace dsdsi
