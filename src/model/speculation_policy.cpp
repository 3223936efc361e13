// The registry of speculation policies: one line per policy.
#include "dsdsi/model/speculation_policy.hpp"

#include "speculation/fixed_policy.hpp"

namespace dsdsi {

std::unique_ptr<SpeculationPolicy> make_speculation_policy(const SpeculationParams& speculation,
                                                           const PolicyContext& /*context*/) {
  switch (speculation.policy.kind) {
    case PolicyKind::fixed:
      return std::make_unique<FixedPolicy>(speculation.gamma);
    case PolicyKind::analytic_optimal:
    case PolicyKind::aimd:
    case PolicyKind::awc:
      break;
  }
  return nullptr;  // unreachable once every policy is registered (validated at load)
}

}  // namespace dsdsi
