#pragma once
// Everything a sweep will run, validated before anything runs: the scenario with its --set
// overrides, its sweep block, and every point's scenario as `dsdsi run` will load it.
#include <string>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/config/sweep_points.hpp"
#include "dsdsi/config/sweep_spec.hpp"

namespace dsdsi {

struct PlannedPoint {
  SweepPoint point;
  Scenario scenario;  // the point's scenario, loaded and validated
};

struct SweepPlan {
  LoadedScenario base;  // the scenario file with the --set overrides (sweep block included)
  SweepSpec spec;
  std::vector<PlannedPoint> points;    // every point, in index order
  std::vector<std::string> base_sets;  // the --set arguments, given to every point's run
};

// Loads `scenario_path` with `set_args`, reads its sweep block, expands it and loads every
// point's scenario through load_scenario() with the point's overrides. Throws ConfigError with
// every problem found (duplicates, such as one bad axis value met by many points, once): a bad
// scenario stops here; a bad sweep block or bad points are all reported together. A --set of
// a path that is also a sweep axis is refused (the axis would silently win). A scenario with
// no sweep block is refused.
SweepPlan plan_sweep(const std::string& scenario_path, const std::vector<std::string>& set_args);

}  // namespace dsdsi
