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

const std::int64_t kDefaultRequestsPerClient = 10;

void apply_workload_shorthands(Scenario& s, nlohmann::json& resolved) {
  WorkloadParams& w = s.workload;
  if (!given(resolved, "workload", "arrival")) {
    w.arrival = ArrivalParams{};
    w.arrival.kind = ArrivalKind::closed_loop;
    w.arrival.think_ms = DistributionSpec::fixed_at(w.think_ms);
  }
  // Without a count, 10 requests each; with a horizon, as many as come before it (0).
  // The resolved document records these defaults as they ran.
  if (!given(resolved, "workload", "requests_per_client") && s.measure.horizon_ms == 0 &&
      w.arrival.kind != ArrivalKind::trace) {
    w.requests_per_client = kDefaultRequestsPerClient;
    resolved["workload"]["requests_per_client"] = kDefaultRequestsPerClient;
  }
  // Several clients of a closed loop start spread out unless told otherwise; one client starts
  // at time 0 (the closed forms' single client).
  if (!given(resolved, "workload", "start") && w.arrival.kind == ArrivalKind::closed_loop) {
    w.start = StartParams{};
    w.start.kind = w.clients > 1 ? StartKind::stationary : StartKind::together;
    resolved["workload"]["start"] = {{"kind", w.clients > 1 ? "stationary" : "together"}};
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
