#pragma once
// Mean, standard deviation and 95% confidence half-width of a metric over independent repeats
// (a sweep point run with seeds seed, seed + 1, ...). Statistics that a sample cannot give are
// absent, never a made-up number: the mean needs one value, the standard deviation and the
// interval two.
#include <cstddef>
#include <optional>
#include <vector>

namespace dsdsi {

struct RepeatStats {
  std::size_t n = 0;
  std::optional<double> mean;
  std::optional<double> sd;    // sample standard deviation (divisor n - 1)
  std::optional<double> ci95;  // t_{0.975, n-1} sd / sqrt(n), the Student-t half-width
};

// Statistics of `values` (in the order given: the sums run in that order, so the same values in
// the same order give the same bits).
RepeatStats repeat_stats(const std::vector<double>& values);

}  // namespace dsdsi
