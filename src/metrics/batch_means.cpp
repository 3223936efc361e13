#include "dsdsi/metrics/batch_means.hpp"

#include <cmath>

#include "dsdsi/metrics/student_t.hpp"

namespace dsdsi {

namespace {
// The values, when every one is present and there are at least `least`.
std::optional<std::vector<double>> complete(const std::vector<std::optional<double>>& values,
                                            std::size_t least) {
  if (values.size() < least) return std::nullopt;
  std::vector<double> out;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) return std::nullopt;
    out.push_back(*v);
  }
  return out;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}
}  // namespace

std::optional<double> ci95_half_width(const std::vector<std::optional<double>>& batch_values) {
  const auto values = complete(batch_values, 2);
  if (!values) return std::nullopt;
  const double m = mean_of(*values);
  double ss = 0;
  for (const double x : *values) ss += (x - m) * (x - m);
  const auto k = values->size();
  const double sd = std::sqrt(ss / static_cast<double>(k - 1));
  const double t = student_t_quantile(0.975, static_cast<double>(k - 1));
  return t * sd / std::sqrt(static_cast<double>(k));
}

std::optional<std::size_t> TimeBatches::of(double t_ms) const {
  if (!(t_ms >= start_ && t_ms < end_) || end_ <= start_) return std::nullopt;
  const auto b = static_cast<std::size_t>((t_ms - start_) / batch_ms());
  return b < kTimeBatches ? b : kTimeBatches - 1;
}

}  // namespace dsdsi
