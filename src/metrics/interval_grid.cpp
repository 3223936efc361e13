#include "dsdsi/metrics/interval_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dsdsi {

IntervalGrid::IntervalGrid(double step_ms, const MeasureWindow& window)
    : step_ms_(step_ms), window_(window) {
  if (!(step_ms_ > 0)) throw std::invalid_argument("timeline interval must be > 0");
}

std::size_t IntervalGrid::interval_of(double t_ms) {
  while (bounds_.back() <= t_ms) {
    const double last = bounds_.back();
    double next = (std::floor(last / step_ms_) + 1) * step_ms_;
    for (const double cut : {window_.warmup_ms, window_.horizon_ms}) {
      if (cut > last && cut < next) next = cut;
    }
    bounds_.push_back(next);
  }
  const auto it = std::upper_bound(bounds_.begin(), bounds_.end(), t_ms);
  return static_cast<std::size_t>(it - bounds_.begin()) - 1;
}

}  // namespace dsdsi
