#pragma once
// The run's one Poisson arrival process (`workload.arrival` of kind poisson with `rate_per_s`):
// exponential gaps of mean 1 / rate from the run's "arrivals" stream, each arrival handed to a
// client drawn uniformly from the run's own "arrival-client" stream. It ends after
// clients x requests_per_client arrivals, or at the horizon, whichever comes first. Drawn once
// before the run, so that every client knows its own arrival times (memory: one double per
// request).
#include <cstdint>
#include <vector>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

class ArrivalSchedule {
 public:
  // horizon_ms 0: no horizon (then requests_per_client must be > 0).
  ArrivalSchedule(const WorkloadParams& workload, double horizon_ms, std::uint64_t seed);
  // Client c's arrival times, ascending.
  const std::vector<double>& of_client(std::int64_t client) const {
    return by_client_[static_cast<std::size_t>(client)];
  }

 private:
  std::vector<std::vector<double>> by_client_;
};

}  // namespace dsdsi
