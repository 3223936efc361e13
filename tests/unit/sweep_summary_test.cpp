// sweep_summary.csv from sweep.csv's rows: one row per combination, passed repeats only, mean,
// sample sd and Student-t half-width by hand, empty cells where a statistic is undefined.
#include "dsdsi/cli/sweep_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "dsdsi/metrics/csv_line.hpp"

namespace dsdsi::cli {
namespace {

const std::vector<std::string> kColumns{"point",
                                        "network.rtt_ms",
                                        "repeat",
                                        "seed",
                                        "status",
                                        "tpot_ms_mean",
                                        "acceptance_rate",
                                        "by_class",
                                        "tpot_ms_closed_form",
                                        "error"};

// Three repeats per combination; combination 1 has a failed repeat, combination 2 only a
// failed one (its other points missing, as in a partial merge).
std::map<std::size_t, std::string> rows() {
  return {
      {0, "0000,10,0,1,ok,10,0.5,\"{\"\"phone\"\":{}}\",9,\n"},
      {1, "0001,10,1,2,ok,12,0.5,\"{\"\"phone\"\":{}}\",9,\n"},
      {2, "0002,10,2,3,ok,14,,\"{\"\"phone\"\":{}}\",9,\n"},
      {3, "0003,20,0,1,ok,20,0.6,,9.5,\n"},
      {4, "0004,20,1,2,failed,,,,,exit code 1: boom\n"},
      {5, "0005,20,2,3,ok,22,0.8,,9.5,\n"},
      {8, "0008,30,2,3,failed,,,,,\"exit code 2: a, b\"\n"},
  };
}

std::vector<std::vector<std::string>> lines(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(split_csv_line(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

double cell(const std::vector<std::string>& row, std::size_t i) { return std::stod(row.at(i)); }

TEST(SweepSummary, OneRowPerCombinationWithHandComputedStatistics) {
  const std::string text = sweep_summary_text(kColumns, rows(), 3);
  const auto table = lines(text);
  ASSERT_EQ(table.size(), 4u) << text;
  // by_class holds JSON objects, not numbers: it is left out; `error` too.
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "combination,network.rtt_ms,n,n_failed,tpot_ms_mean_mean,tpot_ms_mean_sd,"
            "tpot_ms_mean_ci95,acceptance_rate_mean,acceptance_rate_sd,acceptance_rate_ci95,"
            "tpot_ms_closed_form_mean,tpot_ms_closed_form_sd,tpot_ms_closed_form_ci95");

  // 10, 12, 14: mean 12, sd 2, half-width t_{0.975,2} 2 / sqrt(3) with t_{0.975,2} =
  // 0.95 / sqrt(2 0.975 0.025) = 4.302652729749464 (its closed form).
  const auto& c0 = table[1];
  EXPECT_EQ(c0[0], "0");
  EXPECT_EQ(c0[1], "10");
  EXPECT_EQ(c0[2], "3");
  EXPECT_EQ(c0[3], "0");
  EXPECT_DOUBLE_EQ(cell(c0, 4), 12);
  EXPECT_DOUBLE_EQ(cell(c0, 5), 2);
  EXPECT_NEAR(cell(c0, 6), 4.302652729749464 * 2 / std::sqrt(3.0), 1e-12);
  // acceptance_rate is null in one passed repeat: no statistic stands for all three.
  EXPECT_EQ(c0[7], "");
  EXPECT_EQ(c0[8], "");
  EXPECT_EQ(c0[9], "");
  EXPECT_DOUBLE_EQ(cell(c0, 10), 9);
  EXPECT_DOUBLE_EQ(cell(c0, 11), 0);
  EXPECT_DOUBLE_EQ(cell(c0, 12), 0);

  // Two passed (20, 22), one failed: mean 21, sd sqrt(2), half-width t_{0.975,1} sqrt(2) /
  // sqrt(2) = tan(0.475 pi) = 12.706204736174698.
  const auto& c1 = table[2];
  EXPECT_EQ(c1[0], "1");
  EXPECT_EQ(c1[1], "20");
  EXPECT_EQ(c1[2], "2");
  EXPECT_EQ(c1[3], "1");
  EXPECT_DOUBLE_EQ(cell(c1, 4), 21);
  EXPECT_NEAR(cell(c1, 5), std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(cell(c1, 6), 12.706204736174698, 1e-9);
  EXPECT_NEAR(cell(c1, 7), 0.7, 1e-15);
  EXPECT_NEAR(cell(c1, 8), 0.1 * std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(cell(c1, 9), 12.706204736174698 * 0.1, 1e-10);

  // Nothing passed: n 0, every statistic empty.
  const auto& c2 = table[3];
  EXPECT_EQ(c2[0], "2");
  EXPECT_EQ(c2[1], "30");
  EXPECT_EQ(c2[2], "0");
  EXPECT_EQ(c2[3], "1");
  for (std::size_t i = 4; i < c2.size(); ++i) EXPECT_EQ(c2[i], "") << i;
}

TEST(SweepSummary, OneRepeatGivesTheValueAndNoSpread) {
  const auto table = lines(sweep_summary_text(kColumns, {{0, "0000,10,0,1,ok,10,0.5,,9,\n"}}, 1));
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[1][2], "1");
  EXPECT_EQ(table[1][4], "10.0");
  EXPECT_EQ(table[1][5], "");
  EXPECT_EQ(table[1][6], "");
}

TEST(SweepSummary, RowsThatDoNotFitAreRefused) {
  // Point 1 with 3 repeats is repeat 1, not 0.
  EXPECT_THROW(sweep_summary_text(kColumns, {{1, "0001,10,0,1,ok,10,0.5,,9,\n"}}, 3),
               std::invalid_argument);
  EXPECT_THROW(sweep_summary_text(kColumns, {{0, "0000,10,0\n"}}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace dsdsi::cli
