#pragma once
// The requests one client submits, one after another, as the workload's arrival process says:
//   closed_loop  the next request comes think_ms (a distribution) after the previous finished;
//                the first when workload.start says (model/start_offsets.hpp);
//   poisson      open loop, independent of how fast requests are served: with rate_per_s, the
//                client's share of the run's one Poisson process (model/arrival_schedule.hpp);
//                with rate_per_client_per_s, its own Poisson process; a request that arrives
//                while the device is busy waits, and the wait counts in its TTFT;
//   trace        open loop: the requests of a JSONL trace at their arrival_ms, each on its
//                `client` (or, without one, on client i mod clients for the file's i-th line).
// Prompt and output lengths are drawn per request from workload.prompt / workload.output (a
// trace gives its own). Draws come from the client's own "workload" stream.
// With a horizon (measure.horizon_ms), no request is submitted after it; without
// requests_per_client (0), the client submits until then.
#include <cstdint>
#include <optional>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/arrival_schedule.hpp"
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
  // `schedule`: the run's one Poisson process, needed with `rate_per_s` (null otherwise);
  // horizon_ms 0: none.
  RequestSource(const WorkloadParams& workload, std::int64_t client, std::uint64_t seed,
                double horizon_ms = 0, const ArrivalSchedule* schedule = nullptr);
  // The client's next request; nullopt when it has no more (an open-loop one after the horizon
  // included).
  std::optional<PlannedRequest> next();
  // Whether a request submitted at `submit_ms` is before the horizon (a closed loop learns its
  // submission time only as it goes).
  bool before_horizon(double submit_ms) const {
    return horizon_ms_ <= 0 || submit_ms <= horizon_ms_;
  }

 private:
  const WorkloadParams* workload_;
  RandomStream stream_;
  std::vector<const TraceRequest*> trace_;          // trace: this client's lines, in file order
  const std::vector<double>* scheduled_ = nullptr;  // poisson rate_per_s: this client's arrivals
  std::int64_t client_ = 0;
  std::int64_t clients_ = 0;
  std::uint64_t seed_ = 0;
  std::int64_t total_ = 0;  // -1: until the horizon
  std::int64_t issued_ = 0;
  double horizon_ms_ = 0;
  double last_arrival_ms_ = 0;  // poisson, rate_per_client_per_s
  double rate_per_ms_ = 0;      // poisson, rate_per_client_per_s
};

// The number of requests a whole run submits.
std::int64_t total_requests(const WorkloadParams& workload);

}  // namespace dsdsi
