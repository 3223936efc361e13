#include "aimd_policy.hpp"

#include <algorithm>
#include <cmath>

namespace dsdsi {

AimdPolicy::AimdPolicy(std::int64_t configured_gamma, const PolicyParams& params)
    : gamma_(std::clamp(configured_gamma, params.gamma_min, params.gamma_max)),
      gamma_min_(params.gamma_min),
      gamma_max_(params.gamma_max),
      increase_(params.increase),
      decrease_factor_(params.decrease_factor) {}

std::int64_t AimdPolicy::next_gamma() { return gamma_; }

void AimdPolicy::observe_round(const RoundObservation& round) {
  const std::int64_t g = round.gamma;
  const std::int64_t k = round.accepted;
  if (g <= 0) return;  // an empty window (a request's last token): nothing to learn
  if (k >= g) {
    if (g >= gamma_) gamma_ = std::min(gamma_max_, gamma_ + increase_);
  } else if (2 * k < g) {
    const auto cut =
        static_cast<std::int64_t>(std::floor(static_cast<double>(gamma_) * decrease_factor_));
    gamma_ = std::max(gamma_min_, cut);
  }
}

}  // namespace dsdsi
