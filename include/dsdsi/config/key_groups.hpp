#pragma once
// Optional keys that only mean something together: a host's two powers (`watts_busy`,
// `watts_idle`) and the three keys of `network.shared_uplink`. Given in part, they are a problem
// at the missing key (found with every other problem); given whole, they are marked in the
// typed scenario.
#include <nlohmann/json.hpp>

#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// `value_of` gives a checked parameter's value by dotted path (null: absent or invalid).
void check_key_groups(const ValueLookup& value_of, ProblemList& problems);
// Once the scenario has loaded without problems.
void apply_key_groups(Scenario& scenario, const nlohmann::json& resolved);

}  // namespace dsdsi
