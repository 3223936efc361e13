#pragma once
// Whether a scenario's offered load grows with its number of clients: what `dsdsi capacity`
// needs, since it searches over `workload.clients`. A closed loop grows (each client submits
// its next request after its own think time); Poisson arrivals grow only per client
// (`rate_per_client_per_s`), not as one aggregate process (`rate_per_s`, the same load spread
// over any number of clients); a trace never (its file fixes every arrival).
#include <string>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi::cli {

bool load_grows_with_clients(const ArrivalParams& arrival);

// Why a search over clients means nothing for this arrival process, and what to use instead;
// empty when the load grows with clients.
std::string why_load_does_not_grow(const ArrivalParams& arrival);

}  // namespace dsdsi::cli
