#include "dsdsi/config/workload_shorthands.hpp"

namespace dsdsi {

void apply_workload_shorthands(Scenario& s) {
  s.workload.prompt = DistributionSpec::fixed_at(static_cast<double>(s.workload.prompt_tokens));
  s.workload.output = DistributionSpec::fixed_at(static_cast<double>(s.workload.output_tokens));
  s.workload.arrival.kind = ArrivalKind::closed_loop;
  s.workload.arrival.think_ms = DistributionSpec::fixed_at(s.workload.think_ms);
}

}  // namespace dsdsi
