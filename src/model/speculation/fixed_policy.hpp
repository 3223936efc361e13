#pragma once
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {

class FixedPolicy final : public SpeculationPolicy {
 public:
  explicit FixedPolicy(std::int64_t gamma);
  std::int64_t next_gamma() override;
  void observe_round(const RoundObservation& round) override;

 private:
  std::int64_t gamma_;
};

}  // namespace dsdsi
