#include "dsdsi/cli/capacity_queueing.hpp"

#include <cstdio>

namespace dsdsi::cli {
namespace {

std::optional<double> positive_ttft_p95(const CapacityProbe& probe) {
  const auto it = probe.summary.find("ttft_ms_p95");
  if (it == probe.summary.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  return value > 0 ? std::optional(value) : std::nullopt;
}

}  // namespace

bool slos_bound_queueing(const std::vector<Slo>& slos) {
  for (const auto& slo : slos) {
    if (slo.metric.rfind("ttft_", 0) == 0 || slo.metric.rfind("e2e_", 0) == 0) return true;
  }
  return false;
}

std::optional<std::string> queueing_warning(const ModeOutcome& outcome,
                                            const std::vector<Slo>& slos) {
  if (slos_bound_queueing(slos) || !outcome.capacity || outcome.probes.empty()) return std::nullopt;
  const CapacityProbe* reference = &outcome.probes.front();
  const CapacityProbe* at_capacity = nullptr;
  for (const auto& probe : outcome.probes) {
    if (probe.clients < reference->clients) reference = &probe;
    if (probe.clients == *outcome.capacity) at_capacity = &probe;
  }
  if (at_capacity == nullptr) return std::nullopt;
  const auto base = positive_ttft_p95(*reference);
  const auto loaded = positive_ttft_p95(*at_capacity);
  if (!base || !loaded || *loaded <= kQueueingGrowthLimit * *base) return std::nullopt;
  char text[512];
  std::snprintf(text, sizeof text,
                "%s: at its capacity (%lld clients) the p95 TTFT is %.1f ms, %.0fx its value at "
                "%lld client(s) (%.1f ms): requests queue for their first token, and no --slo "
                "bounds TTFT or E2E; add one (e.g. --slo ttft_ms_p95=...) for a capacity users "
                "would accept",
                outcome.mode.c_str(), static_cast<long long>(at_capacity->clients), *loaded,
                *loaded / *base, static_cast<long long>(reference->clients), *base);
  return std::string(text);
}

}  // namespace dsdsi::cli
