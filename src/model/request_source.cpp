#include "dsdsi/model/request_source.hpp"

#include <cmath>

#include "dsdsi/model/distribution.hpp"

namespace dsdsi {

RequestSource::RequestSource(const WorkloadParams& w, std::int64_t client, std::uint64_t seed)
    : workload_(&w), stream_(seed, "workload", static_cast<std::uint64_t>(client)) {
  if (w.arrival.kind == ArrivalKind::trace) {
    for (std::size_t i = 0; i < w.arrival.requests.size(); ++i) {
      const TraceRequest& r = w.arrival.requests[i];
      const std::int64_t owner =
          r.client >= 0 ? r.client : static_cast<std::int64_t>(i) % w.clients;
      if (owner == client) trace_.push_back(&r);
    }
    total_ = static_cast<std::int64_t>(trace_.size());
  } else {
    total_ = w.requests_per_client;
  }
  if (w.arrival.kind == ArrivalKind::poisson) {
    rate_per_ms_ = w.arrival.rate_per_s / 1e3 / static_cast<double>(w.clients);
  }
}

std::optional<PlannedRequest> RequestSource::next() {
  if (issued_ >= total_) return std::nullopt;
  PlannedRequest plan;
  switch (workload_->arrival.kind) {
    case ArrivalKind::trace: {
      const TraceRequest& r = *trace_[static_cast<std::size_t>(issued_)];
      plan.arrival_ms = r.arrival_ms;
      plan.prompt_tokens = r.prompt_tokens;
      plan.output_tokens = r.output_tokens;
      plan.acceptance = r.acceptance ? &*r.acceptance : nullptr;
      ++issued_;
      return plan;
    }
    case ArrivalKind::poisson:
      // Exponential inter-arrival times by inversion: -ln(U) / rate, U in (0, 1].
      last_arrival_ms_ += -std::log(1.0 - stream_.uniform01()) / rate_per_ms_;
      plan.arrival_ms = last_arrival_ms_;
      break;
    case ArrivalKind::closed_loop:
      plan.think_ms = issued_ == 0 ? 0 : sample(workload_->arrival.think_ms, stream_);
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
