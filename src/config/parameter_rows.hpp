#pragma once
// Internal to src/config: the parameter table's rows that live in their own file, in the order
// parameter_table.cpp inserts them.
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

// `network.*`, `edge.*` and `cloud.*` (parameter_rows_hosts.cpp).
std::vector<ParamSpec> network_and_host_rows();

// `network.trace.*`, `network.outages.*`, `edge.resilience.*`
// (parameter_rows_dynamic_network.cpp).
std::vector<ParamSpec> dynamic_network_rows();

// `measure.*`: the measurement window, the timeline and the SLO (parameter_rows_measure.cpp).
std::vector<ParamSpec> measure_rows();

}  // namespace dsdsi
