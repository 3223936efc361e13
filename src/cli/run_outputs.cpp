#include "dsdsi/cli/run_outputs.hpp"

// simgrid/version.h needs the macros that the s4u headers define, so it comes second.
// clang-format off
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/version.h>
// clang-format on
#include <unistd.h>


namespace dsdsi::cli {

namespace {

std::string simgrid_version() {
  int major = 0, minor = 0, patch = 0;
  sg_version_get(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string();
}

}  // namespace

nlohmann::ordered_json run_facts(const Invocation& invocation, const std::string& scenario_file,
                                 const LoadedScenario& loaded, double wall_time_s) {
  nlohmann::ordered_json facts;
  facts["tool"] = "dsdsi";
  facts["version"] = DSDSI_VERSION;
  facts["simgrid_version"] = simgrid_version();
  facts["seed"] = loaded.scenario.seed;
  facts["scenario_file"] = scenario_file;
  facts["command_line"] = invocation.command_line;
  facts["host"] = host_name();
  facts["wall_time_s"] = wall_time_s;
  facts["scenario"] = loaded.resolved;
  return facts;
}

}  // namespace dsdsi::cli
