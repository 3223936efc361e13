#include "dsdsi/config/sweep_spec.hpp"

#include <cmath>

#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/parameter_table.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const std::vector<std::string> kBlockKeys = {"grid", "zip", "repeats"};

std::vector<std::string> parameter_paths() {
  std::vector<std::string> paths;
  for (const auto& spec : parameter_table()) paths.push_back(spec.path);
  return paths;
}

// Why `path` cannot be an axis, or "" when it can.
std::string axis_path_problem(const std::string& path) {
  if (path == "seed") {
    return "the seed is not an axis: /sweep/repeats varies it (seed, seed + 1, ...)";
  }
  if (path == "sweep") return "the sweep block cannot sweep itself";
  const ParamSpec* spec = find_param(path);
  if (spec) return "";
  // A section ("network") is not a parameter: an axis sets one value.
  for (const auto& known : parameter_paths()) {
    if (known.rfind(path + ".", 0) == 0) {
      return "unknown parameter \"" + path + "\": it is a section; an axis names one key, e.g. \"" +
             known + "\"";
    }
  }
  return "unknown parameter \"" + path + "\"" + did_you_mean(path, parameter_paths()) +
         " (axes are named by dotted path; `dsdsi params` lists them)";
}

// Reads the axes of `grid` or `zip` (an object of path -> array of values).
void read_axes(const json& group, const std::string& name, bool zipped, SweepSpec& spec,
               ProblemList& problems) {
  const KeyPath where{"sweep", name};
  if (!group.is_object()) {
    problems.add(where,
                 "must be an object of axis path -> list of values, got " + show_value(group));
    return;
  }
  for (const auto& [path, values] : group.items()) {
    const KeyPath at{"sweep", name, path};
    bool ok = true;
    if (const std::string why = axis_path_problem(path); !why.empty()) {
      problems.add(at, why);
      ok = false;
    }
    if (!values.is_array() || values.empty()) {
      problems.add(at, "must be a non-empty array of values, got " + show_value(values));
      ok = false;
    }
    if (ok) spec.axes.push_back({path, std::vector<json>(values.begin(), values.end()), zipped});
  }
}

void check_zip_lengths(const SweepSpec& spec, ProblemList& problems) {
  const SweepAxis* first = nullptr;
  for (const auto& axis : spec.axes) {
    if (!axis.zipped) continue;
    if (!first) {
      first = &axis;
    } else if (axis.values.size() != first->values.size()) {
      problems.add({"sweep", "zip", axis.path},
                   "has " + std::to_string(axis.values.size()) + " values, but /sweep/zip/" +
                       first->path + " has " + std::to_string(first->values.size()) +
                       " (zip axes move together, so each needs as many values)");
    }
  }
}

void check_grid_zip_overlap(const SweepSpec& spec, ProblemList& problems) {
  for (const auto& zipped : spec.axes) {
    if (!zipped.zipped) continue;
    for (const auto& grid : spec.axes) {
      if (!grid.zipped && grid.path == zipped.path) {
        problems.add({"sweep", "zip", zipped.path},
                     "also a grid axis (/sweep/grid/" + grid.path + "); an axis is in one of them");
      }
    }
  }
}

void read_repeats(const json& value, SweepSpec& spec, ProblemList& problems) {
  const double number = value.is_number() ? value.get<double>() : 0;
  if (!value.is_number() || std::floor(number) != number || number < 1 || number > 1e6) {
    problems.add({"sweep", "repeats"},
                 "must be an integer >= 1 and <= 1000000, got " + show_value(value));
    return;
  }
  spec.repeats = static_cast<std::int64_t>(number);
}

}  // namespace

std::size_t SweepSpec::grid_axes() const {
  std::size_t count = 0;
  for (const auto& axis : axes) count += axis.zipped ? 0 : 1;
  return count;
}

std::size_t SweepSpec::zip_length() const {
  for (const auto& axis : axes) {
    if (axis.zipped) return axis.values.size();
  }
  return 1;
}

std::size_t sweep_point_count(const SweepSpec& spec) {
  // Multiplies with an overflow check: a sweep of 10^20 points must be refused, not wrapped.
  std::size_t count = spec.zip_length();
  const auto times = [&count](std::size_t factor) {
    if (factor != 0 && count > kMaxSweepPoints / factor) {
      count = 0;
      return false;
    }
    count *= factor;
    return true;
  };
  for (const auto& axis : spec.axes) {
    if (!axis.zipped && !times(axis.values.size())) return 0;
  }
  if (!times(static_cast<std::size_t>(spec.repeats))) return 0;
  return count > kMaxSweepPoints ? 0 : count;
}

SweepSpec read_sweep_block(const json& block, ProblemList& problems) {
  SweepSpec spec;
  if (!block.is_object()) {
    problems.add({"sweep"}, "must be an object, got " + show_value(block));
    return spec;
  }
  for (const auto& [key, value] : block.items()) {
    if (key == "grid" || key == "zip") continue;
    if (key == "repeats") {
      read_repeats(value, spec, problems);
    } else {
      problems.add({"sweep", key}, "unknown key" + did_you_mean(key, kBlockKeys) +
                                       " (a sweep block has grid, zip and repeats)");
    }
  }
  if (const auto grid = block.find("grid"); grid != block.end()) {
    read_axes(*grid, "grid", false, spec, problems);
  }
  if (const auto zip = block.find("zip"); zip != block.end()) {
    read_axes(*zip, "zip", true, spec, problems);
  }
  check_zip_lengths(spec, problems);
  check_grid_zip_overlap(spec, problems);
  if (problems.empty() && sweep_point_count(spec) == 0) {
    problems.add({"sweep"}, "expands to more than " + std::to_string(kMaxSweepPoints) +
                                " points; split it into several scenarios");
  }
  return spec;
}

}  // namespace dsdsi
