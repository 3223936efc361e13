#include "dsdsi/model/arrival_schedule.hpp"

#include <algorithm>
#include <cmath>

#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

ArrivalSchedule::ArrivalSchedule(const WorkloadParams& w, double horizon_ms, std::uint64_t seed)
    : by_client_(static_cast<std::size_t>(w.clients)) {
  RandomStream gaps(seed, "arrivals", 0);
  RandomStream owners(seed, "arrival-client", 0);
  const double rate_per_ms = w.arrival.rate_per_s / 1e3;
  const std::int64_t total = w.requests_per_client > 0 ? w.clients * w.requests_per_client : -1;
  double t = 0;
  for (std::int64_t n = 0; total < 0 || n < total; ++n) {
    // Exponential gaps by inversion: -ln(U) / rate, U in (0, 1].
    t += -std::log(1.0 - gaps.uniform01()) / rate_per_ms;
    if (horizon_ms > 0 && t > horizon_ms) break;
    const auto client = std::min<std::size_t>(
        static_cast<std::size_t>(owners.uniform01() * static_cast<double>(w.clients)),
        by_client_.size() - 1);
    by_client_[client].push_back(t);
  }
}

}  // namespace dsdsi
