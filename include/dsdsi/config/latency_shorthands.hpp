#pragma once
#include <nlohmann/json.hpp>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// The plain-number keys are shorthands for latency models: `cloud.verify_ms: 20` is a constant
// 20 ms step, `cloud.prefill_ms_per_token: 0.1` an affine model of 0.1 ms per batched prompt
// token. Fills each latency spec of `scenario` that `resolved` (the loader's resolved document)
// does not give as a model key (`cloud.verify`, ...) from its shorthand; a spec given as a model
// was stored from it and is left alone.
void apply_latency_shorthands(Scenario& scenario, const nlohmann::json& resolved);

}  // namespace dsdsi
