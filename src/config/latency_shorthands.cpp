#include "dsdsi/config/latency_shorthands.hpp"

namespace dsdsi {
namespace {

bool given_as_model(const nlohmann::json& resolved, const char* section, const char* key) {
  const auto found = resolved.find(section);
  return found != resolved.end() && found->is_object() && found->contains(key);
}

}  // namespace

void apply_latency_shorthands(Scenario& s, const nlohmann::json& resolved) {
  if (!given_as_model(resolved, "cloud", "verify")) {
    s.cloud.verify = LatencySpec::constant_ms(s.cloud.verify_ms);
  }
  if (!given_as_model(resolved, "cloud", "ar_step")) {
    s.cloud.ar_step = LatencySpec::constant_ms(s.cloud.ar_step_ms);
  }
  if (!given_as_model(resolved, "cloud", "draft")) {
    s.cloud.draft = LatencySpec::constant_ms(s.cloud.draft_ms_per_token);
  }
  if (!given_as_model(resolved, "cloud", "prefill")) {
    s.cloud.prefill = LatencySpec::per_token(s.cloud.prefill_ms_per_token);
  }
  if (!given_as_model(resolved, "edge", "draft")) {
    s.edge.draft = LatencySpec::constant_ms(s.edge.draft_ms_per_token);
  }
}

}  // namespace dsdsi
