// The registry of speculation policies: one line per policy.
#include "dsdsi/model/speculation_policy.hpp"

#include "speculation/aimd_policy.hpp"
#include "speculation/analytic_optimal_policy.hpp"
#include "speculation/awc_policy.hpp"
#include "speculation/fixed_policy.hpp"
#include "speculation/wait_quantile_policy.hpp"

namespace dsdsi {

std::unique_ptr<SpeculationPolicy> make_speculation_policy(const SpeculationParams& speculation,
                                                           const PolicyContext& context) {
  switch (speculation.policy.kind) {
    case PolicyKind::fixed:
      return std::make_unique<FixedPolicy>(speculation.gamma);
    case PolicyKind::analytic_optimal:
      return std::make_unique<AnalyticOptimalPolicy>(speculation.gamma, speculation.policy,
                                                     context);
    case PolicyKind::aimd:
      return std::make_unique<AimdPolicy>(speculation.gamma, speculation.policy);
    case PolicyKind::awc:
      return std::make_unique<AwcPolicy>(speculation.gamma, speculation.policy, context);
    case PolicyKind::wait_quantile:
      return std::make_unique<WaitQuantilePolicy>(speculation.gamma, speculation.policy, context);
  }
  return nullptr;  // unreachable: every PolicyKind is registered above
}

}  // namespace dsdsi
