#include "dsdsi/config/acceptance_param.hpp"

#include <cmath>

#include "dsdsi/config/trace_files.hpp"

namespace dsdsi {

using nlohmann::json;

std::vector<NestedProblem> read_acceptance_records(const json& value, json& stored) {
  TraceFileContents trace = read_acceptance_trace(value.get<std::string>());
  std::vector<NestedProblem> problems;
  for (const auto& problem : trace.problems) problems.push_back({{}, problem});
  stored = {{"file", value}, {"records", std::move(trace.lines)}};
  return problems;
}

void store_acceptance_trace(Scenario& s, const json& stored) {
  AcceptanceParams& acceptance = s.speculation.acceptance;
  acceptance.file = stored.at("file").get<std::string>();
  acceptance.records.clear();
  for (const auto& line : stored.at("records")) {
    acceptance.records.push_back(*acceptance_record_of(line));
  }
}

void apply_acceptance_forms(Scenario& s, const json& resolved) {
  AcceptanceParams& acceptance = s.speculation.acceptance;
  if (acceptance.kind != AcceptanceKind::positional || !acceptance.alphas.empty()) return;
  const json& given = resolved.at("speculation").at("acceptance");
  if (!given.contains("alpha0") || !given.contains("decay")) return;
  for (std::size_t i = 0; i < kPositionalPositions; ++i) {
    acceptance.alphas.push_back(acceptance.alpha0 *
                                std::pow(acceptance.decay, static_cast<double>(i)));
  }
}

}  // namespace dsdsi
