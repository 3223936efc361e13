#include "dsdsi/metrics/human_summary.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>

namespace dsdsi {

namespace {

constexpr const char* kNotAvailable = "n/a";

std::optional<double> summary_number(const nlohmann::ordered_json& summary, const char* key) {
  const auto it = summary.find(key);
  if (it == summary.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// fmt, not printf or iostreams: it ignores the locale unless asked, so the text does not change
// with LC_NUMERIC.
std::string fixed(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : kNotAvailable;
}

std::string count(const nlohmann::ordered_json& summary, const char* key) {
  const auto it = summary.find(key);
  if (it == summary.end() || !it->is_number()) return kNotAvailable;
  if (it->is_number_integer()) return fmt::format("{}", it->get<std::int64_t>());
  return fixed(it->get<double>(), 0);
}

std::string bytes(std::optional<double> value) {
  if (!value) return kNotAvailable;
  if (std::fabs(*value) < 1000.0) return fmt::format("{:.0f} B", *value);
  constexpr std::array<const char*, 5> kUnits = {"kB", "MB", "GB", "TB", "PB"};
  double scaled = *value / 1000.0;
  std::size_t unit = 0;
  // Compare after rounding to the printed decimal, so that 999,950 B shows as "1.0 MB", not
  // "1000.0 kB".
  while (std::fabs(std::round(scaled * 10.0)) >= 10000.0 && unit + 1 < kUnits.size()) {
    scaled /= 1000.0;
    ++unit;
  }
  return fmt::format("{:.1f} {}", scaled, kUnits[unit]);
}

void add_line(std::string& out, const char* label, const std::string& value) {
  fmt::format_to(std::back_inserter(out), "{:<16}{}\n", label, value);
}

void add_latency_row(std::string& out, const nlohmann::ordered_json& summary, const char* label,
                     const std::string& key) {
  fmt::format_to(std::back_inserter(out), "  {:<14}", label);
  for (const char* suffix : {"_mean", "_mean_ci95", "_p50", "_p90", "_p95", "_p99"}) {
    const auto value = summary_number(summary, (key + suffix).c_str());
    // The half-width: blank where the run has none (a made-up number would be worse). A space
    // before each cell keeps values wider than the column (hours in ms) apart.
    const bool ci = std::string(suffix) == "_mean_ci95";
    fmt::format_to(std::back_inserter(out), " {:>10}",
                   ci ? (value ? "+-" + fixed(value, 2) : std::string()) : fixed(value, 2));
  }
  out += '\n';
}

// Energy lines only for what the run measured (hosts with wattage).
void add_energy_lines(std::string& out, const nlohmann::ordered_json& summary) {
  for (const auto& [label, total, per_token] :
       {std::array<const char*, 3>{"edge energy", "edge_energy_j", "edge_j_per_token"},
        std::array<const char*, 3>{"edge radio", "edge_radio_energy_j", "edge_radio_j_per_token"},
        std::array<const char*, 3>{"edge total", "edge_device_energy_j", "edge_device_j_per_token"},
        std::array<const char*, 3>{"cloud energy", "cloud_energy_j", "cloud_j_per_token"}}) {
    const auto joules = summary_number(summary, total);
    if (!joules) continue;
    const auto per = summary_number(summary, per_token);
    add_line(out, label,
             fixed(joules, 1) + " J" + (per ? " (" + fixed(*per * 1e3, 2) + " mJ/token)" : ""));
  }
}

// One row per device class, when the run has several (one class is the run itself).
void add_classes(std::string& out, const nlohmann::ordered_json& summary) {
  const auto it = summary.find("by_class");
  if (it == summary.end() || !it->is_object() || it->size() < 2) return;
  fmt::format_to(std::back_inserter(out), "{:<16}{:>8}{:>11}{:>11}{:>13}{:>11}{:>13}\n",
                 "device class", "clients", "TPOT mean", "TPOT p95", "tokens/round", "RTT mean",
                 "mJ/token");
  for (const auto& [name, m] : it->items()) {
    const auto per_token = summary_number(m, "edge_j_per_token");
    fmt::format_to(std::back_inserter(out), "  {:<14}{:>8}{:>11}{:>11}{:>13}{:>11}{:>13}\n", name,
                   count(m, "clients"), fixed(summary_number(m, "tpot_ms_mean"), 2),
                   fixed(summary_number(m, "tpot_ms_p95"), 2),
                   fixed(summary_number(m, "tokens_per_round_mean"), 3),
                   fixed(summary_number(m, "rtt_ms_mean"), 1),
                   fixed(per_token ? std::optional(*per_token * 1e3) : std::nullopt, 2));
  }
}

// "x +- h unit", or "x unit" without a half-width.
std::string with_ci(const nlohmann::ordered_json& summary, const char* key, int decimals,
                    double scale, const char* unit) {
  const auto value = summary_number(summary, key);
  if (!value) return kNotAvailable;
  const auto ci = summary_number(summary, (std::string(key) + "_ci95").c_str());
  return fixed(*value * scale, decimals) + (ci ? " +- " + fixed(*ci * scale, decimals) : "") + unit;
}

}  // namespace

std::string format_human_summary(const nlohmann::ordered_json& summary) {
  std::string out;
  // The measurement window, when it is not the whole run.
  const auto start = summary_number(summary, "window_start_ms"),
             end = summary_number(summary, "window_end_ms"),
             makespan = summary_number(summary, "makespan_ms");
  if (start && end && makespan && (*start > 0 || *end != *makespan)) {
    add_line(out, "window",
             fmt::format("{:.3f} s to {:.3f} s (the run ended at {:.3f} s)", *start / 1e3,
                         *end / 1e3, *makespan / 1e3));
  }
  add_line(out, "requests", count(summary, "requests"));
  add_line(out, "output tokens", count(summary, "output_tokens"));
  add_line(out, "rounds", count(summary, "rounds"));
  add_line(out, "tokens/round", fixed(summary_number(summary, "tokens_per_round_mean"), 3));
  add_line(out, "acceptance", fixed(summary_number(summary, "acceptance_rate"), 3));
  fmt::format_to(std::back_inserter(out), "{:<16} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
                 "latency (ms)", "mean", "95% CI", "p50", "p90", "p95", "p99");
  add_latency_row(out, summary, "TTFT", "ttft_ms");
  add_latency_row(out, summary, "TPOT", "tpot_ms");
  add_latency_row(out, summary, "E2E", "e2e_ms");
  // Clients' RTTs, when they differ (a distribution, jitter, a platform file's routes).
  const auto rtt_p50 = summary_number(summary, "rtt_ms_p50"),
             rtt_p99 = summary_number(summary, "rtt_ms_p99");
  if (rtt_p50 && rtt_p99 && *rtt_p50 != *rtt_p99)
    add_latency_row(out, summary, "client RTT", "rtt_ms");
  add_line(out, "throughput", with_ci(summary, "throughput_tokens_per_s", 1, 1.0, " tokens/s"));
  add_line(out, "server busy", with_ci(summary, "server_busy_fraction", 1, 100.0, " %"));
  if (summary_number(summary, "slo_attainment")) {
    add_line(out, "SLO attained", with_ci(summary, "slo_attainment", 1, 100.0, " %"));
    add_line(out, "goodput",
             with_ci(summary, "goodput_requests_per_s", 2, 1.0, " requests/s") + ", " +
                 with_ci(summary, "goodput_tokens_per_s", 1, 1.0, " tokens/s"));
  }
  add_line(out, "WAN up / down",
           bytes(summary_number(summary, "wan_bytes_up")) + " / " +
               bytes(summary_number(summary, "wan_bytes_down")));
  add_energy_lines(out, summary);
  add_classes(out, summary);
  return out;
}

}  // namespace dsdsi
