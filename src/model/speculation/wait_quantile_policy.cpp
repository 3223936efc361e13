#include "wait_quantile_policy.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace dsdsi {

WaitQuantile::WaitQuantile(double quantile, std::int64_t window)
    : quantile_(quantile), window_(static_cast<std::size_t>(window)) {}

void WaitQuantile::observe(double wait_ms) {
  waits_.push_back(wait_ms);
  if (waits_.size() > window_) waits_.pop_front();
}

double WaitQuantile::value() const {
  std::vector<double> sorted(waits_.begin(), waits_.end());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(quantile_ * n - 1e-9)));
  return sorted[std::min(rank, sorted.size()) - 1];
}

WaitQuantilePolicy::WaitQuantilePolicy(std::int64_t configured_gamma, const PolicyParams& params,
                                       const PolicyContext& context)
    : gamma_(std::clamp(configured_gamma, params.gamma_min, params.gamma_max)),
      gamma_min_(params.gamma_min),
      gamma_max_(params.gamma_max),
      warmup_rounds_(params.warmup_rounds),
      t_de_(context.draft_ms_per_token),
      estimate_(params.ewma_weight),
      wait_(params.quantile, params.window_rounds),
      timeout_factor_(params.timeout_factor) {}

std::optional<double> WaitQuantilePolicy::verdict_timeout_ms() const {
  if (!(timeout_factor_ > 0) || wait_.size() == 0) return std::nullopt;
  return timeout_factor_ * wait_.value();
}

void WaitQuantilePolicy::observe_round(const RoundObservation& round) {
  estimate_.observe(round);
  wait_.observe(round.wait_ms);  // every round trip, the empty window at a request's end too
  if (estimate_.rounds() < warmup_rounds_) return;
  gamma_ = best_sync_gamma(estimate_.alpha(), t_de_, wait_.value(), gamma_min_, gamma_max_);
}

}  // namespace dsdsi
