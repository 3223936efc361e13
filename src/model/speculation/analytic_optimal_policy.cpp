#include "analytic_optimal_policy.hpp"

#include <algorithm>

namespace dsdsi {

AnalyticOptimalPolicy::AnalyticOptimalPolicy(std::int64_t configured_gamma,
                                             const PolicyParams& params,
                                             const PolicyContext& context)
    : gamma_(std::clamp(configured_gamma, params.gamma_min, params.gamma_max)),
      gamma_min_(params.gamma_min),
      gamma_max_(params.gamma_max),
      warmup_rounds_(params.warmup_rounds),
      t_de_(context.draft_ms_per_token),
      estimate_(params.ewma_weight) {}

std::int64_t AnalyticOptimalPolicy::next_gamma() { return gamma_; }

void AnalyticOptimalPolicy::observe_round(const RoundObservation& round) {
  estimate_.observe(round);
  if (estimate_.rounds() < warmup_rounds_) return;
  gamma_ = best_sync_gamma(estimate_.alpha(), t_de_, estimate_.wait_ms(), gamma_min_, gamma_max_);
}

}  // namespace dsdsi
