#pragma once
// How long one model step takes on its device. Kept behind an interface because the cost of a
// batched step depends on the batch (a later issue adds affine, table and roofline models);
// today every step is constant, the memory-bound regime.
#include <cstdint>
#include <memory>

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

}  // namespace dsdsi
