#pragma once
#include <cstdint>
#include <deque>

#include "dsdsi/model/speculation_policy.hpp"
#include "round_estimator.hpp"

namespace dsdsi {

// The q-quantile of a client's recent send-to-verdict waits: the nearest-rank quantile of the
// last `window` observations, i.e. with the n kept waits sorted ascending w_1 <= ... <= w_n, the
// wait w_r of rank r = ceil(q n) (at least 1; a product q n within 1e-9 of an integer counts as
// that integer, so that 0.2 x 5 is rank 1 whatever its binary rounding).
class WaitQuantile {
 public:
  WaitQuantile(double quantile, std::int64_t window);
  void observe(double wait_ms);
  std::int64_t size() const { return static_cast<std::int64_t>(waits_.size()); }
  // Only meaningful once size() > 0.
  double value() const;

 private:
  double quantile_;
  std::size_t window_;
  std::deque<double> waits_;  // oldest first
};

// `{"kind": "wait_quantile", "quantile": 0.9, "window_rounds": 20}`: analytic_optimal's rule
// planned for a bad round trip rather than an average one. Each window is
//   argmax over gamma in [gamma_min, gamma_max] of E(alpha_hat, gamma) / (gamma t_de + W_q)
// (ties to the smaller gamma), with alpha_hat from RoundEstimator and W_q the q-quantile of the
// waits of the last window_rounds rounds (WaitQuantile).
//
// Why. On a steady channel every round trip costs its mean and analytic_optimal's window is the
// best. On a channel whose round trip varies (a cellular link whose throughput and RTT swing
// within seconds), a round's time per token is (gamma t_de + W) / E: the wait W enters divided
// by E(alpha, gamma), so a longer window makes each token less sensitive to the round trip it
// happens to get. Planning for W_q rather than the mean picks that longer window when the
// recent waits spread out, and the same window as analytic_optimal when they do not (all waits
// equal: W_q is the mean). A short sliding window (20 rounds: one or two seconds of decoding)
// follows the channel's present state, where an EWMA of 50-100 rounds would still average the
// last several seconds; the quantile ignores the few slowest rounds above it, so one stalled
// round does not move the window.
//
// Until warmup_rounds windows have been observed it asks for speculation.gamma. In dsd_pipelined
// it applies the same rule (a heuristic there, as for analytic_optimal).
//
// The fallback (`edge.resilience.on_failure: local`, with timeout_factor f): the device gives up
// on a verdict f x W_q after sending its window, instead of after a fixed timeout. W_q is the
// recent round trips' quantile, so a device on a steady link falls back as soon as a round is
// clearly abnormal, and one on a swinging link tolerates its usual swings. Only rounds whose
// verdict came are observed, so W_q describes the link when it works.
class WaitQuantilePolicy final : public SpeculationPolicy {
 public:
  WaitQuantilePolicy(std::int64_t configured_gamma, const PolicyParams& params,
                     const PolicyContext& context);
  std::int64_t next_gamma() override { return gamma_; }
  void observe_round(const RoundObservation& round) override;
  // timeout_factor x W_q once a round has been seen (with timeout_factor given).
  std::optional<double> verdict_timeout_ms() const override;

 private:
  std::int64_t gamma_;
  std::int64_t gamma_min_;
  std::int64_t gamma_max_;
  std::int64_t warmup_rounds_;
  double t_de_;
  RoundEstimator estimate_;  // alpha_hat (its smoothed wait is not used)
  WaitQuantile wait_;
  double timeout_factor_;
};

}  // namespace dsdsi
