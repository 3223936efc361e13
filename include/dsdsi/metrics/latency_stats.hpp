#pragma once
// Summary statistics of a latency sample (TTFT, TPOT, E2E over the requests of a run).
#include <vector>

namespace dsdsi {

struct LatencyStats {
  double mean;
  double p50;
  double p90;
  double p95;
  double p99;
};

// Percentile by linear interpolation between closest ranks (numpy's default, "type 7" of Hyndman
// and Fan), so the numbers match what a user recomputes from requests.csv with numpy.
// `sorted_values` must be sorted ascending; q is in [0, 100]. Throws std::invalid_argument on an
// empty sample or a q outside [0, 100].
double percentile(const std::vector<double>& sorted_values, double q);

// Mean, p50, p90, p95 and p99 of `values` (any order). Throws std::invalid_argument when empty: an
// empty sample has no statistics, and callers report that as null rather than as 0.
LatencyStats summarize_latencies(std::vector<double> values);

}  // namespace dsdsi
