#pragma once
// How long one model step takes on its device, as a function of the step's shape. Kept behind an
// interface because the cost of a batched step depends on the batch: a decode step is
// memory-bound (about constant) at small batches and compute-bound (about linear in batched
// tokens) at large ones. The kinds mirror LatencySpec (config/scenario.hpp).
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

struct StepShape {
  std::int64_t requests = 1;  // requests in the batch
  std::int64_t tokens = 1;    // token positions processed for all of them together
};

class LatencyModel {
 public:
  virtual ~LatencyModel() = default;
  virtual double step_ms(const StepShape& shape) const = 0;
};

class ConstantLatency final : public LatencyModel {
 public:
  explicit ConstantLatency(double ms) : ms_(ms) {}
  double step_ms(const StepShape&) const override { return ms_; }

 private:
  double ms_;
};

// base_ms + per_token_ms x batched tokens.
class AffineLatency final : public LatencyModel {
 public:
  AffineLatency(double base_ms, double per_token_ms) : base_(base_ms), per_token_(per_token_ms) {}
  double step_ms(const StepShape& shape) const override {
    return base_ + per_token_ * static_cast<double>(shape.tokens);
  }

 private:
  double base_;
  double per_token_;
};

// Measured (batched_tokens, ms) points, linearly interpolated. Outside the table the end
// segments are extended; the scenario loader refuses a table that does not cover the batches a
// scenario can form unless the scenario says `extrapolate`.
class TableLatency final : public LatencyModel {
 public:
  explicit TableLatency(std::vector<std::pair<double, double>> points);
  double step_ms(const StepShape& shape) const override;

 private:
  std::vector<std::pair<double, double>> points_;  // ascending in batched tokens, >= 2 points
};

// A roofline: a step streams all weights from memory once and does 2 x params flops per token;
// it takes the longer of the two, plus a fixed overhead (kernel launches, sampling).
class RooflineLatency final : public LatencyModel {
 public:
  explicit RooflineLatency(const LatencySpec& spec);
  double step_ms(const StepShape& shape) const override;

 private:
  double memory_ms_;  // weight bytes / bandwidth
  double compute_ms_per_token_;
  double overhead_ms_;
};

std::unique_ptr<LatencyModel> make_latency_model(const LatencySpec& spec);

// Step time of the model for one request processing `tokens` positions: what the closed forms
// call t_v, t_ar, t_d.
double unbatched_step_ms(const LatencySpec& spec, std::int64_t tokens);

}  // namespace dsdsi
