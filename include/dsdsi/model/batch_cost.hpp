#pragma once
// How long the cloud GPU spends on one batch. A batch mixes prompt prefills (new requests) with
// decode work of one kind per mode: DSD windows to verify, cloud AR steps, or co-located SD
// rounds (gamma draft steps at the batch, then the verify step).
#include <cstdint>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/latency_model.hpp"

namespace dsdsi {

enum class CloudJobKind { prefill, verify_window, ar_step, colocated_round };

struct CloudJobShape {
  CloudJobKind kind = CloudJobKind::verify_window;
  std::int64_t tokens = 0;  // prefill: prompt tokens; verify/colocated: window size (gamma)
};

class BatchCost {
 public:
  explicit BatchCost(const CloudParams& cloud);
  // Duration in ms of a batch holding these jobs (in any order).
  double batch_ms(const std::vector<CloudJobShape>& jobs) const;

 private:
  double prefill_ms_per_token_;
  ConstantLatency verify_;
  ConstantLatency ar_step_;
  ConstantLatency cloud_draft_;
};

}  // namespace dsdsi
