#pragma once
// The progress of `dsdsi capacity` on stderr: one line per finished probe, also when stderr is
// not a terminal (a search takes minutes, and a batch job's log should show where it stands):
//   capacity: probe 3: dsd_sync, 512 clients: fail (tpot_ms_p95 81.2 > 60) in 2.3 s;
//   elapsed 7.1 s, at most 9 probes left, ETA ~21 s
// The ETA is the probes left (the bisection's worst case, CapacitySearch::probes_left_at_most)
// times the mean wall time of the probes so far, divided by the probes that run at a time. It is
// rough: a probe's time grows with its clients.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/cli/slo.hpp"

namespace dsdsi::cli {

struct ProbeProgress {
  std::size_t number = 0;  // 1, 2, ... over every mode
  std::string mode;
  std::int64_t clients = 0;
  bool pass = false;
  std::string verdict_detail;  // why it failed (slo_verdict_detail), empty when it passed
  double probe_s = 0;          // this probe's wall time
  double elapsed_s = 0;        // since the search began
  std::int64_t probes_left = 0;
  std::optional<double> eta_s;
};

// "tpot_ms_p95 81.2 > 60, ttft_ms_p95 null": the SLOs a summary misses.
std::string slo_verdict_detail(const std::vector<Slo>& slos, const nlohmann::json& summary);

// probes_left x mean_probe_s / parallel; nullopt before any probe finished.
std::optional<double> capacity_eta_s(std::size_t probes_done, double probe_s_total,
                                     std::int64_t probes_left, std::size_t parallel);

// The line, with '\n'.
std::string capacity_progress_line(const ProbeProgress& progress);

}  // namespace dsdsi::cli
