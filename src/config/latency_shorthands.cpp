#include "dsdsi/config/latency_shorthands.hpp"

namespace dsdsi {

void apply_latency_shorthands(Scenario& s) {
  s.cloud.verify = LatencySpec::constant_ms(s.cloud.verify_ms);
  s.cloud.ar_step = LatencySpec::constant_ms(s.cloud.ar_step_ms);
  s.cloud.draft = LatencySpec::constant_ms(s.cloud.draft_ms_per_token);
  s.cloud.prefill = LatencySpec::per_token(s.cloud.prefill_ms_per_token);
  s.edge.draft = LatencySpec::constant_ms(s.edge.draft_ms_per_token);
}

}  // namespace dsdsi
