#include "dsdsi/config/sweep_plan.hpp"

#include <set>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario_file.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

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

  // Every point is loaded from one reading of the file, without its sweep block: the block is
  // checked above, no point's scenario keeps it (it is not stored), and reading and checking it
  // once per point made the plan cost points x axis values (a 1000 x 1000 grid: 10^9 values
  // parsed). So the plan's cost is linear in its points.
  ProblemList reread(scenario_path);
  json point_document = read_scenario_file(scenario_path, reread);
  if (point_document.is_object()) point_document.erase("sweep");
  std::vector<Override> point_base;
  for (const auto& set : base_overrides) {
    if (set.path != "sweep" && set.path.rfind("sweep.", 0) != 0) point_base.push_back(set);
  }
  const std::filesystem::path base_dir = scenario_base_dir(scenario_path);
  plan.points.reserve(points.size());
  for (auto& point : points) {
    std::vector<Override> overrides = point_base;
    overrides.insert(overrides.end(), point.overrides.begin(), point.overrides.end());
    try {
      LoadedScenario loaded =
          load_scenario_json(point_document, scenario_path, overrides, base_dir);
      plan.points.push_back({std::move(point), std::move(loaded.scenario)});
    } catch (const ConfigError& error) {
      add_unique(error.problems(), all, seen);
    }
  }
  if (!all.empty()) throw ConfigError(all);
  return plan;
}

}  // namespace dsdsi
