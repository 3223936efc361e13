#pragma once
// Checks that involve several parameters at once, run on the typed scenario once every
// parameter is valid on its own (and the shorthands are applied). `resolved` is the loader's
// resolved document, for what the typed scenario cannot tell (whether a key was given).
#include <nlohmann/json.hpp>

#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

void check_cross_fields(const Scenario& scenario, const nlohmann::json& resolved,
                        ProblemList& problems);

}  // namespace dsdsi
