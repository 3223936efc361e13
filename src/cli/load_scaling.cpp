#include "dsdsi/cli/load_scaling.hpp"

namespace dsdsi::cli {

bool load_grows_with_clients(const ArrivalParams& arrival) {
  switch (arrival.kind) {
    case ArrivalKind::closed_loop:
      return true;
    case ArrivalKind::poisson:
      return arrival.rate_per_client_per_s > 0;
    case ArrivalKind::trace:
      return false;
  }
  return false;
}

std::string why_load_does_not_grow(const ArrivalParams& arrival) {
  if (load_grows_with_clients(arrival)) return "";
  if (arrival.kind == ArrivalKind::trace) {
    return "a workload trace fixes every arrival, so adding clients adds no load and a search "
           "over clients means nothing; use a closed loop or {\"kind\": \"poisson\", "
           "\"rate_per_client_per_s\": R}";
  }
  return "Poisson arrivals with rate_per_s are one process for the whole run, so adding clients "
         "adds no load and a search over clients means nothing; give each client its own "
         "process with {\"kind\": \"poisson\", \"rate_per_client_per_s\": R}, or use a closed "
         "loop";
}

}  // namespace dsdsi::cli
