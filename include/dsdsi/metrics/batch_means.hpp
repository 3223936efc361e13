#pragma once
// Confidence intervals by the method of batch means over time (docs/measurement.md): the window
// is cut into kTimeBatches equal, non-overlapping time batches; a metric's value in each batch
// (the mean of the requests submitted in it, or a rate over its span) is one observation, and
// the 95% half-width is t(0.975, K - 1) x sd(batch values) / sqrt(K). Batches long compared with
// the system's correlation time are close to independent; that is what the rules below demand
// before giving a number: every batch holds at least kMinRequestsPerBatch requests, and the
// metric is defined in every batch. Otherwise the half-width is absent (null), never guessed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace dsdsi {

constexpr std::size_t kTimeBatches = 20;
constexpr std::int64_t kMinRequestsPerBatch = 10;

// The 95% half-width from batch values; none with fewer than 2 values or any value missing.
std::optional<double> ci95_half_width(const std::vector<std::optional<double>>& batch_values);

// The time batches of a window [start, end): which batch a time falls in.
class TimeBatches {
 public:
  TimeBatches(double start_ms, double end_ms) : start_(start_ms), end_(end_ms) {}
  // The batch of time t, or none outside [start, end).
  std::optional<std::size_t> of(double t_ms) const;
  double batch_ms() const { return (end_ - start_) / static_cast<double>(kTimeBatches); }
  double start_of(std::size_t b) const { return start_ + static_cast<double>(b) * batch_ms(); }

 private:
  double start_, end_;
};

}  // namespace dsdsi
