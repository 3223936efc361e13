#include "round_estimator.hpp"

#include <algorithm>
#include <cmath>

#include "dsdsi/model/closed_form.hpp"

namespace dsdsi {

RoundEstimator::RoundEstimator(double ewma_weight) : ewma_weight_(ewma_weight) {}

double RoundEstimator::weight(std::int64_t n) const {
  return std::max(ewma_weight_, 1.0 / static_cast<double>(n));
}

void RoundEstimator::observe(const RoundObservation& round) {
  const double w_wait = weight(++wait_rounds_);
  wait_ms_ += w_wait * (round.wait_ms - wait_ms_);
  // An empty window (the last token of a request) says nothing about acceptance.
  if (round.gamma <= 0) return;
  const double w = weight(++alpha_rounds_);
  const double accepted = static_cast<double>(std::min(round.accepted, round.gamma));
  const double rejected = round.accepted < round.gamma ? 1.0 : 0.0;
  successes_ += w * (accepted - successes_);
  failures_ += w * (rejected - failures_);
  squared_weights_ = (1 - w) * (1 - w) * squared_weights_ + w * w;
}

void RoundEstimator::restart() { *this = RoundEstimator(ewma_weight_); }

double RoundEstimator::alpha() const {
  const double trials = successes_ + failures_;
  return trials > 0 ? successes_ / trials : 0.0;
}

double RoundEstimator::alpha_standard_error() const {
  if (alpha_rounds_ == 0) return 1.0;
  const double trials = (successes_ + failures_) / squared_weights_;
  const double a = (successes_ / squared_weights_ + 0.5) / (trials + 1);
  return std::sqrt(a * (1 - a) / trials);
}

double sync_ms_per_token(double alpha, std::int64_t gamma, double t_de, double wait_ms) {
  return (static_cast<double>(gamma) * t_de + wait_ms) /
         closed_form::expected_tokens_per_round(alpha, static_cast<int>(gamma));
}

double pipelined_ms_per_token(double alpha, std::int64_t gamma, double t_de, double wait_ms) {
  closed_form::Inputs in;
  in.alpha = alpha;
  in.gamma = static_cast<int>(gamma);
  in.t_de = t_de;
  in.rtt = wait_ms;  // the observed wait already holds RTT, t_v, ser and queueing
  return closed_form::tpot_dsd_pipelined(in);
}

std::int64_t best_sync_gamma(double alpha, double t_de, double wait_ms, std::int64_t gamma_min,
                             std::int64_t gamma_max) {
  std::int64_t best = gamma_min;
  double best_ms = sync_ms_per_token(alpha, gamma_min, t_de, wait_ms);
  for (std::int64_t g = gamma_min + 1; g <= gamma_max; ++g) {
    const double ms = sync_ms_per_token(alpha, g, t_de, wait_ms);
    if (ms < best_ms) {  // strictly better: ties stay with the smaller gamma
      best_ms = ms;
      best = g;
    }
  }
  return best;
}

}  // namespace dsdsi
