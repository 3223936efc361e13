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
};

}  // namespace dsdsi
