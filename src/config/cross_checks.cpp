#include "dsdsi/config/cross_checks.hpp"

#include <string>

namespace dsdsi {

void check_cross_fields(const Scenario& s, ProblemList& problems) {
  // A request reserves its prompt plus its output tokens of KV cache; one that can never fit
  // would wait for admission forever.
  const std::int64_t need = s.workload.prompt_tokens + s.workload.output_tokens;
  if (s.cloud.kv_capacity_tokens != 0 && s.cloud.kv_capacity_tokens < need) {
    problems.add({"cloud", "kv_capacity_tokens"},
                 "must hold at least one request (prompt_tokens + output_tokens = " +
                     std::to_string(need) + " tokens), got " +
                     std::to_string(s.cloud.kv_capacity_tokens));
  }
}

}  // namespace dsdsi
