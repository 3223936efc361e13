#pragma once
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {

// `{"kind": "aimd", "gamma_min": 1, "gamma_max": 12, "increase": 1, "decrease_factor": 0.5}`:
// additive increase, multiplicative decrease, as TCP sizes its congestion window. It starts at
// speculation.gamma clamped to [gamma_min, gamma_max]; after each verdict on a window of g
// drafted tokens with k accepted:
//   - fully accepted (k = g) and g >= the current gamma: gamma += increase (at most gamma_max).
//     A fully accepted window shorter than the current gamma (cut at a request's end, or, in
//     dsd_pipelined, pre-drafted before the last increase) says nothing about the current size:
//     no change;
//   - rejected early, in the first half of the window (k < g / 2, i.e. 2k < g): gamma =
//     floor(gamma x decrease_factor), at least gamma_min (always at least 1 less while above
//     gamma_min, since decrease_factor < 1);
//   - rejected late (g / 2 <= k < g): no change, the window was about the right size.
// It uses no timing: it tracks acceptance only.
class AimdPolicy final : public SpeculationPolicy {
 public:
  AimdPolicy(std::int64_t configured_gamma, const PolicyParams& params);
  std::int64_t next_gamma() override;
  void observe_round(const RoundObservation& round) override;

 private:
  std::int64_t gamma_;
  std::int64_t gamma_min_;
  std::int64_t gamma_max_;
  std::int64_t increase_;
  double decrease_factor_;
};

}  // namespace dsdsi
