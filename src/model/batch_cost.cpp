#include "dsdsi/model/batch_cost.hpp"

#include <algorithm>

namespace dsdsi {

BatchCost::BatchCost(const CloudParams& cloud)
    : prefill_ms_per_token_(cloud.prefill_ms_per_token),
      verify_(cloud.verify_ms),
      ar_step_(cloud.ar_step_ms),
      cloud_draft_(cloud.draft_ms_per_token) {}

double BatchCost::batch_ms(const std::vector<CloudJobShape>& jobs) const {
  // Prefill is compute-bound: it costs per prompt token whatever else shares the batch.
  double prefill_ms = 0;
  std::int64_t verify_requests = 0, verify_tokens = 0, ar_requests = 0;
  std::int64_t colocated_requests = 0, colocated_tokens = 0, draft_steps = 0;
  for (const auto& job : jobs) {
    switch (job.kind) {
      case CloudJobKind::prefill:
        prefill_ms += static_cast<double>(job.tokens) * prefill_ms_per_token_;
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
  double decode_ms = 0;
  if (verify_requests > 0) decode_ms += verify_.step_ms({verify_requests, verify_tokens});
  if (ar_requests > 0) decode_ms += ar_step_.step_ms({ar_requests, ar_requests});
  if (colocated_requests > 0) {
    // The co-located draft runs its steps for the whole batch; the longest window sets how many.
    decode_ms += static_cast<double>(draft_steps) *
                     cloud_draft_.step_ms({colocated_requests, colocated_requests}) +
                 verify_.step_ms({colocated_requests, colocated_tokens});
  }
  return prefill_ms + decode_ms;
}

}  // namespace dsdsi
