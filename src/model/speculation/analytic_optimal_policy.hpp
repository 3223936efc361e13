#pragma once
#include "dsdsi/model/speculation_policy.hpp"
#include "round_estimator.hpp"

namespace dsdsi {

// `{"kind": "analytic_optimal", "gamma_min": 1, "gamma_max": 12}`: each window is docs/model.md's
// optimal window for synchronous DSD at this client's own estimates,
//   argmax over gamma in [gamma_min, gamma_max] of E(alpha_hat, gamma) / (gamma t_de + wait_hat)
// (ties to the smaller gamma), with alpha_hat and wait_hat from RoundEstimator (wait_hat is the
// "RTT + t_v" of the closed form, queueing included) and t_de the client's own draft step.
// Until warmup_rounds windows have been observed, it asks for speculation.gamma clamped to the
// range, so that the first windows are not chosen from one or two noisy rounds.
//
// In dsd_pipelined the same rule applies (it maximises the synchronous round's rate, a heuristic
// there); the pre-drafted window is sized before the verdict of the window in flight is seen.
class AnalyticOptimalPolicy final : public SpeculationPolicy {
 public:
  AnalyticOptimalPolicy(std::int64_t configured_gamma, const PolicyParams& params,
                        const PolicyContext& context);
  std::int64_t next_gamma() override;
  void observe_round(const RoundObservation& round) override;

 private:
  std::int64_t gamma_;  // the next window: the prior, then the argmax after each verdict
  std::int64_t gamma_min_;
  std::int64_t gamma_max_;
  std::int64_t warmup_rounds_;
  double t_de_;
  RoundEstimator estimate_;
};

}  // namespace dsdsi
