#pragma once
// Checks that involve several parameters at once, run on the typed scenario once every
// parameter is valid on its own.
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

void check_cross_fields(const Scenario& scenario, ProblemList& problems);

}  // namespace dsdsi
