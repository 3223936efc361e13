#pragma once
#include <cstdint>
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
// `workload.requests_per_client` when absent without `measure.horizon_ms`.
extern const std::int64_t kDefaultRequestsPerClient;

// Also the defaults that depend on other keys: `workload.requests_per_client` (10, or 0 =
// until the horizon), `workload.start` (stationary with several closed-loop clients, else
// together), also written into `resolved` (runs record what ran).
void apply_workload_shorthands(Scenario& scenario, nlohmann::json& resolved);

}  // namespace dsdsi
