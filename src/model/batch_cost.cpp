#include "dsdsi/model/batch_cost.hpp"

#include <algorithm>

namespace dsdsi {

BatchCost::BatchCost(const CloudParams& cloud)
    : prefill_(make_latency_model(cloud.prefill)),
      verify_(make_latency_model(cloud.verify)),
      ar_step_(make_latency_model(cloud.ar_step)),
      cloud_draft_(make_latency_model(cloud.draft)),
      verify_overhead_ms_(cloud.verify_overhead_ms) {}

BatchPrice BatchCost::price(const std::vector<CloudJobShape>& jobs, double speed) const {
  std::int64_t prefill_requests = 0, prefill_tokens = 0;
  std::int64_t verify_requests = 0, verify_tokens = 0, ar_requests = 0;
  std::int64_t colocated_requests = 0, colocated_tokens = 0, draft_steps = 0;
  for (const auto& job : jobs) {
    switch (job.kind) {
      case CloudJobKind::prefill:
        ++prefill_requests;
        prefill_tokens += job.tokens;
        break;
      case CloudJobKind::verify_window:
        ++verify_requests;
        verify_tokens += job.tokens + 1;
        break;
      case CloudJobKind::ar_step:
        ++ar_requests;
        break;
      case CloudJobKind::colocated_round:
        ++colocated_requests;
        colocated_tokens += job.tokens + 1;
        draft_steps = std::max(draft_steps, job.tokens);
        break;
    }
  }
  BatchPrice price;
  double ms = 0;
  if (prefill_requests > 0) ms += prefill_->step_ms({prefill_requests, prefill_tokens});
  if (verify_requests > 0) {
    ms += verify_->step_ms({verify_requests, verify_tokens}) + verify_overhead_ms_;
    price.decode_requests = verify_requests;
    price.decode_tokens = verify_tokens;
  }
  if (ar_requests > 0) {
    ms += ar_step_->step_ms({ar_requests, ar_requests});
    price.decode_requests = ar_requests;
    price.decode_tokens = ar_requests;
  }
  if (colocated_requests > 0) {
    // The co-located draft runs its steps for the whole batch; the longest window sets how many.
    ms += static_cast<double>(draft_steps) *
              cloud_draft_->step_ms({colocated_requests, colocated_requests}) +
          verify_->step_ms({colocated_requests, colocated_tokens}) + verify_overhead_ms_;
    price.decode_requests = colocated_requests;
    price.decode_tokens = colocated_tokens;
  }
  price.ms = ms / speed;
  return price;
}

}  // namespace dsdsi
