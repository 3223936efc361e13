#include "dsdsi/metrics/batch_means.hpp"

#include <cmath>

namespace dsdsi {

double student_t975(std::size_t df) {
  // Two-sided 95% (0.975 quantile), df 1..30, from standard tables; beyond 30 the normal 1.96
  // is within 2% (and kTimeBatches keeps df at 19 anyway).
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df >= 1 && df <= 30) return table[df - 1];
  return 1.960;
}

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
  return student_t975(k - 1) * sd / std::sqrt(static_cast<double>(k));
}

std::optional<std::size_t> TimeBatches::of(double t_ms) const {
  if (!(t_ms >= start_ && t_ms < end_) || end_ <= start_) return std::nullopt;
  const auto b = static_cast<std::size_t>((t_ms - start_) / batch_ms());
  return b < kTimeBatches ? b : kTimeBatches - 1;
}

}  // namespace dsdsi
