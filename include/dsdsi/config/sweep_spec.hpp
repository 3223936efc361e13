#pragma once
// The `sweep` block of a scenario: which parameters vary and how.
//
//   "sweep": {"grid": {"network.rtt_ms": [1, 20, 50], "speculation.gamma": [2, 4]},
//             "zip":  {"cloud.verify_ms": [9, 20], "cloud.ar_step_ms": [9, 20]},
//             "repeats": 3}
//
// `grid` axes form a product, `zip` axes move together (all the same length), `repeats` runs
// each combination with seeds seed, seed+1, ... Axes are named by the dotted path of a scenario
// parameter. JSON objects have no order that survives nlohmann::json (a sorted map), so the
// axes are taken in alphabetical order of their paths, grid axes first, then zip axes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi {

class ProblemList;

struct SweepAxis {
  std::string path;                    // dotted parameter path, e.g. "network.rtt_ms"
  std::vector<nlohmann::json> values;  // at least one
  bool zipped = false;                 // from `zip` (moves with the other zip axes), else `grid`
};

struct SweepSpec {
  std::vector<SweepAxis> axes;  // grid axes (alphabetical), then zip axes (alphabetical)
  std::int64_t repeats = 1;

  std::size_t grid_axes() const;   // how many of `axes` come from `grid`
  std::size_t zip_length() const;  // values per zip axis; 1 when there is no zip axis
};

// Sweeps larger than this are refused: every point is validated and kept in memory up front,
// which costs about 0.1 ms and 3 KB per point (measured; docs/reliability.md), so the largest
// sweep's plan (`--dry-run`) takes about 10 s and 320 MB. Sharded, a sweep this large is still
// days of simulation on one machine.
inline constexpr std::size_t kMaxSweepPoints = 100000;

// Reads a `sweep` block (the value of the scenario's "sweep" key). Reports every problem in it
// to `problems` at /sweep/...: unknown keys (with "did you mean"), axes that are not scenario
// parameters (or are `seed`, which `repeats` varies, or `sweep`), empty or non-array value
// lists, zip axes of unequal lengths, a path in both grid and zip, a bad `repeats`, too many
// points. The values themselves are checked later, by loading each point's scenario.
SweepSpec read_sweep_block(const nlohmann::json& block, ProblemList& problems);

// Points the spec expands to (product of the grid sizes, times the zip length, times repeats),
// or 0 when that exceeds kMaxSweepPoints.
std::size_t sweep_point_count(const SweepSpec& spec);

}  // namespace dsdsi
