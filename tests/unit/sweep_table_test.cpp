// The rows of sweep.csv: columns in order, null metrics as empty cells, the closed-form cells,
// failed rows, and reading a row back.
#include "dsdsi/cli/sweep_table.hpp"

#include <gtest/gtest.h>

#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/metrics/csv_line.hpp"
#include "dsdsi/model/closed_form.hpp"

namespace dsdsi::cli {
namespace {

using nlohmann::json;

struct Fixture {
  SweepSpec spec;
  std::vector<SweepPoint> points;
};

Fixture cloud_ar_and_sync() {
  ProblemList problems("s.json");
  Fixture f;
  f.spec =
      read_sweep_block(json::parse(R"({"grid": {"mode": ["cloud_ar", "dsd_sync"]}})"), problems);
  f.points = expand_sweep(f.spec, 1, "s.json", problems);
  return f;
}

PlannedPoint planned(const SweepPoint& point) {
  const auto loaded = load_scenario_json(json{{"schema_version", 1}}, "s.json", point.overrides,
                                         std::filesystem::path());
  return {point, loaded.scenario};
}

std::map<std::string, std::string> cells(const SweepTable& table, const std::string& line) {
  const auto fields = split_csv_line(line.substr(0, line.size() - 1));
  std::map<std::string, std::string> row;
  for (std::size_t i = 0; i < fields.size(); ++i) row[table.columns().at(i)] = fields[i];
  return row;
}

TEST(SweepTable, ColumnsInOrder) {
  const SweepTable table(cloud_ar_and_sync().spec);
  const auto& c = table.columns();
  ASSERT_GE(c.size(), 8u);
  EXPECT_EQ(std::vector<std::string>(c.begin(), c.begin() + 5),
            (std::vector<std::string>{"point", "mode", "repeat", "seed", "status"}));
  EXPECT_EQ(c[5], "requests");  // summary.json's first key
  EXPECT_EQ(c[c.size() - 3], "tpot_ms_closed_form");
  EXPECT_EQ(c[c.size() - 2], "throughput_tokens_per_s_saturated_closed_form");
  EXPECT_EQ(c.back(), "error");
}

TEST(SweepTable, NullMetricIsAnEmptyCellAndClosedFormsAreFilled) {
  const Fixture f = cloud_ar_and_sync();
  const SweepTable table(f.spec);
  const PlannedPoint point = planned(f.points[0]);  // cloud_ar
  nlohmann::ordered_json summary = {
      {"requests", 10}, {"acceptance_rate", nullptr}, {"tpot_ms_mean", 20.000000000000004}};
  const auto row = cells(table, table.row_line(point, summary, ""));
  EXPECT_EQ(row.at("point"), "0000");
  EXPECT_EQ(row.at("mode"), "cloud_ar");
  EXPECT_EQ(row.at("seed"), "1");
  EXPECT_EQ(row.at("status"), "ok");
  EXPECT_EQ(row.at("requests"), "10");
  EXPECT_EQ(row.at("acceptance_rate"), "");
  EXPECT_EQ(row.at("tpot_ms_mean"), "20.000000000000004");  // shortest exact form
  EXPECT_EQ(row.at("ttft_ms_mean"), "");                    // absent from this summary
  const auto in = closed_form::inputs_for(point.scenario);
  EXPECT_EQ(std::stod(row.at("tpot_ms_closed_form")), closed_form::tpot_cloud_ar(in));
  EXPECT_EQ(std::stod(row.at("throughput_tokens_per_s_saturated_closed_form")), 1000.0 / in.t_ar);
  EXPECT_EQ(row.at("error"), "");
}

TEST(SweepTable, FailedRowHasItsErrorInOneQuotedCellAndReadsBack) {
  const Fixture f = cloud_ar_and_sync();
  const SweepTable table(f.spec);
  const std::string line =
      table.row_line(planned(f.points[1]), {}, "exit code 2: x.json: /a: bad, \"very\"\nbad");
  const auto row = cells(table, line);
  EXPECT_EQ(row.at("status"), "failed");
  EXPECT_EQ(row.at("requests"), "");
  EXPECT_EQ(row.at("error"), "exit code 2: x.json: /a: bad, \"very\" bad");
  const SweepRow parsed = parse_sweep_row(line.substr(0, line.size() - 1), table.columns());
  EXPECT_EQ(parsed.index, 1u);
  EXPECT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.line, line);
  EXPECT_THROW(parse_sweep_row("0001,too,few", table.columns()), std::invalid_argument);
  EXPECT_THROW(parse_sweep_row("x" + line.substr(4, line.size() - 5), table.columns()),
               std::invalid_argument);
}

}  // namespace
}  // namespace dsdsi::cli
