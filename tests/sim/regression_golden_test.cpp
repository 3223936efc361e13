// Regression of simulated numbers: every case of tests/regression/cases.json runs afresh and
// its summary.json is compared, metric by metric, with tests/regression/golden/<case>.json.
// A change to the model therefore shows here as a failure, with a table of what moved, until
// the golden files are regenerated on purpose with tools/bless.
//
// Tolerance: relative 1e-9 (cases.json), the same for every metric. The simulation is
// deterministic for a given scenario and seed (random draws come from mt19937_64's
// standard-fixed output, not a library distribution), so on one machine the numbers repeat
// exactly. Across compilers and C libraries the last bits of pow/exp and of floating-point
// sums may differ: a few ulps per operation, about 1e-13 relative after the ~10^4 additions
// of these short runs. 1e-9 absorbs that with a wide margin, while any change to the model's
// timing or logic moves some metric by far more (one ms in a 30 ms TPOT is 3e-2; one token
// in a count of 600 is 2e-3). Counts are compared the same way, which for numbers below 10^9
// means exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "run_binary.hpp"

namespace {

using nlohmann::json;

struct Case {
  std::string name, scenario;
  std::vector<std::string> sets;
};

json cases_file() {
  return dsdsi::test::read_json(dsdsi::test::source_path("tests/regression/cases.json"));
}

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  const json file = cases_file();  // a range-for would not keep a temporary alive
  for (const auto& c : file.at("cases")) {
    cases.push_back({c.at("name"), c.at("scenario"), c.at("set")});
  }
  return cases;
}

std::string shown(const json& value) { return value.is_null() ? "null" : value.dump(); }

// Every metric by its dotted path: nested objects (by_class) are metrics too, each compared
// with the same tolerance as the top-level ones.
void flatten(const json& value, const std::string& path, std::map<std::string, json>& out) {
  if (!value.is_object() || value.empty()) {
    out[path] = value;
    return;
  }
  for (const auto& [key, inner] : value.items()) {
    flatten(inner, path.empty() ? key : path + "." + key, out);
  }
}

// The rows of the "what moved" table, empty when nothing did.
std::vector<std::string> moved(const json& golden_summary, const json& now_summary,
                               double tolerance) {
  std::map<std::string, json> golden, now;
  flatten(golden_summary, "", golden);
  flatten(now_summary, "", now);
  std::vector<std::string> keys;
  for (const auto& [key, value] : golden) keys.push_back(key);
  for (const auto& [key, value] : now) {
    if (golden.count(key) == 0) keys.push_back(key);
  }
  std::vector<std::string> rows;
  for (const auto& key : keys) {
    const json g = golden.count(key) != 0 ? golden.at(key) : json("(absent)");
    const json n = now.count(key) != 0 ? now.at(key) : json("(absent)");
    std::string change = "-";
    if (g.is_number() && n.is_number()) {
      const double a = g.get<double>(), b = n.get<double>();
      const double scale = std::max(std::abs(a), std::abs(b));
      const double relative = scale == 0 ? 0 : (b - a) / scale;
      if (std::abs(relative) <= tolerance) continue;
      char text[32];
      std::snprintf(text, sizeof text, "%+.3e", relative);
      change = text;
    } else if (g == n) {
      continue;
    }
    char row[256];
    std::snprintf(row, sizeof row, "  %-40s %22s %22s %16s", key.c_str(), shown(g).c_str(),
                  shown(n).c_str(), change.c_str());
    rows.push_back(row);
  }
  return rows;
}

class Golden : public ::testing::TestWithParam<Case> {};

TEST_P(Golden, SummaryMatchesGoldenFile) {
  const Case& c = GetParam();
  const auto golden_file = dsdsi::test::source_path("tests/regression/golden/" + c.name + ".json");
  ASSERT_TRUE(std::filesystem::exists(golden_file))
      << golden_file << " is missing: run tools/bless " << c.name;
  dsdsi::test::TempDir dir;
  const json now = dsdsi::test::run_and_summarize(dsdsi::test::source_path(c.scenario).string(),
                                                  c.sets, dir.path() / "out");
  ASSERT_FALSE(now.empty());
  const double tolerance = cases_file().at("relative_tolerance").get<double>();
  const auto rows = moved(dsdsi::test::read_json(golden_file), now, tolerance);
  if (!rows.empty()) {
    std::ostringstream table;
    table << c.name << ": " << rows.size() << " metric(s) moved beyond a relative " << tolerance
          << "\n";
    char header[160];
    std::snprintf(header, sizeof header, "  %-40s %22s %22s %16s\n", "metric", "golden", "now",
                  "relative change");
    table << header;
    for (const auto& row : rows) table << row << "\n";
    table << "If the model change is intended, regenerate with: tools/bless " << c.name;
    ADD_FAILURE() << table.str();
  }
}

TEST(RegressionGoldenTable, AMovedMetricIsReported) {
  // The comparison can fail: a perturbed value, a metric gone, a null that became a number.
  const json golden = {
      {"tpot_ms_mean", 32.7}, {"rounds", 600}, {"acceptance_rate", nullptr}, {"gone", 1}};
  json now = golden;
  EXPECT_TRUE(moved(golden, now, 1e-9).empty());
  now["tpot_ms_mean"] = 32.7 * (1 + 1e-12);  // floating-point noise: not a move
  EXPECT_TRUE(moved(golden, now, 1e-9).empty());
  now["tpot_ms_mean"] = 32.8;
  now["rounds"] = 601;
  now["acceptance_rate"] = 0.6;
  now.erase("gone");
  const auto rows = moved(golden, now, 1e-9);
  ASSERT_EQ(rows.size(), 4u);
  const auto tpot_row = std::find_if(rows.begin(), rows.end(), [](const std::string& row) {
    return row.find("tpot_ms_mean") != std::string::npos;
  });
  ASSERT_NE(tpot_row, rows.end());
  EXPECT_NE(tpot_row->find("+3.049e-03"), std::string::npos) << *tpot_row;
}

TEST(RegressionGoldenTable, NestedMetricsHaveTheSameTolerance) {
  // by_class's metrics are compared one by one, like the top-level ones: noise is not a move,
  // a real change is reported under its dotted path.
  const json golden = {{"by_class", {{"phone", {{"edge_energy_j", 83.448742948}}}}}};
  json now = golden;
  now["by_class"]["phone"]["edge_energy_j"] = 83.448742948 * (1 + 1e-14);
  EXPECT_TRUE(moved(golden, now, 1e-9).empty());
  now["by_class"]["phone"]["edge_energy_j"] = 84.0;
  const auto rows = moved(golden, now, 1e-9);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find("by_class.phone.edge_energy_j"), std::string::npos) << rows[0];
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

// Listed as Regression/Golden.SummaryMatchesGoldenFile/<case> (ctest -R Regression).
INSTANTIATE_TEST_SUITE_P(Regression, Golden, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
