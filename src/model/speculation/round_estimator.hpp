#pragma once
// What an edge client has learned from its own verification rounds, for the adaptive policies
// (analytic_optimal, awc): the acceptance rate alpha and the wait from sending a window to its
// verdict, both smoothed so that old rounds fade.
//
// alpha from truncated windows. A window of g drafted tokens of which k were accepted is k
// Bernoulli successes followed by one failure when k < g (none when the whole window was
// accepted). The maximum-likelihood alpha of a set of such windows is successes / (successes +
// failures); we smooth the two counts rather than averaging per-window ratios (a ratio per
// window is biased: a fully accepted window of 1 token would count as alpha = 1). The pipelined
// protocol's extra guess position is not observed (RoundObservation.accepted counts window
// tokens only), so it never enters the estimate.
//
// wait = window sent -> verdict received = RTT + serialisation + queueing at the verifier +
// verification. That is exactly the "RTT + t_v" of the model's per-token time, with the queueing
// this client actually experiences included; it is assumed not to depend on gamma (true for a
// constant verify time; with a verify time that grows with the window, the estimate is the wait
// at the windows recently drafted).
//
// Smoothing. Each quantity is the running mean of its first 1/w observations, then an
// exponentially weighted moving average of weight w (the newest observation's weight is
// max(w, 1/n) for the n-th): no bias toward an arbitrary initial value, a full-sample mean while
// samples are few, and a memory of about 1/w observations afterwards.
//
// How sure. The smoothed counts are a weighted sample whose effective size is 1 / (sum of the
// squared normalised weights): n while the mean is plain, about (2 - w) / w rounds afterwards.
// With that many rounds of (successes + failures) trials each, the standard error of alpha_hat
// is sqrt(a (1 - a) / trials) (the inverse of the Fisher information of these truncated
// windows), with a = (successes + 1/2) / (trials + 1) so that it stays above 0 when every token
// so far was accepted.
#include <cstdint>

#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {

class RoundEstimator {
 public:
  explicit RoundEstimator(double ewma_weight);

  void observe(const RoundObservation& round);
  // Forget everything (the awc policy's probes measure afresh).
  void restart();

  // Rounds that carried acceptance information (a window of at least one token) since the start
  // or the last restart().
  std::int64_t rounds() const { return alpha_rounds_; }
  // Smoothed maximum-likelihood alpha; only meaningful once rounds() > 0.
  double alpha() const;
  // Its standard error; only meaningful once rounds() > 0.
  double alpha_standard_error() const;
  // Smoothed send -> verdict wait in ms; 0 before the first round.
  double wait_ms() const { return wait_ms_; }

 private:
  double weight(std::int64_t n) const;

  double ewma_weight_;
  std::int64_t alpha_rounds_ = 0;
  std::int64_t wait_rounds_ = 0;
  double successes_ = 0;        // smoothed accepted tokens per round
  double failures_ = 0;         // smoothed rejections per round (0 or 1 each)
  double squared_weights_ = 0;  // sum of the squared normalised weights of the rounds above
  double wait_ms_ = 0;
};

// docs/model.md's synchronous-DSD time per committed token with a window of `gamma`:
// (gamma t_de + wait) / E(alpha, gamma).
double sync_ms_per_token(double alpha, std::int64_t gamma, double t_de, double wait_ms);

// docs/model.md's pipelined-DSD time per committed token (depth 1): with p = alpha^(gamma+1),
// [p max((gamma+1) t_de, wait) + (1 - p) (gamma t_de + wait)] / E(alpha, gamma).
double pipelined_ms_per_token(double alpha, std::int64_t gamma, double t_de, double wait_ms);

// argmax over gamma in [gamma_min, gamma_max] of E(alpha, gamma) / (gamma t_de + wait); ties go
// to the smaller gamma.
std::int64_t best_sync_gamma(double alpha, double t_de, double wait_ms, std::int64_t gamma_min,
                             std::int64_t gamma_max);

}  // namespace dsdsi
