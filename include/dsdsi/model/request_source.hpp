#pragma once
// The requests one client submits, one after another, as the workload's arrival process says:
//   closed_loop  the next request comes think_ms (a distribution) after the previous finished;
//                the first at time 0;
//   poisson      open loop: each client has its own Poisson process of rate rate_per_s /
//                clients (together, a Poisson process of rate_per_s), independent of how fast
//                requests are served; a request that arrives while the device is busy waits,
//                and the wait counts in its TTFT;
//   trace        open loop: the requests of a JSONL trace at their arrival_ms, each on its
//                `client` (or, without one, on client i mod clients for the file's i-th line).
// Prompt and output lengths are drawn per request from workload.prompt / workload.output (a
// trace gives its own). Draws come from the client's own "workload" stream.
#include <cstdint>
#include <optional>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

struct PlannedRequest {
  std::optional<double> arrival_ms;  // open loop: when it arrives; closed loop: nullopt
  double think_ms = 0;               // closed loop: pause before submitting it
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;
  const RequestAcceptanceRecord* acceptance = nullptr;  // a trace's own, or null
};

class RequestSource {
 public:
  RequestSource(const WorkloadParams& workload, std::int64_t client, std::uint64_t seed);
  // The client's next request; nullopt when it has no more.
  std::optional<PlannedRequest> next();
  // How many requests the client will submit in all.
  std::int64_t total() const { return total_; }

 private:
  const WorkloadParams* workload_;
  RandomStream stream_;
  std::vector<const TraceRequest*> trace_;  // trace: this client's lines, in file order
  std::int64_t total_ = 0;
  std::int64_t issued_ = 0;
  double last_arrival_ms_ = 0;  // poisson
  double rate_per_ms_ = 0;      // poisson, this client's share
};

// The number of requests a whole run submits.
std::int64_t total_requests(const WorkloadParams& workload);

}  // namespace dsdsi
