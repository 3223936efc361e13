// Reading scenario files: unreadable files, malformed JSON (with line and column), duplicate
// keys, and paths relative to the file.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario_file.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "scratch_dir.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> problems_loading(const std::string& path,
                                          const std::vector<Override>& overrides = {}) {
  try {
    load_scenario(path, overrides);
  } catch (const ConfigError& error) {
    return error.problems();
  }
  ADD_FAILURE() << "expected a ConfigError for " << path;
  return {};
}

TEST(ConfigFile, MissingFileIsOneProblemNamingIt) {
  ScratchDir dir;
  const std::string path = (dir.path() / "nope.json").string();
  const std::vector<std::string> expected = {path + ": cannot read the scenario: no such file"};
  EXPECT_EQ(problems_loading(path), expected);
}

TEST(ConfigFile, DirectoryIsOneProblemNamingIt) {
  ScratchDir dir;
  const std::string path = dir.path().string();
  const std::vector<std::string> expected = {
      path + ": cannot read the scenario: not a regular file (a directory)"};
  EXPECT_EQ(problems_loading(path), expected);
}

TEST(ConfigFile, MalformedJsonGivesLineAndColumn) {
  ScratchDir dir;
  const std::string path = dir.write("bad.json", "{\n  \"schema_version\": 1,\n  \"seed\": ,\n}\n");
  const auto problems = problems_loading(path);
  ASSERT_EQ(problems.size(), 1u);
  const std::string prefix = path + ": line 3, column 11: malformed JSON: syntax error";
  EXPECT_EQ(problems[0].rfind(prefix, 0), 0u) << problems[0];
  EXPECT_NE(problems[0].find("unexpected ','"), std::string::npos) << problems[0];
}

TEST(ConfigFile, TruncatedJsonPointsAtTheEnd) {
  ProblemList problems("t.json");
  try {
    parse_scenario_text("{\"a\": [1,\n2", "t.json", problems);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_EQ(error.problems()[0].rfind("t.json: line 2, column 2: malformed JSON: ", 0), 0u)
        << error.problems()[0];
  }
}

TEST(ConfigFile, EmptyFileIsMalformed) {
  ScratchDir dir;
  const std::string path = dir.write("empty.json", "");
  const auto problems = problems_loading(path);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind(path + ": line 1, column 1: malformed JSON: ", 0), 0u) << problems[0];
}

TEST(ConfigFile, PositionOfByteCountsLinesAndColumnsFromOne) {
  const std::string text = "ab\ncd\n\nx";
  EXPECT_EQ(position_of_byte(text, 1).line, 1u);
  EXPECT_EQ(position_of_byte(text, 1).column, 1u);
  EXPECT_EQ(position_of_byte(text, 2).column, 2u);
  EXPECT_EQ(position_of_byte(text, 4).line, 2u);
  EXPECT_EQ(position_of_byte(text, 4).column, 1u);
  EXPECT_EQ(position_of_byte(text, 8).line, 4u);
  EXPECT_EQ(position_of_byte(text, 8).column, 1u);
}

TEST(ConfigFile, DuplicateKeysAreReportedWithTheOtherProblems) {
  ScratchDir dir;
  const std::string path = dir.write("dup.json",
                                     R"({"schema_version": 1, "seed": 1, "seed": 2,
          "network": {"rtt_ms": 1, "rtt_ms": 2},
          "sweep": {"list": [{"a": 1}, {"a": 1, "a": 2}]},
          "speculation": {"gamma": 0}})");
  const std::vector<std::string> expected = {
      path + ": /seed: duplicate key (each key may appear once in an object)",
      path + ": /network/rtt_ms: duplicate key (each key may appear once in an object)",
      path + ": /sweep/list/1/a: duplicate key (each key may appear once in an object)",
      path + ": /speculation/gamma: must be an integer >= 1 and <= 256, got 0",
  };
  EXPECT_EQ(problems_loading(path), expected);
}

TEST(ConfigFile, ValidFileLoadsWithSourceAsGiven) {
  ScratchDir dir;
  const std::string path = dir.write("ok.json", R"({"schema_version": 1, "seed": 7})");
  const auto loaded = load_scenario(path, {});
  EXPECT_EQ(loaded.source, path);
  EXPECT_EQ(loaded.scenario.seed, 7u);
}

TEST(ConfigFile, ProblemsInAFileNameTheFile) {
  ScratchDir dir;
  const std::string path = dir.write("x.json", R"({"schema_version": 1, "mode": "dsd"})");
  const auto problems = problems_loading(path, parse_overrides({"speculation.gamma=0"}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind(path + ": /mode: must be one of ", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1].rfind("--set speculation.gamma=0: /speculation/gamma: ", 0), 0u)
      << problems[1];
}

TEST(ConfigFile, RelativePlatformIsFoundNextToTheScenarioFile) {
  ScratchDir dir;
  const std::string platform = dir.write("scenarios/platforms/p.xml", "<platform/>");
  const std::string path =
      dir.write("scenarios/s.json", R"({"schema_version": 1, "platform": "platforms/p.xml"})");
  EXPECT_EQ(load_scenario(path, {}).scenario.platform_file, platform);
}

}  // namespace
}  // namespace dsdsi
