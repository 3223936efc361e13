// The largest queue length per timeline interval (metrics/queue_length_peaks.hpp) against a
// direct sweep over every job's arrival and start, sorted, a start first at equal times.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "dsdsi/metrics/queue_length_peaks.hpp"

namespace dsdsi {
namespace {

struct Job {
  double arrive, start;
};

using Peaks = std::map<std::size_t, std::int64_t>;  // interval -> largest queue length

// The definition: every job is +1 at its arrival and -1 at its start; after each arrival, the
// queue is a candidate for its interval's peak; each interval the sweep passes into carries in
// the queue as it was.
Peaks direct_sweep(const std::vector<Job>& jobs, IntervalGrid& grid) {
  std::vector<std::pair<double, int>> events;
  for (const Job& j : jobs) {
    events.emplace_back(j.arrive, +1);
    events.emplace_back(j.start, -1);
  }
  std::sort(events.begin(), events.end());
  Peaks peaks;
  std::int64_t queue = 0;
  std::size_t interval = 0;
  for (const auto& [t, delta] : events) {
    for (const std::size_t here = grid.interval_of(t); interval < here; ++interval) {
      peaks[interval + 1] = std::max(peaks[interval + 1], queue);
    }
    queue += delta;
    if (delta > 0) peaks[interval] = std::max(peaks[interval], queue);
  }
  return peaks;
}

Peaks from_cells(const std::vector<Job>& jobs, IntervalGrid& grid) {
  QueueLengthPeaks queue;
  for (const Job& j : jobs) queue.add(j.arrive, j.start, grid);
  Peaks peaks;
  queue.sweep(grid, 1e18, [&](std::size_t interval, std::int64_t length) {
    peaks[interval] = std::max(peaks[interval], length);
  });
  return peaks;
}

// Batches on a server: each starts when the previous ends (or later), takes what arrived since,
// and reports its jobs in start order. Times on a coarse grid so that arrivals often coincide
// with starts and with interval bounds.
std::vector<Job> random_batches(std::mt19937_64& rng, int batches) {
  std::vector<Job> jobs;
  std::uniform_int_distribution<int> gap(0, 6), size(1, 5), wait(0, 12);
  double start = 0;
  for (int b = 0; b < batches; ++b) {
    start += 0.5 * gap(rng);
    for (int k = size(rng); k > 0; --k)
      jobs.push_back({std::max(0.0, start - 0.5 * wait(rng)), start});
  }
  return jobs;
}

TEST(QueueLengthPeaks, MatchesTheDirectSweepOnRandomBatches) {
  std::mt19937_64 rng(7);
  for (int run = 0; run < 200; ++run) {
    const std::vector<Job> jobs = random_batches(rng, 1 + run % 40);
    // Interval 2 ms, cut at a warm-up of 3.25 and a horizon of 11.5 ms.
    IntervalGrid for_sweep(2, {3.25, 11.5});
    IntervalGrid for_cells(2, {3.25, 11.5});
    ASSERT_EQ(from_cells(jobs, for_cells), direct_sweep(jobs, for_sweep)) << "run " << run;
  }
}

TEST(QueueLengthPeaks, AJobThatStartsOnArrivalNeverWaits) {
  IntervalGrid grid(10, {});
  // Two jobs queue from 1 and 2 and start at 5 with a third that arrives at 5.
  const Peaks peaks = from_cells({{1, 5}, {2, 5}, {5, 5}}, grid);
  EXPECT_EQ(peaks.at(0), 2);  // not 3: the third is counted after the start at 5
}

TEST(QueueLengthPeaks, AQueueCarriedIntoAnIntervalIsItsPeak) {
  IntervalGrid grid(10, {});
  // Three jobs wait from [1, 3] until 25: intervals 1 ([10, 20)) and 2 ([20, 30)) carry 3 in.
  const Peaks peaks = from_cells({{1, 25}, {2, 25}, {3, 25}}, grid);
  EXPECT_EQ(peaks.at(0), 3);
  EXPECT_EQ(peaks.at(1), 3);
  EXPECT_EQ(peaks.at(2), 3);
}

TEST(QueueLengthPeaks, RefusesJobsOutOfStartOrder) {
  IntervalGrid grid(10, {});
  QueueLengthPeaks queue;
  queue.add(0, 5, grid);
  EXPECT_THROW(queue.add(1, 4, grid), std::logic_error);
}

}  // namespace
}  // namespace dsdsi
