#pragma once
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// The plain-number workload keys are shorthands: `workload.prompt_tokens: 128` is a fixed
// prompt length, `workload.think_ms: 0` a closed loop with a fixed think time. Fills the
// distributions and the arrival process of `scenario` from them.
void apply_workload_shorthands(Scenario& scenario);

}  // namespace dsdsi
