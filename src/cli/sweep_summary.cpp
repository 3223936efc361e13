#include "dsdsi/cli/sweep_summary.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "dsdsi/cli/sweep_output_dir.hpp"
#include "dsdsi/metrics/csv_line.hpp"
#include "dsdsi/metrics/repeat_stats.hpp"

namespace dsdsi::cli {
namespace {

struct Layout {
  std::vector<std::size_t> axes;     // column indexes of the axis values
  std::size_t repeat = 0;            // of `repeat`
  std::size_t status = 0;            // of `status`
  std::vector<std::size_t> metrics;  // every column after status but `error`
};

std::size_t index_of(const std::vector<std::string>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  throw std::invalid_argument("sweep.csv has no column \"" + name + "\"");
}

// sweep.csv's layout: point, <axes>, repeat, seed, status, <metrics>, error (sweep_table.hpp).
Layout layout_of(const std::vector<std::string>& columns) {
  Layout layout;
  layout.repeat = index_of(columns, "repeat");
  layout.status = index_of(columns, "status");
  for (std::size_t i = 1; i < layout.repeat; ++i) layout.axes.push_back(i);
  for (std::size_t i = layout.status + 1; i < columns.size(); ++i) {
    if (columns[i] != "error") layout.metrics.push_back(i);
  }
  return layout;
}

std::optional<double> parse_cell(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  std::size_t used = 0;
  double value = NAN;
  try {
    value = std::stod(cell, &used);
  } catch (const std::logic_error&) {
    return std::nullopt;
  }
  if (used != cell.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string stat_cell(const std::optional<double>& value) {
  return value ? nlohmann::json(*value).dump() : std::string();
}

struct Combination {
  std::vector<std::string> axis_cells;
  std::size_t failed = 0;
  std::vector<std::vector<std::string>> passed;  // the cells of each passed repeat, in order
};

}  // namespace

std::string sweep_summary_text(const std::vector<std::string>& columns,
                               const std::map<std::size_t, std::string>& rows,
                               std::int64_t repeats) {
  if (repeats < 1) throw std::invalid_argument("repeats must be >= 1");
  const Layout layout = layout_of(columns);
  const auto per_combination = static_cast<std::size_t>(repeats);

  std::map<std::size_t, Combination> combinations;  // ordered: combination order
  for (const auto& [index, line] : rows) {
    const std::string_view text(
        line.data(), line.empty() || line.back() != '\n' ? line.size() : line.size() - 1);
    std::vector<std::string> cells = split_csv_line(text);
    if (cells.size() != columns.size()) {
      throw std::invalid_argument("point " + std::to_string(index) + ": " +
                                  std::to_string(cells.size()) + " fields for " +
                                  std::to_string(columns.size()) + " columns");
    }
    if (cells[layout.repeat] != std::to_string(index % per_combination)) {
      throw std::invalid_argument("point " + std::to_string(index) + ": repeat " +
                                  cells[layout.repeat] + " does not fit " +
                                  std::to_string(repeats) + " repeats per combination");
    }
    Combination& c = combinations[index / per_combination];
    if (c.axis_cells.empty()) {
      for (const std::size_t a : layout.axes) c.axis_cells.push_back(cells[a]);
    }
    if (cells[layout.status] == "ok") {
      c.passed.push_back(std::move(cells));
    } else {
      ++c.failed;
    }
  }

  // A metric is summarised when every cell of it that is not empty holds a number (by_class
  // holds JSON objects).
  std::vector<std::size_t> metrics;
  for (const std::size_t m : layout.metrics) {
    bool numeric = true;
    for (const auto& [id, c] : combinations) {
      for (const auto& cells : c.passed)
        numeric = numeric && (cells[m].empty() || parse_cell(cells[m]));
    }
    if (numeric) metrics.push_back(m);
  }

  std::vector<std::string> header{"combination"};
  for (const std::size_t a : layout.axes) header.push_back(columns[a]);
  header.push_back("n");
  header.push_back("n_failed");
  for (const std::size_t m : metrics) {
    for (const char* stat : {"_mean", "_sd", "_ci95"}) header.push_back(columns[m] + stat);
  }
  std::string text = csv_line(header);
  for (const auto& [id, c] : combinations) {
    std::vector<std::string> cells{std::to_string(id)};
    cells.insert(cells.end(), c.axis_cells.begin(), c.axis_cells.end());
    cells.push_back(std::to_string(c.passed.size()));
    cells.push_back(std::to_string(c.failed));
    for (const std::size_t m : metrics) {
      std::vector<double> values;
      for (const auto& row : c.passed) {
        if (const auto v = parse_cell(row[m])) values.push_back(*v);
      }
      // Null in some passed repeats: undefined there, so no statistic stands for all of them.
      const RepeatStats stats =
          values.size() == c.passed.size() ? repeat_stats(values) : RepeatStats{};
      cells.push_back(stat_cell(stats.mean));
      cells.push_back(stat_cell(stats.sd));
      cells.push_back(stat_cell(stats.ci95));
    }
    text += csv_line(cells);
  }
  return text;
}

void write_sweep_summary(const std::filesystem::path& dir, const std::vector<std::string>& columns,
                         const std::map<std::size_t, std::string>& rows, std::int64_t repeats) {
  write_file_atomically(dir / kSweepSummaryFile, sweep_summary_text(columns, rows, repeats));
}

}  // namespace dsdsi::cli
