// The start kinds of a closed loop and their parameters.
#include "dsdsi/config/start_param.hpp"

#include "dsdsi/config/limits.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, StartKind>> kStartKinds = {
    {"together", StartKind::together},
    {"ramp", StartKind::ramp},
    {"stationary", StartKind::stationary},
};

ParamKind together_kind() {
  return {"together",
          "Every client submits its first request at time 0 (lock-step start: a burst of "
          "`workload.clients` requests at once).",
          {{"kind", "together"}},
          {},
          nullptr};
}

ParamKind ramp_kind() {
  return {"ramp",
          "Client c (from 0) submits its first request at c x `over_ms` / `workload.clients`: "
          "evenly spaced over [0, `over_ms`), deterministic.",
          {{"kind", "ramp"}, {"over_ms", 10000}},
          {Param::number("over_ms", "ms", "Length of the ramp.").required().above(0).at_most(limits::kMaxMs).not_stored()},
          nullptr};
}

ParamKind stationary_kind() {
  return {"stationary",
          "Each client first waits a draw of the think time's equilibrium (residual) "
          "distribution, density (1 - F(x)) / E[think], so the clients' first submissions are "
          "spread as if the loop had been running for ever (docs/workloads.md gives the draw "
          "per distribution). With a think time of 0 it is `together`.",
          {{"kind", "stationary"}},
          {},
          nullptr};
}

}  // namespace

std::shared_ptr<const KindFamily> start_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "start kind",
      "When each closed-loop client submits its first request: an object `{\"kind\": ...}` with "
      "one of the kinds below. Absent: `stationary` with more than one client, `together` with "
      "one (so a single client starts at time 0, as the closed forms assume). Only for a "
      "`closed_loop` `workload.arrival` (open-loop arrivals say when every request comes). "
      "[docs/workloads.md](workloads.md) explains each.",
      "",
      "",
      {together_kind(), ramp_kind(), stationary_kind()}});
  return family;
}

Param start_param(std::string path, std::string meaning) {
  return Param::kinded(std::move(path), "", std::move(meaning), start_family()).optional();
}

StartParams start_params_of(const json& stored) {
  StartParams start;
  const auto& name = stored.at("kind").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kStartKinds) {
    if (candidate == name) start.kind = kind;
  }
  if (start.kind == StartKind::ramp) start.over_ms = stored.at("over_ms").get<double>();
  return start;
}

}  // namespace dsdsi
