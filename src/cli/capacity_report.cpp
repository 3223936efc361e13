#include "dsdsi/cli/capacity_report.hpp"

#include <cstdio>
#include <limits>

namespace dsdsi::cli {
namespace {

using nlohmann::ordered_json;

const CapacityProbe* probe_with(const ModeOutcome& outcome, std::optional<std::int64_t> clients) {
  if (!clients) return nullptr;
  for (const auto& probe : outcome.probes) {
    if (probe.clients == *clients) return &probe;
  }
  return nullptr;
}

std::optional<std::int64_t> smallest_failing(const ModeOutcome& outcome) {
  std::optional<std::int64_t> smallest;
  for (const auto& probe : outcome.probes) {
    if (!probe.pass && (!smallest || probe.clients < *smallest)) smallest = probe.clients;
  }
  return smallest;
}

ordered_json metric_or_null(const nlohmann::json& summary, const std::string& key) {
  const auto it = summary.find(key);
  return it == summary.end() || !it->is_number() ? ordered_json(nullptr) : ordered_json(*it);
}

ordered_json probe_json(const CapacityProbe& probe, const std::vector<Slo>& slos) {
  ordered_json out;
  out["clients"] = probe.clients;
  out["pass"] = probe.pass;
  for (const auto& slo : slos) out[slo.metric] = metric_or_null(probe.summary, slo.metric);
  for (const char* key : kProbeFacts) {
    if (!out.contains(key)) out[key] = metric_or_null(probe.summary, key);
  }
  return out;
}

std::string printf_text(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

const char* to_string(RatioBound bound) {
  switch (bound) {
    case RatioBound::exact:
      return "exact";
    case RatioBound::lower:
      return "lower";
    case RatioBound::upper:
      return "upper";
    case RatioBound::unknown:
      return "unknown";
  }
  return "unknown";
}

CapacityRatio capacity_ratio(const ModeOutcome& numerator, const ModeOutcome& denominator) {
  CapacityRatio ratio{numerator.mode, denominator.mode, std::nullopt, RatioBound::unknown};
  if (!numerator.capacity || !denominator.capacity) return ratio;
  if (numerator.lower_bound && denominator.lower_bound) return ratio;
  ratio.value =
      static_cast<double>(*numerator.capacity) / static_cast<double>(*denominator.capacity);
  ratio.bound = numerator.lower_bound     ? RatioBound::lower
                : denominator.lower_bound ? RatioBound::upper
                                          : RatioBound::exact;
  return ratio;
}

std::optional<std::string> binding_slo(const ModeOutcome& outcome, const std::vector<Slo>& slos) {
  const CapacityProbe* failed = probe_with(outcome, smallest_failing(outcome));
  if (failed == nullptr) return std::nullopt;
  std::optional<std::string> worst;
  double worst_factor = 0;
  for (const auto& slo : slos) {
    if (meets(slo, failed->summary)) continue;
    const auto value = metric_or_null(failed->summary, slo.metric);
    const double factor = value.is_number() ? value.get<double>() / slo.max_value
                                            : std::numeric_limits<double>::infinity();
    if (!worst || factor > worst_factor) {
      worst = slo.metric;
      worst_factor = factor;
    }
  }
  return worst;
}

ordered_json capacity_results(const std::vector<ModeOutcome>& outcomes,
                              const std::vector<Slo>& slos, const CapacityRange& range) {
  ordered_json results;
  ordered_json slo_json = ordered_json::object();
  for (const auto& slo : slos) slo_json[slo.metric] = slo.max_value;
  results["slos"] = slo_json;
  results["min_clients"] = range.min_clients;
  results["max_clients"] = range.max_clients;
  ordered_json modes = ordered_json::array();
  for (const auto& outcome : outcomes) {
    ordered_json mode;
    mode["mode"] = outcome.mode;
    mode["capacity"] = outcome.capacity ? ordered_json(*outcome.capacity) : ordered_json(nullptr);
    mode["lower_bound"] = outcome.lower_bound;
    mode["below_min"] = !outcome.capacity.has_value();
    const auto binding = binding_slo(outcome, slos);
    mode["binding_slo"] = binding ? ordered_json(*binding) : ordered_json(nullptr);
    mode["queueing_warning"] =
        outcome.queueing_warning ? ordered_json(*outcome.queueing_warning) : ordered_json(nullptr);
    ordered_json probes = ordered_json::array();
    for (const auto& probe : outcome.probes) probes.push_back(probe_json(probe, slos));
    mode["probes"] = probes;
    modes.push_back(mode);
  }
  results["modes"] = modes;
  ordered_json ratios = ordered_json::array();
  for (std::size_t i = 1; i < outcomes.size(); ++i) {
    const CapacityRatio r = capacity_ratio(outcomes.front(), outcomes[i]);
    ratios.push_back({{"numerator", r.numerator},
                      {"denominator", r.denominator},
                      {"value", r.value ? ordered_json(*r.value) : ordered_json(nullptr)},
                      {"bound", to_string(r.bound)}});
  }
  results["ratios"] = ratios;
  return results;
}

std::string capacity_answer_text(const std::string& scenario,
                                 const std::vector<ModeOutcome>& outcomes,
                                 const std::vector<Slo>& slos, const CapacityRange& range) {
  std::string text = "capacity of " + scenario + " (clients " + std::to_string(range.min_clients) +
                     ".." + std::to_string(range.max_clients) + ") under";
  for (const auto& slo : slos) text += " " + slo.metric + printf_text(" <= %g ms", slo.max_value);
  text += ":\n";
  for (const auto& o : outcomes) {
    text += "  " + o.mode + std::string(o.mode.size() < 14 ? 14 - o.mode.size() : 0, ' ') + " ";
    const auto binding = binding_slo(o, slos);
    if (!o.capacity) {
      text += "none: " + std::to_string(range.min_clients) + " client(s) already miss " +
              binding.value_or("the SLO") + "\n";
    } else if (o.lower_bound) {
      text += ">= " + std::to_string(*o.capacity) +
              " clients (a lower bound: --max passed; raise --max to find the capacity)\n";
    } else {
      text += std::to_string(*o.capacity) + " clients (bound by " + binding.value_or("?") + ")\n";
    }
  }
  for (std::size_t i = 1; i < outcomes.size(); ++i) {
    const CapacityRatio r = capacity_ratio(outcomes.front(), outcomes[i]);
    text += "  " + r.numerator + " / " + r.denominator;
    switch (r.bound) {
      case RatioBound::exact:
        text += printf_text(" = %.3f\n", *r.value);
        break;
      case RatioBound::lower:
        text += printf_text(" >= %.3f", *r.value) + " (a lower bound: " + r.numerator +
                "'s capacity is one)\n";
        break;
      case RatioBound::upper:
        text += printf_text(" <= %.3f", *r.value) + " (an upper bound: " + r.denominator +
                "'s capacity is a lower bound)\n";
        break;
      case RatioBound::unknown:
        text += outcomes.front().capacity && outcomes[i].capacity
                    ? ": unknown (both capacities are lower bounds)\n"
                    : ": undefined (a mode has no capacity in the range)\n";
        break;
    }
  }
  return text;
}

}  // namespace dsdsi::cli
