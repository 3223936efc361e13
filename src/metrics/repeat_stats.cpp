#include "dsdsi/metrics/repeat_stats.hpp"

#include <cmath>

#include "dsdsi/metrics/student_t.hpp"

namespace dsdsi {

RepeatStats repeat_stats(const std::vector<double>& values) {
  RepeatStats stats;
  stats.n = values.size();
  if (values.empty()) return stats;
  const auto n = static_cast<double>(values.size());
  double sum = 0;
  for (const double v : values) sum += v;
  const double mean = sum / n;
  stats.mean = mean;
  if (values.size() < 2) return stats;
  // Two passes (mean first): no cancellation between large sums of squares.
  double squares = 0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / (n - 1));
  stats.sd = sd;
  stats.ci95 = student_t_quantile(0.975, n - 1) * sd / std::sqrt(n);
  return stats;
}

}  // namespace dsdsi
