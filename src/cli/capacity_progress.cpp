#include "dsdsi/cli/capacity_progress.hpp"

#include <algorithm>
#include <cstdio>

namespace dsdsi::cli {
namespace {

std::string seconds_text(double s) {
  char text[32];
  if (s < 100) {
    std::snprintf(text, sizeof text, "%.1f s", s);
  } else {
    const long whole = static_cast<long>(s + 0.5);
    std::snprintf(text, sizeof text, "%ldm%02lds", whole / 60, whole % 60);
  }
  return text;
}

}  // namespace

std::string slo_verdict_detail(const std::vector<Slo>& slos, const nlohmann::json& summary) {
  std::string detail;
  for (const auto& slo : slos) {
    if (meets(slo, summary)) continue;
    if (!detail.empty()) detail += ", ";
    const auto it = summary.find(slo.metric);
    char text[160];
    if (it == summary.end() || !it->is_number()) {
      std::snprintf(text, sizeof text, "%s null", slo.metric.c_str());
    } else {
      std::snprintf(text, sizeof text, "%s %.4g > %g", slo.metric.c_str(), it->get<double>(),
                    slo.max_value);
    }
    detail += text;
  }
  return detail;
}

std::optional<double> capacity_eta_s(std::size_t probes_done, double probe_s_total,
                                     std::int64_t probes_left, std::size_t parallel) {
  if (probes_done == 0) return std::nullopt;
  const double mean = probe_s_total / static_cast<double>(probes_done);
  return mean * static_cast<double>(probes_left) /
         static_cast<double>(std::max<std::size_t>(parallel, 1));
}

std::string capacity_progress_line(const ProbeProgress& p) {
  std::string line = "capacity: probe " + std::to_string(p.number) + ": " + p.mode + ", " +
                     std::to_string(p.clients) + (p.clients == 1 ? " client: " : " clients: ") +
                     (p.pass ? "pass" : "fail");
  if (!p.pass && !p.verdict_detail.empty()) line += " (" + p.verdict_detail + ")";
  line += " in " + seconds_text(p.probe_s) + "; elapsed " + seconds_text(p.elapsed_s);
  if (p.probes_left == 0) {
    line += ", search done";
  } else {
    line += ", at most " + std::to_string(p.probes_left) + " probe" +
            (p.probes_left == 1 ? "" : "s") + " left";
    if (p.eta_s) line += ", ETA ~" + seconds_text(*p.eta_s);
  }
  return line + "\n";
}

}  // namespace dsdsi::cli
