#pragma once
// Optional keys that only mean something together: a host's two powers (`watts_busy`,
// `watts_idle`) and the three keys of `network.shared_uplink`. Given in part, they are a problem
// at the missing key; given whole, they are marked in the typed scenario.
#include <nlohmann/json.hpp>

#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

void apply_key_groups(Scenario& scenario, const nlohmann::json& resolved, ProblemList& problems);

}  // namespace dsdsi
