// Table latency models: the CSV file is read and checked when the scenario loads (every problem
// with its file and line), it must cover the batched tokens the scenario can ask for unless
// "extrapolate" is true, and the tables shipped under latency/ load and cover a realistic case.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/latency_table_file.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "scratch_dir.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir(DSDSI_SOURCE_DIR);

json table_model(const std::string& file, bool extrapolate = false) {
  json model = {{"kind", "table"}, {"file", file}};
  if (extrapolate) model["extrapolate"] = true;
  return model;
}

// cloud.verify as a table, with max_batch and gamma.
json verify_scenario(const json& model, int max_batch = 1, int gamma = 4) {
  return {{"schema_version", 1},
          {"cloud", {{"verify", model}, {"max_batch", max_batch}}},
          {"speculation", {{"gamma", gamma}}}};
}

std::vector<std::string> problems_of(const json& document, const fs::path& base_dir) {
  return problems_in(base_dir, document);
}

const char* const kGoodTable =
    "# measured somewhere\n"
    "batched_tokens,ms\n"
    "1,6.5\n"
    "\n"
    "# a comment between rows\n"
    "64,9\n"
    "512,30.25\n";

TEST(ConfigLatencyTable, ParsesIntoAscendingPointsWithTheAbsolutePath) {
  ScratchDir dir;
  const fs::path file = dir.write("tables/t.csv", kGoodTable);
  const auto loaded =
      load_scenario_json(verify_scenario(table_model("tables/t.csv")), "s.json", {}, dir.path());
  const LatencySpec& spec = loaded.scenario.cloud.verify;
  EXPECT_EQ(spec.kind, LatencyKind::table);
  EXPECT_EQ(spec.file, file.string());
  EXPECT_FALSE(spec.extrapolate);
  const std::vector<std::pair<double, double>> expected = {{1, 6.5}, {64, 9}, {512, 30.25}};
  EXPECT_EQ(spec.points, expected);
  const json shown = {{"kind", "table"}, {"file", file.string()}, {"extrapolate", false}};
  EXPECT_EQ(loaded.resolved["cloud"]["verify"], shown);
}

TEST(ConfigLatencyTable, WindowsLineEndsAndSpacesAroundFieldsAreAccepted) {
  ScratchDir dir;
  dir.write("t.csv", "batched_tokens, ms\r\n1, 2.5\r\n 8 ,3\r\n");
  const auto loaded =
      load_scenario_json(verify_scenario(table_model("t.csv")), "s.json", {}, dir.path());
  const std::vector<std::pair<double, double>> expected = {{1, 2.5}, {8, 3}};
  EXPECT_EQ(loaded.scenario.cloud.verify.points, expected);
}

TEST(ConfigLatencyTable, MissingFileIsAProblemAtFile) {
  ScratchDir dir;
  const auto problems = problems_of(verify_scenario(table_model("no/such/table.csv")), dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /cloud/verify/file: file not found: "
                              "\"no/such/table.csv\" (tried " +
                                  (dir.path() / "no/such/table.csv").string(),
                              0),
            0u)
      << problems[0];
}

struct BadTable {
  std::string text;
  std::vector<std::string> expected;  // after "s.json: /cloud/verify/file: <file>"
};

TEST(ConfigLatencyTable, EveryProblemOfTheFileIsReportedWithItsLine) {
  const std::vector<BadTable> cases = {
      {"tokens,ms\n1,2\n2,3\n",
       {":1: the header must be \"batched_tokens,ms\", got \"tokens,ms\""}},
      {"# only a comment\n1,2\n2,3\n4,5\n",
       {":2: the header must be \"batched_tokens,ms\", got \"1,2\""}},
      {"batched_tokens,ms\n1,2\n8,3\n4,5\n",
       {":4: batched_tokens must be strictly ascending: 4 follows 8 (line 3)"}},
      {"batched_tokens,ms\n1,2\n1,3\n",
       {":3: batched_tokens must be strictly ascending: 1 follows 1 (line 2)"}},
      {"batched_tokens,ms\n1,2\n8,0\n16,-1\n",
       {":3: ms must be a number > 0, got \"0\"", ":4: ms must be a number > 0, got \"-1\""}},
      {"batched_tokens,ms\n0,2\n8,3\n", {":2: batched_tokens must be a number > 0, got \"0\""}},
      {"batched_tokens,ms\n1,fast\n8,3\n", {":2: ms must be a number > 0, got \"fast\""}},
      {"batched_tokens,ms\n1,nan\n8,3\n", {":2: ms must be a number > 0, got \"nan\""}},
      {"batched_tokens,ms\n1,2,3\n8,3\n",
       {":2: expected 2 comma-separated fields (batched_tokens,ms), got 3: \"1,2,3\""}},
      {"# header and one row\nbatched_tokens,ms\n1,2\n",
       {":3: only 1 row after the header; a table needs at least 2 to interpolate"}},
      {"batched_tokens,ms\n", {": only 0 rows after the header; a table needs at least 2"}},
      {"# nothing\n\n",
       {": no header and no rows: expected \"batched_tokens,ms\" followed by at least 2 rows"}},
  };
  for (const auto& c : cases) {
    ScratchDir dir;
    const fs::path file = dir.write("t.csv", c.text);
    const auto problems = problems_of(verify_scenario(table_model("t.csv")), dir.path());
    ASSERT_EQ(problems.size(), c.expected.size()) << c.text;
    for (std::size_t i = 0; i < problems.size(); ++i) {
      EXPECT_EQ(
          problems[i].rfind("s.json: /cloud/verify/file: " + file.string() + c.expected[i], 0), 0u)
          << problems[i];
    }
  }
}

TEST(ConfigLatencyTable, AFileWithManyProblemsIsSummarised) {
  ScratchDir dir;
  std::string text = "batched_tokens,ms\n";
  for (int i = 0; i < 30; ++i) text += std::to_string(i + 1) + ",-1\n";
  const fs::path file = dir.write("t.csv", text);
  const auto table = read_latency_table(file);
  ASSERT_EQ(table.problems.size(), 11u);
  EXPECT_EQ(table.problems.back(), file.string() + ": ... and 20 more problems");
  EXPECT_TRUE(table.points.empty());
}

TEST(ConfigLatencyTable, ATableThatDoesNotCoverTheScenarioIsAProblemSayingBothRanges) {
  ScratchDir dir;
  const fs::path file = dir.write("t.csv", kGoodTable);  // 1 to 512
  // max_batch 64, gamma 8: a verify batch can hold 64 x 9 = 576 tokens.
  const auto problems = problems_of(verify_scenario(table_model("t.csv"), 64, 8), dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "s.json: /cloud/verify/file: " + file.string() +
                " covers batched tokens 1 to 512, but this scenario can ask for 1 to 576 "
                "(`cloud.max_batch` x (`speculation.gamma` + 1) with cloud.max_batch = 64, "
                "speculation.gamma = 8); add rows, or set \"extrapolate\": true to extend the "
                "table's end segments linearly");
}

TEST(ConfigLatencyTable, ExtrapolateAcceptsATableThatDoesNotCover) {
  ScratchDir dir;
  dir.write("t.csv", "batched_tokens,ms\n4,10\n8,12\n");  // starts above 1 and ends at 8
  const json document = verify_scenario(table_model("t.csv", true), 64, 8);
  const auto loaded = load_scenario_json(document, "s.json", {}, dir.path());
  EXPECT_TRUE(loaded.scenario.cloud.verify.extrapolate);
  EXPECT_EQ(loaded.resolved["cloud"]["verify"]["extrapolate"], true);

  const auto problems = problems_of(verify_scenario(table_model("t.csv"), 1, 1), dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("covers batched tokens 4 to 8, but this scenario can ask for 1 to 2"),
            std::string::npos)
      << problems[0];
}

TEST(ConfigLatencyTable, ExtrapolatingBelowZeroMillisecondsIsAProblem) {
  ScratchDir dir;
  const fs::path file = dir.write("t.csv", "batched_tokens,ms\n16,5\n32,20\n");
  const auto problems = problems_of(verify_scenario(table_model("t.csv", true), 4, 3), dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /cloud/verify/file: extrapolating " + file.string() +
                                  " gives -9.0625 ms at 1 batched token",
                              0),
            0u)
      << problems[0];
}

TEST(ConfigLatencyTable, EachUseIsCheckedAgainstItsOwnBatchedTokens) {
  ScratchDir dir;
  dir.write("t.csv", "batched_tokens,ms\n1,5\n100,20\n");
  // ar_step and cloud draft: max_batch (100 fits, 101 does not).
  for (const char* key : {"ar_step", "draft"}) {
    json document = {{"schema_version", 1},
                     {"cloud", {{key, table_model("t.csv")}, {"max_batch", 100}}}};
    EXPECT_NO_THROW(load_scenario_json(document, "s.json", {}, dir.path())) << key;
    document["cloud"]["max_batch"] = 101;
    const auto problems = problems_of(document, dir.path());
    ASSERT_EQ(problems.size(), 1u) << key;
    EXPECT_NE(problems[0].find("can ask for 1 to 101 (`cloud.max_batch` with cloud.max_batch = "
                               "101)"),
              std::string::npos)
        << problems[0];
  }
  // prefill: max_batch x prompt_tokens.
  json prefill = {{"schema_version", 1},
                  {"cloud", {{"prefill", table_model("t.csv")}, {"max_batch", 2}}},
                  {"workload", {{"prompt_tokens", 50}}}};
  EXPECT_NO_THROW(load_scenario_json(prefill, "s.json", {}, dir.path()));
  prefill["workload"]["prompt_tokens"] = 51;
  const auto problems = problems_of(prefill, dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/cloud/prefill/file: "), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("can ask for 1 to 102"), std::string::npos) << problems[0];
  // edge draft: always 1, whatever the batch.
  json edge = {{"schema_version", 1},
               {"edge", {{"draft", table_model("t.csv")}}},
               {"cloud", {{"max_batch", 1000}}}};
  EXPECT_NO_THROW(load_scenario_json(edge, "s.json", {}, dir.path()));
}

TEST(ConfigLatencyTable, CoverageIsNotCheckedAgainstAnInvalidParameter) {
  ScratchDir dir;
  dir.write("t.csv", kGoodTable);
  const auto problems = problems_of(verify_scenario(table_model("t.csv"), 0, 8), dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /cloud/max_batch: must be an integer >= 1 and <= 65536", 0),
            0u);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ConfigLatencyTable, ShippedTablesLoadCiteTheirSourcesAndCoverMaxBatch32Gamma8) {
  const std::vector<std::string> shipped = {
      "latency/llama3-8b-h100.csv", "latency/llama3-70b-4xh100.csv", "latency/llama3-8b-a100.csv"};
  for (const auto& name : shipped) {
    // From an unrelated directory: the source directory is searched last.
    ScratchDir elsewhere;
    json document = verify_scenario(table_model(name), 32, 8);
    for (const char* key : {"ar_step", "prefill", "draft"})
      document["cloud"][key] = table_model(name);
    const auto loaded = load_scenario_json(document, "s.json", {}, elsewhere.path());
    const LatencySpec& spec = loaded.scenario.cloud.verify;
    EXPECT_EQ(spec.file, (kSourceDir / name).lexically_normal().string());
    ASSERT_GE(spec.points.size(), 2u) << name;
    EXPECT_EQ(spec.points.front().first, 1) << name;
    EXPECT_GE(spec.points.back().first, 8192) << name;
    const std::string text = read_text(kSourceDir / name);
    EXPECT_NE(text.find("# MODEL ESTIMATE, NOT A MEASUREMENT"), std::string::npos) << name;
    EXPECT_NE(text.find("# Sources:"), std::string::npos) << name;
    EXPECT_NE(text.find("https://"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace dsdsi
