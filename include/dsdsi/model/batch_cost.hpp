#pragma once
// How long the cloud GPU spends on one batch. A batch mixes prompt prefills (new requests) with
// decode work of one kind per mode: DSD windows to verify, cloud AR steps, or co-located SD
// rounds (gamma draft steps at the batch, then the verify step). Each part costs its latency
// model at the part's batch (requests and batched tokens); a batch that verifies windows also
// pays cloud.verify_overhead_ms once.
#include <cstdint>
#include <memory>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/latency_model.hpp"

namespace dsdsi {

enum class CloudJobKind { prefill, verify_window, ar_step, colocated_round };

struct CloudJobShape {
  CloudJobKind kind = CloudJobKind::verify_window;
  std::int64_t tokens = 0;  // prefill: prompt tokens; verify/colocated: window size (gamma)
};

// What a batch costs and the shape its decode step was priced at.
struct BatchPrice {
  double ms = 0;
  std::int64_t decode_requests = 0;  // requests in the decode (verify / AR / co-located) step
  std::int64_t decode_tokens = 0;    // batched tokens of that step (verify: sum of window + 1)
};

class BatchCost {
 public:
  explicit BatchCost(const CloudParams& cloud);
  // Duration of a batch holding these jobs (in any order), at a GPU of relative `speed`.
  BatchPrice price(const std::vector<CloudJobShape>& jobs, double speed = 1.0) const;
  double batch_ms(const std::vector<CloudJobShape>& jobs) const { return price(jobs).ms; }

 private:
  std::unique_ptr<LatencyModel> prefill_;
  std::unique_ptr<LatencyModel> verify_;
  std::unique_ptr<LatencyModel> ar_step_;
  std::unique_ptr<LatencyModel> cloud_draft_;
  // Added once to a batch that verifies draft windows (DSD or co-located SD): the fixed work of
  // a speculative round (draft-tree set-up, acceptance sampling) that a plain step does not do.
  double verify_overhead_ms_;
};

}  // namespace dsdsi
