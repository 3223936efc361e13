#pragma once
// Internal to src/config: the parameter table's rows that live in their own file, in the order
// parameter_table.cpp inserts them.
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

// `network.*`, `edge.*` and `cloud.*` (parameter_rows_hosts.cpp).
std::vector<ParamSpec> network_and_host_rows();

}  // namespace dsdsi
