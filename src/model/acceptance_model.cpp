#include "dsdsi/model/acceptance_model.hpp"

#include "dsdsi/model/closed_form.hpp"

namespace dsdsi {

int BernoulliAcceptance::leading_accepted(RandomStream& stream, int positions) const {
  // One uniform per position (not an inverse-CDF shortcut) so that per-position acceptance
  // models added later draw the same way.
  int accepted = 0;
  while (accepted < positions && stream.uniform01() < alpha_) ++accepted;
  return accepted;
}

double BernoulliAcceptance::expected_tokens_per_round(int gamma) const {
  return closed_form::expected_tokens_per_round(alpha_, gamma);
}

std::unique_ptr<AcceptanceModel> make_acceptance_model(const AcceptanceParams& params) {
  switch (params.kind) {
    case AcceptanceKind::bernoulli:
      return std::make_unique<BernoulliAcceptance>(params.alpha);
  }
  return nullptr;  // unreachable: the enum is exhaustive and validated at load
}

}  // namespace dsdsi
