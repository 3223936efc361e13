#pragma once
// What `dsdsi run` writes besides the records: the run's own facts (run.json: versions, command
// line, wall time; not simulated).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi::cli {

nlohmann::ordered_json run_facts(const Invocation& invocation, const std::string& scenario_file,
                                 const LoadedScenario& loaded, double wall_time_s);

}  // namespace dsdsi::cli
