#include "dsdsi/cli/sweep_table.hpp"

#include <stdexcept>

#include "dsdsi/metrics/csv_line.hpp"
#include "dsdsi/metrics/summary.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/model/closed_form_analysis.hpp"

namespace dsdsi::cli {
namespace {

using nlohmann::json;

// The summary's keys, asked of the code that writes summary.json, so the columns follow it.
std::vector<std::string> summary_metrics() {
  // Kept in a variable: a range-for does not extend the life of finish()'s temporary.
  const nlohmann::ordered_json empty_run = SummaryAccumulator{}.finish(0.0);
  std::vector<std::string> keys;
  for (const auto& [key, value] : empty_run.items()) keys.push_back(key);
  return keys;
}

std::string number_cell(const nlohmann::ordered_json& value) {
  if (value.is_null()) return "";
  if (value.is_number()) return value.dump();
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string optional_cell(std::optional<double> value) {
  return value ? json(*value).dump() : std::string();
}

// Error text in one line: a CSV reader meets no line break inside a cell.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

SweepTable::SweepTable(const SweepSpec& spec) : metrics_(summary_metrics()) {
  columns_.push_back("point");
  for (const auto& axis : spec.axes) columns_.push_back(axis.path);
  for (const char* name : {"repeat", "seed", "status"}) columns_.push_back(name);
  columns_.insert(columns_.end(), metrics_.begin(), metrics_.end());
  columns_.push_back("tpot_ms_closed_form");
  columns_.push_back("throughput_tokens_per_s_saturated_closed_form");
  columns_.push_back("error");
}

std::string SweepTable::header_line() const { return csv_line(columns_); }

std::string SweepTable::row_line(const PlannedPoint& planned, const nlohmann::ordered_json& summary,
                                 const std::string& error) const {
  const SweepPoint& point = planned.point;
  const Scenario& s = planned.scenario;
  std::vector<std::string> cells;
  cells.reserve(columns_.size());
  cells.push_back(point.id);
  for (const auto& value : point.axis_values) cells.push_back(axis_value_text(value));
  cells.push_back(std::to_string(point.repeat));
  cells.push_back(std::to_string(point.seed));
  cells.push_back(error.empty() ? "ok" : "failed");
  for (const auto& metric : metrics_) {
    const bool has = error.empty() && summary.is_object() && summary.contains(metric);
    cells.push_back(has ? number_cell(summary.at(metric)) : "");
  }
  if (!closed_form::not_applicable(s)) {
    const closed_form::Inputs in = closed_form::inputs_for(s);
    cells.push_back(json(closed_form::tpot(s.mode, in)).dump());
    cells.push_back(s.cloud.max_batch == 1
                        ? optional_cell(closed_form::saturated_throughput_tokens_per_s(s.mode, in))
                        : "");
  } else {
    cells.push_back("");
    cells.push_back("");
  }
  cells.push_back(one_line(error));
  return csv_line(cells);
}

SweepRow parse_sweep_row(std::string_view line, const std::vector<std::string>& header) {
  const std::vector<std::string> cells = split_csv_line(line);
  if (cells.size() != header.size()) {
    throw std::invalid_argument("has " + std::to_string(cells.size()) + " fields, the header " +
                                std::to_string(header.size()));
  }
  const std::string& id = cells.front();
  if (id.empty() || id.size() > 9 || id.find_first_not_of("0123456789") != std::string::npos) {
    throw std::invalid_argument("point id \"" + id + "\" is not a number");
  }
  SweepRow row;
  row.index = std::stoul(id);
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == "status") row.ok = cells[c] == "ok";
  }
  row.line = std::string(line) + '\n';
  return row;
}

}  // namespace dsdsi::cli
