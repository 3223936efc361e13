#pragma once
#include <nlohmann/json.hpp>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// `workload.think_ms` is the shorthand for `workload.arrival` = a closed loop with that fixed think
// time: applied when `resolved` (the loader's resolved document) has no `workload.arrival`.
// Then the plain-number fields follow what will run: `prompt_tokens` and `output_tokens` become
// the largest length a request can have (the value of a fixed length, the max of a uniform or a
// list, 0 for a lognormal: unbounded); with a workload trace, the trace's longest, and
// `prompt` / `output` become the list of the trace's lengths (which the simulator does not
// draw from: each request has its own).
void apply_workload_shorthands(Scenario& scenario, const nlohmann::json& resolved);

}  // namespace dsdsi
