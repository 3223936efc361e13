#pragma once
// How `dsdsi analyze` shows one closed-form analysis, shared by a generated network's single
// answer and a platform's answer per edge host (analyze_routes.cpp).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/closed_form_analysis.hpp"

namespace dsdsi::cli {

nlohmann::ordered_json analysis_json(const closed_form::Analysis& a);
// "below 7.21 ms", "never (not even at RTT 0)", "at every RTT".
std::string break_even_text(std::optional<double> rtt);

// `dsdsi analyze` on a scenario with a platform file: loads the platform in this process (it
// runs no simulation, so its one engine is free), and analyses each edge host's route as a
// one-client generated link with that RTT, bottleneck bandwidths and draft speed.
int analyze_platform_routes(const std::string& scenario_file, const Scenario& scenario, bool json,
                            const std::vector<std::string>& simgrid_args);

}  // namespace dsdsi::cli
