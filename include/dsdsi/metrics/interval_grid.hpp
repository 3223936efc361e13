#pragma once
// The intervals of timeline.csv: the grid 0, T, 2T, ... also cut at the measurement window's
// edges (warm-up, horizon), so that each interval lies wholly inside or outside the window.
// Intervals are laid out as far as the run has been asked about; their indices never change.
#include <cstddef>
#include <vector>

#include "dsdsi/metrics/measure_window.hpp"

namespace dsdsi {

class IntervalGrid {
 public:
  // step_ms must be > 0.
  IntervalGrid(double step_ms, const MeasureWindow& window);

  // The interval holding t_ms (>= 0), laying out the grid up to it first.
  std::size_t interval_of(double t_ms);
  // Interval i is [start(i), end(i)); `end` is known for every interval laid out so far
  // (i < laid_out()).
  double start(std::size_t i) const { return bounds_[i]; }
  double end(std::size_t i) const { return bounds_[i + 1]; }
  std::size_t laid_out() const { return bounds_.size() - 1; }

 private:
  double step_ms_;
  MeasureWindow window_;
  std::vector<double> bounds_{0.0};  // interval i is [bounds_[i], bounds_[i + 1])
};

}  // namespace dsdsi
