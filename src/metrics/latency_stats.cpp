#include "dsdsi/metrics/latency_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace dsdsi {

namespace {

// numpy's _lerp: interpolates from the nearer end, so that t close to 1 gives exactly b and the
// result never leaves [a, b] through rounding. Using the same formula keeps our percentiles
// bit-identical to numpy's for the same sample.
double lerp_like_numpy(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

double percentile(const std::vector<double>& sorted_values, double q) {
  if (sorted_values.empty()) {
    throw std::invalid_argument("percentile of an empty sample");
  }
  if (!(q >= 0.0 && q <= 100.0)) {  // also rejects NaN
    throw std::invalid_argument("percentile q must be in [0, 100], got " + std::to_string(q));
  }
  const std::size_t n = sorted_values.size();
  // Virtual index (n - 1) * q / 100, computed as numpy does (q divided by 100 first).
  const double index = static_cast<double>(n - 1) * (q / 100.0);
  const double below = std::floor(index);
  const auto lo = static_cast<std::size_t>(below);
  const std::size_t hi = std::min(lo + 1, n - 1);
  return lerp_like_numpy(sorted_values[lo], sorted_values[hi], index - below);
}

LatencyStats summarize_latencies(std::vector<double> values) {
  if (values.empty()) {
    throw std::invalid_argument("latency statistics of an empty sample");
  }
  std::sort(values.begin(), values.end());
  // Summing in sorted order makes the mean independent of the order requests finished in, and
  // adding small values first loses less precision.
  double sum = 0.0;
  for (double value : values) sum += value;
  return LatencyStats{sum / static_cast<double>(values.size()), percentile(values, 50.0),
                      percentile(values, 90.0), percentile(values, 95.0), percentile(values, 99.0)};
}

}  // namespace dsdsi
