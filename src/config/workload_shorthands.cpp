#include "dsdsi/config/workload_shorthands.hpp"

#include <algorithm>

#include "dsdsi/config/distribution_param.hpp"

namespace dsdsi {
namespace {

bool given(const nlohmann::json& resolved, const char* section, const char* key) {
  const auto found = resolved.find(section);
  return found != resolved.end() && found->is_object() && found->contains(key);
}

}  // namespace

void apply_workload_shorthands(Scenario& s, const nlohmann::json& resolved) {
  WorkloadParams& w = s.workload;
  if (!given(resolved, "workload", "arrival")) {
    w.arrival = ArrivalParams{};
    w.arrival.kind = ArrivalKind::closed_loop;
    w.arrival.think_ms = DistributionSpec::fixed_at(w.think_ms);
  }
  if (w.arrival.kind == ArrivalKind::trace) {
    w.prompt = DistributionSpec{};
    w.prompt.kind = DistKind::list;
    w.output = w.prompt;
    for (const auto& request : w.arrival.requests) {
      w.prompt.values.push_back(static_cast<double>(request.prompt_tokens));
      w.output.values.push_back(static_cast<double>(request.output_tokens));
    }
  }
  w.prompt_tokens = largest_token_count(w.prompt).value_or(0);
  w.output_tokens = largest_token_count(w.output).value_or(0);
}

}  // namespace dsdsi
