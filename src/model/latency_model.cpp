#include "dsdsi/model/latency_model.hpp"

#include <algorithm>

namespace dsdsi {

TableLatency::TableLatency(std::vector<std::pair<double, double>> points)
    : points_(std::move(points)) {}

double TableLatency::step_ms(const StepShape& shape) const {
  const auto x = static_cast<double>(shape.tokens);
  if (points_.size() == 1) return points_.front().second;
  // The segment containing x, or the first / last segment when x lies outside the table.
  auto upper = std::upper_bound(points_.begin(), points_.end(), x,
                                [](double v, const auto& p) { return v < p.first; });
  if (upper == points_.begin()) ++upper;
  if (upper == points_.end()) --upper;
  const auto lower = upper - 1;
  const double t = (x - lower->first) / (upper->first - lower->first);
  return lower->second + t * (upper->second - lower->second);
}

RooflineLatency::RooflineLatency(const LatencySpec& spec)
    : memory_ms_(spec.params_billion * 1e9 * spec.bytes_per_param / (spec.mem_bw_gbps * 1e9) * 1e3),
      compute_ms_per_token_(2 * spec.params_billion * 1e9 / (spec.peak_tflops * 1e12) * 1e3),
      overhead_ms_(spec.overhead_ms) {}

double RooflineLatency::step_ms(const StepShape& shape) const {
  return std::max(memory_ms_, compute_ms_per_token_ * static_cast<double>(shape.tokens)) +
         overhead_ms_;
}

std::unique_ptr<LatencyModel> make_latency_model(const LatencySpec& spec) {
  switch (spec.kind) {
    case LatencyKind::constant:
      return std::make_unique<ConstantLatency>(spec.ms);
    case LatencyKind::affine:
      return std::make_unique<AffineLatency>(spec.base_ms, spec.per_token_ms);
    case LatencyKind::table:
      return std::make_unique<TableLatency>(spec.points);
    case LatencyKind::roofline:
      return std::make_unique<RooflineLatency>(spec);
  }
  return nullptr;  // unreachable: the enum is exhaustive and validated at load
}

double unbatched_step_ms(const LatencySpec& spec, std::int64_t tokens) {
  return make_latency_model(spec)->step_ms({1, tokens});
}

}  // namespace dsdsi
