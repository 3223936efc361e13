#include "dsdsi/model/request_source.hpp"

#include <cmath>

#include "dsdsi/model/distribution.hpp"
#include "dsdsi/model/start_offsets.hpp"

namespace dsdsi {

RequestSource::RequestSource(const WorkloadParams& w, std::int64_t client, std::uint64_t seed,
                             double horizon_ms, const ArrivalSchedule* schedule)
    : workload_(&w),
      stream_(seed, "workload", static_cast<std::uint64_t>(client)),
      client_(client),
      clients_(w.clients),
      seed_(seed),
      horizon_ms_(horizon_ms) {
  if (w.arrival.kind == ArrivalKind::trace) {
    for (std::size_t i = 0; i < w.arrival.requests.size(); ++i) {
      const TraceRequest& r = w.arrival.requests[i];
      const std::int64_t owner =
          r.client >= 0 ? r.client : static_cast<std::int64_t>(i) % w.clients;
      if (owner == client) trace_.push_back(&r);
    }
    total_ = static_cast<std::int64_t>(trace_.size());
  } else if (w.arrival.kind == ArrivalKind::poisson && w.arrival.rate_per_s > 0) {
    scheduled_ = &schedule->of_client(client);
    total_ = static_cast<std::int64_t>(scheduled_->size());
  } else {
    total_ = w.requests_per_client > 0 ? w.requests_per_client : -1;
  }
  if (w.arrival.kind == ArrivalKind::poisson) {
    rate_per_ms_ = w.arrival.rate_per_client_per_s / 1e3;
  }
}

std::optional<PlannedRequest> RequestSource::next() {
  if (total_ >= 0 && issued_ >= total_) return std::nullopt;
  PlannedRequest plan;
  switch (workload_->arrival.kind) {
    case ArrivalKind::trace: {
      const TraceRequest& r = *trace_[static_cast<std::size_t>(issued_)];
      if (!before_horizon(r.arrival_ms)) return std::nullopt;
      plan.arrival_ms = r.arrival_ms;
      plan.prompt_tokens = r.prompt_tokens;
      plan.output_tokens = r.output_tokens;
      plan.acceptance = r.acceptance ? &*r.acceptance : nullptr;
      ++issued_;
      return plan;
    }
    case ArrivalKind::poisson:
      if (scheduled_ != nullptr) {
        plan.arrival_ms = (*scheduled_)[static_cast<std::size_t>(issued_)];
      } else {
        // Exponential inter-arrival times by inversion: -ln(U) / rate, U in (0, 1].
        last_arrival_ms_ += -std::log(1.0 - stream_.uniform01()) / rate_per_ms_;
        if (!before_horizon(last_arrival_ms_)) return std::nullopt;
        plan.arrival_ms = last_arrival_ms_;
      }
      break;
    case ArrivalKind::closed_loop:
      plan.think_ms = issued_ == 0
                          ? first_submission_ms(workload_->start, workload_->arrival.think_ms,
                                                client_, clients_, seed_)
                          : sample(workload_->arrival.think_ms, stream_);
      break;
  }
  plan.prompt_tokens = sample_tokens(workload_->prompt, stream_);
  plan.output_tokens = sample_tokens(workload_->output, stream_);
  ++issued_;
  return plan;
}

std::int64_t total_requests(const WorkloadParams& w) {
  return w.arrival.kind == ArrivalKind::trace ? static_cast<std::int64_t>(w.arrival.requests.size())
                                              : w.clients * w.requests_per_client;
}

}  // namespace dsdsi
