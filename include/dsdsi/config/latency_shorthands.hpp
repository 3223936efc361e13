#pragma once
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// The plain-number keys are shorthands for latency models: `cloud.verify_ms: 20` is a constant
// 20 ms step, `cloud.prefill_ms_per_token: 0.1` an affine model of 0.1 ms per batched prompt
// token. Fills every latency spec of `scenario` from its shorthand.
void apply_latency_shorthands(Scenario& scenario);

}  // namespace dsdsi
