#include "dsdsi/model/round_logic.hpp"

#include <algorithm>

namespace dsdsi {

std::int64_t window_size(std::int64_t gamma, std::int64_t remaining) {
  return std::max<std::int64_t>(0, std::min(gamma, remaining - 1));
}

RoundOutcome resolve_round(std::int64_t window, std::int64_t leading, bool with_guess,
                           std::int64_t remaining) {
  RoundOutcome out;
  out.accepted = std::min(leading, window);
  out.committed = std::min(out.accepted + 1, remaining);
  out.bonus_guessed = with_guess && leading > window;
  return out;
}

std::int64_t tokens_to_predraft(std::int64_t gamma, std::int64_t window, std::int64_t remaining) {
  const std::int64_t after_hit = remaining - (window + 1);
  if (after_hit <= 0) return 0;
  return 1 + window_size(gamma, after_hit);
}

}  // namespace dsdsi
