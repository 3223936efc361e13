#include "dsdsi/config/sweep_plan.hpp"

#include <set>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

// Adds `lines` to `all`, skipping lines already there: one bad axis value is met by every
// point that uses it, and is worth one line.
void add_unique(const std::vector<std::string>& lines, std::vector<std::string>& all,
                std::set<std::string>& seen) {
  for (const auto& line : lines) {
    if (seen.insert(line).second) all.push_back(line);
  }
}

void refuse_sets_on_axes(const std::vector<Override>& sets, const SweepSpec& spec,
                         ProblemList& problems) {
  for (const auto& set : sets) {
    for (const auto& axis : spec.axes) {
      if (set.path == axis.path) {
        problems.add_from(override_source(set), "",
                          "\"" + axis.path + "\" is also a sweep axis (/sweep/" +
                              (axis.zipped ? "zip/" : "grid/") + axis.path +
                              "), whose values would replace this one");
      }
    }
  }
}

}  // namespace

SweepPlan plan_sweep(const std::string& scenario_path, const std::vector<std::string>& set_args) {
  const std::vector<Override> base_overrides = parse_overrides(set_args);
  SweepPlan plan{load_scenario(scenario_path, base_overrides), {}, {}, set_args};

  ProblemList problems(scenario_path);
  const auto block = plan.base.resolved.find("sweep");
  if (block == plan.base.resolved.end()) {
    problems.add_from(scenario_path, "",
                      "no \"sweep\" block: add one to say which parameters vary, e.g. "
                      "\"sweep\": {\"grid\": {\"network.rtt_ms\": [10, 50, 100]}} "
                      "(see docs/sweeps.md)");
    problems.throw_if_any();
  }
  plan.spec = read_sweep_block(*block, problems);
  refuse_sets_on_axes(base_overrides, plan.spec, problems);
  problems.throw_if_any();

  std::vector<SweepPoint> points =
      expand_sweep(plan.spec, plan.base.scenario.seed, scenario_path, problems);
  std::vector<std::string> all = problems.lines();
  std::set<std::string> seen(all.begin(), all.end());
  plan.points.reserve(points.size());
  for (auto& point : points) {
    std::vector<Override> overrides = base_overrides;
    overrides.insert(overrides.end(), point.overrides.begin(), point.overrides.end());
    try {
      LoadedScenario loaded = load_scenario(scenario_path, overrides);
      plan.points.push_back({std::move(point), std::move(loaded.scenario)});
    } catch (const ConfigError& error) {
      add_unique(error.problems(), all, seen);
    }
  }
  if (!all.empty()) throw ConfigError(all);
  return plan;
}

}  // namespace dsdsi
