#pragma once
#include <cstdint>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/batch_cost.hpp"
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {

// One unit of work waiting for the cloud GPU.
struct CloudJob {
  CloudJobShape shape;  // kind and tokens (prompt tokens, or window size)
  std::int64_t client = 0;
  std::int64_t request = 0;
  bool with_guess = false;     // verify_window only: the pipelined bonus guess rides along
  std::int64_t remaining = 0;  // output tokens still owed before this job's round
  double ready_ms = 0;         // arrived at the cloud, or (cloud-side rounds) became ready
  double sent_ms = 0;          // when the edge sent it (cloud-side rounds: = ready_ms)
  // prefill only: how the request decodes, and its own acceptance from a workload trace (owned
  // by the scenario) if it has one
  RequestDecoding decoding = RequestDecoding::dsd;
  const RequestAcceptanceRecord* acceptance_override = nullptr;
  // prefill only, with a cap on batched tokens per step (chunked prefill): prompt tokens already
  // prefilled by earlier steps, and the chunk this step prefills (0: all that is left).
  std::int64_t prefill_done = 0;
  std::int64_t prefill_chunk = 0;
  // prefill only, after the device decoded on its own (sim/messages.hpp, ContextResync): context
  // the server still holds (reserved in KV, not prefilled again), and that the device waits for
  // an acknowledgement.
  std::int64_t cached_tokens = 0;
  bool resync = false;
  std::int64_t epoch = 0;  // the device's re-synchronisations when it sent this job's message

  std::int64_t prefill_left() const { return shape.tokens - prefill_done; }
  // The shape this job is priced at in its batch: a prefill costs the chunk it runs.
  CloudJobShape priced_shape() const {
    if (shape.kind != CloudJobKind::prefill) return shape;
    return {CloudJobKind::prefill, prefill_chunk > 0 ? prefill_chunk : prefill_left()};
  }
  // Whether this step finishes the request's prefill.
  bool completes_prefill() const {
    return prefill_chunk == 0 || prefill_done + prefill_chunk >= shape.tokens;
  }
};

}  // namespace dsdsi
