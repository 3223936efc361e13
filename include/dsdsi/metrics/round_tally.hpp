#pragma once
// The summary's sums over the rounds and batches of the measurement window, in total and, when
// the window's end is known as the run goes (a horizon), per time batch of the batch-means
// method (batch_means.hpp): O(batches) memory however many rounds the run has.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "dsdsi/metrics/batch_means.hpp"
#include "dsdsi/metrics/measure_window.hpp"
#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

struct RoundSums {
  std::int64_t rounds = 0;
  std::int64_t drafted = 0;
  std::int64_t accepted = 0;
  std::int64_t committed = 0;
  std::int64_t batches = 0;
  std::int64_t batch_jobs = 0;
  double busy_ms = 0;  // clipped to the window (to the time batch, per batch)
};

class RoundTally {
 public:
  explicit RoundTally(MeasureWindow window);
  // Decode rounds only (a prefill commits nothing and is not a round).
  void on_round(const RoundRecord& record);
  void on_batch(const BatchRecord& record);

  const RoundSums& total() const { return total_; }
  // Per time batch of [warmup, horizon); none without a horizon.
  const std::optional<std::array<RoundSums, kTimeBatches>>& by_batch() const { return by_batch_; }

 private:
  MeasureWindow window_;
  std::optional<TimeBatches> batches_;
  RoundSums total_;
  std::optional<std::array<RoundSums, kTimeBatches>> by_batch_;
};

}  // namespace dsdsi
