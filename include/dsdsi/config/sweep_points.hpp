#pragma once
// A sweep expanded into points: each one a scenario file plus overrides. Pure: no file is read
// and nothing runs here.
//
// Order: the first grid axis varies slowest, then the following grid axes, then the zip group,
// then the repeat (fastest), so the repeats of one combination are neighbours. A point's id is
// its index in this order, zero-padded to a fixed width (at least 4 digits): it names the
// point's output folder and is stable for a given sweep block, whatever shard or job runs it.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/sweep_spec.hpp"

namespace dsdsi {

struct SweepPoint {
  std::size_t index = 0;
  std::string id;                           // zero-padded index, e.g. "0042"
  std::vector<nlohmann::json> axis_values;  // one per SweepSpec axis, same order
  std::int64_t repeat = 0;                  // 0 .. repeats-1
  std::uint64_t seed = 0;                   // the scenario's seed + repeat
  // The axis values and the seed as --set overrides, ready for `dsdsi run` (their `text`) and
  // for validation (their `source` names the sweep entry the value came from).
  std::vector<Override> overrides;
};

// Expands `spec`. `source` names the scenario file in the overrides' sources;
// `base_seed` is the scenario's seed. Seeds that would pass 2^64 - 1 are reported to
// `problems` (at /sweep/repeats) and those points left out.
std::vector<SweepPoint> expand_sweep(const SweepSpec& spec, std::uint64_t base_seed,
                                     const std::string& source, ProblemList& problems);

// "PATH=VALUE" such that parse_overrides() gives back exactly `value`: strings are written bare
// when that reads back as the same string (mode=dsd_sync), otherwise as JSON (description="42").
std::string override_argument(const std::string& path, const nlohmann::json& value);

// How an axis value is shown in a table cell: strings bare, everything else as compact JSON
// (numbers in their shortest exact form).
std::string axis_value_text(const nlohmann::json& value);

}  // namespace dsdsi
