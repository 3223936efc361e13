#include "dsdsi/metrics/batch_means.hpp"

#include <cmath>

#include "dsdsi/metrics/repeat_stats.hpp"

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
}  // namespace

std::optional<double> ci95_half_width(const std::vector<std::optional<double>>& batch_values) {
  // The batch means are treated as independent repeats: the same Student-t half-width as a
  // sweep's repeats (repeat_stats.hpp).
  const auto values = complete(batch_values, 2);
  if (!values) return std::nullopt;
  return repeat_stats(*values).ci95;
}

std::optional<std::size_t> TimeBatches::of(double t_ms) const {
  if (!(t_ms >= start_ && t_ms < end_) || end_ <= start_) return std::nullopt;
  const auto b = static_cast<std::size_t>((t_ms - start_) / batch_ms());
  return b < kTimeBatches ? b : kTimeBatches - 1;
}

}  // namespace dsdsi
