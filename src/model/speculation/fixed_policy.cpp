// `{"kind": "fixed"}`: every window asks for speculation.gamma tokens (the default).
#include "fixed_policy.hpp"

namespace dsdsi {

FixedPolicy::FixedPolicy(std::int64_t gamma) : gamma_(gamma) {}

std::int64_t FixedPolicy::next_gamma() { return gamma_; }

void FixedPolicy::observe_round(const RoundObservation& /*round*/) {}

}  // namespace dsdsi
