// tools/import-trace: the imported Azure 2023 trace keeps every arrival time and token count of
// the source exactly, the shipped sample is what the tool writes, rescaling and bad input behave,
// and the shipped scenario that replays the sample runs.
//
// "Exactly": arrival times are compared as integers in units of 1e-8 ms, parsed from the decimal
// text of both files (the source's timestamps have 100 ns = 1e-4 ms resolution), so no floating
// point rounding can hide or cause a difference. The source rows are the shipped subset
// tests/data/azure2023/ (CC BY 4.0); the test never reads data outside the repository.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kPython = "/usr/bin/python3";
constexpr std::int64_t kUnitsPerMs = 100000000;  // 1e-8 ms

// A non-negative decimal "123.4567" in units of 1e-8 ms (fails beyond 8 decimals).
std::int64_t decimal_units(const std::string& text) {
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  EXPECT_LE(fraction.size(), 8u) << text;
  fraction.resize(8, '0');
  return std::stoll(whole) * kUnitsPerMs + std::stoll(fraction);
}

struct SourceRow {
  std::int64_t time_units;  // 1e-8 ms since 2023-11-16 00:00 (the trace's day)
  long prompt, output;
};

// TIMESTAMP "2023-11-16 HH:MM:SS.fffffff" (all rows of the subset are on that day).
std::vector<SourceRow> read_azure(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.substr(0, 39), "TIMESTAMP,ContextTokens,GeneratedTokens");
  std::vector<SourceRow> rows;
  const std::regex row(R"(2023-11-16 (\d\d):(\d\d):(\d\d)\.(\d{7}),(\d+),(\d+)\r?)");
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) {
      ADD_FAILURE() << "unexpected row " << line;
      continue;
    }
    const std::int64_t seconds = std::stoll(m[1]) * 3600 + std::stoll(m[2]) * 60 + std::stoll(m[3]);
    const std::int64_t units = seconds * 1000 * kUnitsPerMs + std::stoll(m[4]) * 10000;
    rows.push_back({units, std::stol(m[5]), std::stol(m[6])});
  }
  return rows;
}

struct Imported {
  std::int64_t arrival_units;
  long prompt, output, client;
};

std::vector<Imported> read_imported(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::vector<Imported> lines;
  const std::regex arrival(R"(^\{"arrival_ms": ([0-9.]+), )");
  while (std::getline(in, line)) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(line, m, arrival)) << line;
    const json record = json::parse(line);
    lines.push_back({decimal_units(m[1]), record.at("prompt_tokens").get<long>(),
                     record.at("output_tokens").get<long>(), record.value("client", -1L)});
  }
  return lines;
}

dsdsi::test::BinaryRun import(const std::vector<std::string>& args) {
  std::vector<std::string> all = {dsdsi::test::source_path("tools/import-trace").string()};
  all.insert(all.end(), args.begin(), args.end());
  return dsdsi::test::run_program(kPython, all);
}

const fs::path kSource =
    dsdsi::test::source_path("tests/data/azure2023/AzureLLMInferenceTrace_conv.first1446.csv");

TEST(ImportTrace, KeepsEveryArrivalTimeAndTokenCountOfTheWindowExactly) {
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "conv.jsonl";
  const auto run =
      import({kSource.string(), "--duration-s", "300", "--clients", "256", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;

  const auto source = read_azure(kSource);
  ASSERT_EQ(source.size(), 1446u);
  // The window [0, 300 s) of the trace: every row but the last of the subset.
  const std::int64_t end = source.front().time_units + 300 * 1000 * kUnitsPerMs;
  ASSERT_LT(source[1444].time_units, end);
  ASSERT_GE(source[1445].time_units, end);
  const auto imported = read_imported(out);
  ASSERT_EQ(imported.size(), 1445u);
  for (std::size_t i = 0; i < imported.size(); ++i) {
    EXPECT_EQ(imported[i].arrival_units, source[i].time_units - source.front().time_units)
        << "line " << i + 1;
    EXPECT_EQ(imported[i].prompt, source[i].prompt) << "line " << i + 1;
    EXPECT_EQ(imported[i].output, source[i].output) << "line " << i + 1;
    EXPECT_EQ(imported[i].client, static_cast<long>(i % 256)) << "line " << i + 1;
  }
  // The shipped sample is exactly what the tool writes from the source.
  EXPECT_EQ(dsdsi::test::read_text(out), dsdsi::test::read_text(dsdsi::test::source_path(
                                             "scenarios/traces/azure2023_conv_5min.jsonl")));
}

TEST(ImportTrace, RateScaleDividesEveryTimeAndAWindowStartsAtItsFirstRequest) {
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "fast.jsonl";
  const auto run = import({kSource.string(), "--start-s", "60", "--duration-s", "120",
                           "--rate-scale", "4", "--out", out.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto source = read_azure(kSource);
  std::vector<SourceRow> window;
  const std::int64_t t0 = source.front().time_units, minute = 60 * 1000 * kUnitsPerMs;
  for (const auto& row : source) {
    if (row.time_units - t0 >= minute && row.time_units - t0 < 3 * minute) window.push_back(row);
  }
  const auto imported = read_imported(out);
  ASSERT_EQ(imported.size(), window.size());
  ASSERT_GT(imported.size(), 100u);
  for (std::size_t i = 0; i < imported.size(); ++i) {
    EXPECT_EQ(imported[i].arrival_units * 4, window[i].time_units - window.front().time_units)
        << "line " << i + 1;
    EXPECT_EQ(imported[i].prompt, window[i].prompt);
    EXPECT_EQ(imported[i].client, -1);  // no --clients: dsdsi assigns line i to client i mod n
  }
}

TEST(ImportTrace, BadInputExitsTwoNamingTheLineAndWritesNothing) {
  dsdsi::test::TempDir dir;
  const auto bad = dir.path() / "bad.csv";
  std::ofstream(bad) << "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,10,5\n"
                        "1.5,0,7\n";
  const auto out = dir.path() / "out.jsonl";
  const auto run = import({bad.string(), "--out", out.string()});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find(bad.string() + ":3: num_prefill_tokens"), std::string::npos)
      << run.output;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);
}

TEST(ImportTrace, ShippedReplayScenarioRuns) {
  const auto scenario = dsdsi::test::source_path("scenarios/real/azure_conv_replay.json");
  const auto v = dsdsi::test::run_dsdsi({"validate", scenario.string()});
  ASSERT_EQ(v.exit_code, 0) << v.output;
  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(scenario.string(), {}, dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  long tokens = 0;
  for (const auto& line :
       read_imported(dsdsi::test::source_path("scenarios/traces/azure2023_conv_5min.jsonl"))) {
    tokens += line.output;
  }
  EXPECT_EQ(summary.at("output_tokens").get<long>(), tokens);  // every request was served
}

}  // namespace
