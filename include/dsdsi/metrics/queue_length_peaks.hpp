#pragma once
// One server's largest queue length in each timeline interval, in memory that grows with its
// batches and the intervals rather than with its jobs (a run of 100,000 clients has tens of
// millions of jobs: 16 bytes each, and twice that to sort them, was most of its peak memory).
//
// The queue holds the jobs that have reached the server and not yet started. It grows only at
// arrivals and shrinks only at batch starts, so its largest value in an interval is the value it
// carries in, or its value after the last arrival before some start (or the interval's end).
// The time line is cut into cells at every batch start and every interval bound; a cell keeps
// how many jobs started at its left edge and how many arrived in it, and that is all the sweep
// needs: the same result as sorting every arrival and start, a start first at equal times (a
// job that starts on arrival never waits).
//
// Jobs must be added in the order of their starts (a server runs one batch at a time and reports
// its jobs when the batch ends): a job arrives before it starts, so when it is added every start
// before its arrival is known, and its cell is final.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsdsi/metrics/interval_grid.hpp"

namespace dsdsi {

class QueueLengthPeaks {
 public:
  // A job that reached the server at arrive_ms (<= start_ms) and started at start_ms. Throws
  // std::logic_error when start_ms is before an earlier job's start.
  void add(double arrive_ms, double start_ms, IntervalGrid& grid);

  // Calls raise(interval, length) with the queue length carried into each interval and the
  // length after the last arrival of each cell, in time order, up to the interval of the last
  // event; times after makespan_ms count in its interval.
  template <typename Raise>
  void sweep(IntervalGrid& grid, double makespan_ms, Raise raise) const;

 private:
  // Cell c is [edge_[c], edge_[c + 1]) (the last one open-ended).
  std::vector<double> edge_{0.0};
  std::vector<std::uint32_t> started_{0};  // jobs that started at edge_[c]
  std::vector<std::uint32_t> arrived_{0};  // jobs that arrived in cell c
  std::size_t next_bound_ = 1;             // the first interval bound not yet an edge
};

template <typename Raise>
void QueueLengthPeaks::sweep(IntervalGrid& grid, double makespan_ms, Raise raise) const {
  std::int64_t queue = 0;
  std::size_t interval = 0;
  for (std::size_t c = 0; c < edge_.size(); ++c) {
    if (started_[c] == 0 && arrived_[c] == 0) continue;
    const std::size_t here = grid.interval_of(edge_[c] < makespan_ms ? edge_[c] : makespan_ms);
    for (; interval < here; ++interval) raise(interval + 1, queue);  // carried in
    queue -= started_[c];
    if (arrived_[c] > 0) {
      queue += arrived_[c];
      raise(interval, queue);
    }
  }
}

}  // namespace dsdsi
