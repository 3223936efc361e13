#include "dsdsi/metrics/queue_length_peaks.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace dsdsi {

namespace {
// A cell's counts fit in 32 bits: at most every job of the run, and a run has far fewer than
// 4 billion jobs in one cell (the jobs queued at once are bounded by the clients, <= 1,000,000).
void count_one(std::uint32_t& n) {
  if (n == std::numeric_limits<std::uint32_t>::max()) {
    throw std::overflow_error("timeline: more than 2^32 - 1 jobs in one queue cell");
  }
  ++n;
}
}  // namespace

void QueueLengthPeaks::add(double arrive_ms, double start_ms, IntervalGrid& grid) {
  if (start_ms < edge_.back()) {
    throw std::logic_error("timeline: a server's jobs must come in the order of their starts");
  }
  // Edges at every interval bound up to the start, then at the start itself.
  grid.interval_of(start_ms);
  for (; next_bound_ <= grid.laid_out() && grid.start(next_bound_) <= start_ms; ++next_bound_) {
    if (grid.start(next_bound_) > edge_.back()) {
      edge_.push_back(grid.start(next_bound_));
      started_.push_back(0);
      arrived_.push_back(0);
    }
  }
  if (start_ms > edge_.back()) {
    edge_.push_back(start_ms);
    started_.push_back(0);
    arrived_.push_back(0);
  }
  count_one(started_.back());
  // Its arrival's cell: the last edge at or before it.
  const auto cell = std::upper_bound(edge_.begin(), edge_.end(), arrive_ms) - edge_.begin() - 1;
  count_one(arrived_[static_cast<std::size_t>(std::max<std::ptrdiff_t>(cell, 0))]);
}

}  // namespace dsdsi
