#pragma once
// What `dsdsi capacity` found, per mode, and how it is reported: on stdout (the answer, bounds
// marked as bounds) and in capacity.json (the same, with every probe). Pure: no simulation here.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/cli/slo.hpp"

namespace dsdsi::cli {

struct CapacityProbe {
  std::int64_t clients = 0;
  bool pass = false;
  nlohmann::json summary;  // the probe's summary.json
};

// One mode's search, finished.
struct ModeOutcome {
  std::string mode;
  std::optional<std::int64_t> capacity;  // the largest passing count; nullopt: even --min failed
  bool lower_bound = false;              // --max itself passed: the capacity is at least this
  std::vector<CapacityProbe> probes;     // in the order they ran
  std::optional<std::string> queueing_warning;  // capacity_queueing.hpp
};

// How a ratio of two capacities relates to the true ratio: exact when both are exact; a lower
// bound when only the numerator is (the true numerator may be larger); an upper bound when only
// the denominator is; unknown when both are lower bounds (or either capacity is missing).
enum class RatioBound { exact, lower, upper, unknown };
const char* to_string(RatioBound bound);

struct CapacityRatio {
  std::string numerator;
  std::string denominator;
  std::optional<double> value;  // nullopt when unknown
  RatioBound bound = RatioBound::unknown;
};

CapacityRatio capacity_ratio(const ModeOutcome& numerator, const ModeOutcome& denominator);

// The SLO that bound the answer: of those the smallest failing probe missed, the one missed by
// the largest factor (value / threshold; a null metric counts as missed by most). nullopt when
// no probe failed (the capacity is a lower bound).
std::optional<std::string> binding_slo(const ModeOutcome& outcome, const std::vector<Slo>& slos);

// The summary metrics each probe carries into capacity.json (besides its SLO metrics).
inline const char* const kProbeFacts[] = {"ttft_ms_p95", "tpot_ms_p95", "e2e_ms_p95",
                                          "server_busy_fraction", "throughput_tokens_per_s"};

struct CapacityRange {
  std::int64_t min_clients = 1;
  std::int64_t max_clients = 1;
};

// The results part of capacity.json: slos, range, one entry per mode, the ratios of the first
// mode to each other one. Layout documented in docs/sweeps.md.
nlohmann::ordered_json capacity_results(const std::vector<ModeOutcome>& outcomes,
                                        const std::vector<Slo>& slos, const CapacityRange& range);

// The answer as printed on stdout: a line per mode and per ratio, bounds spelt as bounds.
std::string capacity_answer_text(const std::string& scenario,
                                 const std::vector<ModeOutcome>& outcomes,
                                 const std::vector<Slo>& slos, const CapacityRange& range);

}  // namespace dsdsi::cli
