// Validation against published measurements of real systems (docs/validation.md).
//
// tests/validation/validation_table.json lists each published result dsdsi mirrors: its
// scenario in scenarios/validation/, the runs it takes, how the row's number is formed from
// their summaries, the published number and dsdsi's recorded number. This test
//   - reruns every row and checks that dsdsi's number is still the recorded one, within the
//     row's tolerance: it guards against drift of dsdsi's own number (the relative error to the
//     published number is reported, not asserted: it is as large as it is);
//   - checks that docs/validation.md shows every row with exactly these numbers, so the page
//     cannot go stale, and that every scenario in scenarios/validation/ belongs to a row.
// (table() returns a fresh object: loops keep it in a local, never iterate a member of the
// temporary.)
// Tolerances (stated and justified on the page): a deterministic row (no random draw: fixed
// token counts, no speculation) must reproduce its number to 0.1%; a row with random
// acceptance runs 39,000-56,000 rounds, so its mean accepted length has a relative standard
// error of 0.25-0.28%, and 1% (about 4 standard errors; 2.8 for a ratio of two random runs) lets
// a change of random stream pass while a change of the model's arithmetic of a percent or more
// does not.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace {

nlohmann::json table() {
  return dsdsi::test::read_json(dsdsi::test::source_path("tests/validation/validation_table.json"));
}

std::vector<std::string> row_ids() {
  std::vector<std::string> ids;
  const auto all = table();
  for (const auto& row : all.at("rows")) ids.push_back(row.at("id").get<std::string>());
  return ids;
}

nlohmann::json row_by_id(const std::string& id) {
  const auto all = table();
  for (const auto& row : all.at("rows")) {
    if (row.at("id") == id) return row;
  }
  throw std::runtime_error("no validation row " + id);
}

double combine(const std::string& formula, const std::vector<double>& v) {
  if (formula == "a" && v.size() == 1) return v[0];
  if (formula == "1000/a" && v.size() == 1) return 1000.0 / v[0];
  if (formula == "a/b" && v.size() == 2) return v[0] / v[1];
  if (formula == "b/a" && v.size() == 2) return v[1] / v[0];
  throw std::runtime_error("unknown formula " + formula + " for " + std::to_string(v.size()) +
                           " run(s)");
}

// The text a number has in the page's summary table: 4 significant digits.
std::string four_digits(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

// Relative error to the published number, in percent with one decimal and a sign.
std::string percent_error(double dsdsi, double published) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", 100.0 * (dsdsi / published - 1.0));
  return text;
}

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, '|')) {
    const auto first = cell.find_first_not_of(' ');
    const auto last = cell.find_last_not_of(' ');
    out.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  return out;
}

class Validation : public ::testing::TestWithParam<std::string> {};

TEST_P(Validation, DsdsiNumberStaysTheRecordedOne) {
  const auto row = row_by_id(GetParam());
  const std::string key = row.at("key");
  std::vector<double> values;
  for (const auto& run : row.at("runs")) {
    dsdsi::test::TempDir dir;
    const auto summary =
        dsdsi::test::run_and_summarize(dsdsi::test::source_path(row.at("scenario")).string(),
                                       run.get<std::vector<std::string>>(), dir.path() / "out");
    ASSERT_FALSE(summary.empty());
    ASSERT_TRUE(summary.at(key).is_number()) << key;
    values.push_back(summary.at(key).get<double>());
  }
  const double now = combine(row.at("formula"), values);
  const double recorded = row.at("dsdsi");
  const double published = row.at("published");
  const double tolerance = row.at("tolerance");
  EXPECT_LE(std::abs(now / recorded - 1.0), tolerance)
      << GetParam() << ": dsdsi now gives " << now << ", recorded " << recorded << " (published "
      << published << "); if the change is intended, update "
      << "tests/validation/validation_table.json and docs/validation.md";
  std::printf("%s: published %g, dsdsi %.6g, relative error %s\n", GetParam().c_str(), published,
              now, percent_error(now, published).c_str());
}

INSTANTIATE_TEST_SUITE_P(PublishedResults, Validation, ::testing::ValuesIn(row_ids()),
                         [](const auto& info) { return info.param; });

TEST(ValidationPage, ShowsEveryRowWithTheRecordedNumbers) {
  const std::string page = dsdsi::test::read_text(dsdsi::test::source_path("docs/validation.md"));
  std::stringstream lines(page);
  std::vector<std::vector<std::string>> summary_rows;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| V", 0) == 0) summary_rows.push_back(cells(line));
  }
  const auto rows = table().at("rows");
  EXPECT_GE(rows.size(), 6u);
  for (const auto& row : rows) {
    const std::string id = row.at("id");
    const double published = row.at("published");
    const double dsdsi = row.at("dsdsi");
    const double tolerance = row.at("tolerance");
    int found = 0;
    for (const auto& c : summary_rows) {
      // | id | quantity | published | dsdsi | relative error | tolerance |
      if (c.size() < 7 || c[1].find(id) == std::string::npos) continue;
      ++found;
      EXPECT_EQ(c[3], four_digits(published)) << id;
      EXPECT_EQ(c[4], four_digits(dsdsi)) << id;
      EXPECT_EQ(c[5], percent_error(dsdsi, published)) << id;
      EXPECT_EQ(c[6], four_digits(100 * tolerance) + "%") << id;
    }
    EXPECT_EQ(found, 1) << id << " must have exactly one row in docs/validation.md's table";
    EXPECT_NE(page.find(row.at("scenario").get<std::string>()), std::string::npos) << id;
  }
}

TEST(ValidationPage, EveryValidationScenarioBelongsToARow) {
  std::set<std::string> used;
  const auto all = table();
  for (const auto& row : all.at("rows")) used.insert(row.at("scenario").get<std::string>());
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(dsdsi::test::source_path("scenarios/validation"))) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    EXPECT_TRUE(used.count("scenarios/validation/" + entry.path().filename().string()))
        << entry.path() << " is in no row of tests/validation/validation_table.json";
  }
  EXPECT_GE(count, 1);
}

}  // namespace
