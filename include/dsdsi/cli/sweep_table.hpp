#pragma once
// The rows of sweep.csv: one per point, with
//   point, <axis paths...>, repeat, seed, status, <summary metrics...>,
//   tpot_ms_closed_form, throughput_tokens_per_s_saturated_closed_form, error
// `status` is "ok" or "failed"; `error` is the first error line of a failed point. Metrics are
// summary.json's keys in its order, numbers in their shortest exact form, null as an empty
// cell. The closed-form cells are docs/model.md's predictions for the point's parameters: the
// one-client per-token time (all modes) and the saturated serial server's throughput (only with
// max_batch 1; not edge_ar); empty on a platform file, whose RTTs differ per client.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dsdsi/config/sweep_plan.hpp"

namespace dsdsi::cli {

class SweepTable {
 public:
  explicit SweepTable(const SweepSpec& spec);

  const std::vector<std::string>& columns() const { return columns_; }
  std::string header_line() const;  // with '\n'

  // The row of a point that ran (summary: its summary.json) or failed (summary null, error set).
  std::string row_line(const PlannedPoint& planned, const nlohmann::ordered_json& summary,
                       const std::string& error) const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::string> metrics_;
};

// What the sweep needs to know about a row read back from a sweep.csv.
struct SweepRow {
  std::size_t index = 0;  // the point's index (its id, as a number)
  bool ok = false;        // status "ok"
  std::string line;       // the line, with '\n'
};

// Parses a line (without '\n') of a sweep.csv with the given header. Throws
// std::invalid_argument when it is not a well-formed row.
SweepRow parse_sweep_row(std::string_view line, const std::vector<std::string>& header);

}  // namespace dsdsi::cli
