#include "dsdsi/cli/slo.hpp"

#include <cmath>

#include "dsdsi/config/config_error.hpp"

namespace dsdsi::cli {

namespace {

const char* const kLatencies[] = {"ttft", "tpot", "e2e"};
const char* const kStats[] = {"mean", "p50", "p95", "p99"};

// "tpot_ms_p95" as summary.json spells it, or "tpot_p95_ms".
std::string summary_key(const std::string& name) {
  for (const char* latency : kLatencies) {
    for (const char* stat : kStats) {
      const std::string key = std::string(latency) + "_ms_" + stat;
      if (name == key || name == std::string(latency) + "_" + stat + "_ms") return key;
    }
  }
  return "";
}

}  // namespace

std::vector<Slo> parse_slos(const std::vector<std::string>& args) {
  std::vector<Slo> slos;
  std::vector<std::string> problems;
  for (const auto& arg : args) {
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const std::string key = summary_key(name);
    if (equals == std::string::npos || key.empty()) {
      problems.push_back("--slo " + arg +
                         ": expected METRIC=MS with METRIC one of ttft/tpot/e2e _ms_ "
                         "mean/p50/p95/p99, e.g. tpot_ms_p95=50");
      continue;
    }
    const std::string text = arg.substr(equals + 1);
    std::size_t used = 0;
    double value = NAN;
    try {
      value = std::stod(text, &used);
    } catch (const std::logic_error&) {
      used = 0;
    }
    if (used != text.size() || text.empty() || !(value > 0) || !std::isfinite(value)) {
      problems.push_back("--slo " + arg + ": the threshold must be a number of ms > 0, got \"" +
                         text + "\"");
      continue;
    }
    slos.push_back({key, value});
  }
  if (args.empty()) problems.push_back("--slo: give at least one, e.g. --slo tpot_ms_p95=50");
  if (!problems.empty()) throw ConfigError(problems);
  return slos;
}

bool meets(const Slo& slo, const nlohmann::json& summary) {
  const auto it = summary.find(slo.metric);
  return it != summary.end() && it->is_number() && it->get<double>() <= slo.max_value;
}

}  // namespace dsdsi::cli
