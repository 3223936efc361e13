// `dsdsi new` through the binary: a covering set of the shipped parts (every part of every kind
// at least once) gives files that `dsdsi validate` accepts and that run; the file is the same
// bytes every time; bad names and an existing file are bad input (exit 2, nothing written).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "dsdsi/cli/new_presets.hpp"
#include "run_binary.hpp"

namespace {

using dsdsi::test::run_dsdsi;
using dsdsi::test::TempDir;
namespace fs = std::filesystem;

std::vector<std::string> names(const dsdsi::cli::PartKind& kind) {
  std::vector<std::string> out;
  for (const auto& part : kind.parts) out.push_back(part.name);
  return out;
}

// Scenario i takes part i (mod count) of each kind: max(count) scenarios use every part of every
// kind. Each runs for 2 s of simulated time (a short run of a trace workload), or its 10 requests.
TEST(NewCommand, EveryPartGivesAScenarioThatValidatesAndRuns) {
  const auto library =
      dsdsi::cli::load_preset_library(dsdsi::test::source_path("presets/scenario-parts.json"),
                                      dsdsi::test::source_path("acceptance"));
  const std::vector<std::vector<std::string>> kinds = {
      names(library.targets), names(library.drafts), names(library.networks),
      names(library.workloads), names(library.acceptance)};
  std::size_t rows = 0;
  for (const auto& k : kinds) rows = std::max(rows, k.size());
  TempDir dir;
  for (std::size_t i = 0; i < rows; ++i) {
    const fs::path file = dir.path() / ("s" + std::to_string(i) + ".json");
    const std::vector<std::string> args = {"new",
                                           "--target",
                                           kinds[0][i % kinds[0].size()],
                                           "--draft",
                                           kinds[1][i % kinds[1].size()],
                                           "--network",
                                           kinds[2][i % kinds[2].size()],
                                           "--workload",
                                           kinds[3][i % kinds[3].size()],
                                           "--acceptance",
                                           kinds[4][i % kinds[4].size()],
                                           "-o",
                                           file.string()};
    const auto made = run_dsdsi(args);
    ASSERT_EQ(made.exit_code, 0) << made.output;
    const auto valid = run_dsdsi({"validate", file.string()});
    EXPECT_EQ(valid.exit_code, 0) << file << "\n" << valid.output;
    const auto summary = dsdsi::test::run_and_summarize(file.string(), {"measure.horizon_ms=2000"},
                                                        dir.path() / ("out" + std::to_string(i)));
    ASSERT_FALSE(summary.empty()) << file;
    EXPECT_GT(summary.at("output_tokens").get<long>(), 0) << file;
  }
  EXPECT_GE(rows, 5u);
}

TEST(NewCommand, TheExampleOfTheIssueIsOneCommandAndDeterministic) {
  TempDir dir;
  const std::vector<std::string> args = {
      "new",       "--target", "llama3-8b@h100", "--draft",   "llama3.2-1b@jetson-orin",
      "--network", "5g",       "--workload",     "azure-conv"};
  auto first = args, second = args;
  first.insert(first.end(), {"-o", (dir.path() / "a.json").string()});
  second.insert(second.end(), {"-o", (dir.path() / "b.json").string()});
  ASSERT_EQ(run_dsdsi(first).exit_code, 0);
  ASSERT_EQ(run_dsdsi(second).exit_code, 0);
  const std::string text = dsdsi::test::read_text(dir.path() / "a.json");
  EXPECT_EQ(text, dsdsi::test::read_text(dir.path() / "b.json"));
  const auto scenario = dsdsi::test::read_json(dir.path() / "a.json");
  EXPECT_EQ(scenario.at("edge").at("draft_ms_per_token"), 15.38);
  EXPECT_EQ(scenario.at("network").at("rtt_ms"), 50);
  EXPECT_EQ(scenario.at("cloud").at("verify").at("file"), "latency/llama3-8b-h100.csv");
  EXPECT_NE(scenario.at("description").get<std::string>().find("65.02"), std::string::npos);
  // No temporary file is left next to it.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 2);
}

TEST(NewCommand, BadNamesExitTwoListingTheChoicesAndWriteNothing) {
  TempDir dir;
  const fs::path file = dir.path() / "x.json";
  const auto r = run_dsdsi({"new", "--target", "llama3-8b@h10", "--draft", "llama3.2-1b@jetson",
                            "--network", "5g", "--workload", "azure-conv", "-o", file.string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--target \"llama3-8b@h10\": no such target (did you mean "
                          "\"llama3-8b@h100\"?); choices: "),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("--draft \"llama3.2-1b@jetson\": no such draft"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("llama3.2-1b@jetson-orin, llama3.2-1b@phone"), std::string::npos)
      << r.output;
  EXPECT_FALSE(fs::exists(file));
  const auto missing = run_dsdsi({"new", "--target", "llama3-8b@h100", "-o", file.string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("--draft is required"), std::string::npos) << missing.output;
  // A gamma the published curve does not reach: the loader's message, nothing written.
  const auto gamma =
      run_dsdsi({"new", "--target", "llama3-8b@h100", "--draft", "llama3.2-1b@phone", "--network",
                 "lte", "--workload", "single-user", "--acceptance", "dsv4-mtp-thinking-on-coding",
                 "--gamma", "12", "-o", file.string()});
  EXPECT_EQ(gamma.exit_code, 2) << gamma.output;
  EXPECT_NE(gamma.output.find("nothing written"), std::string::npos) << gamma.output;
  EXPECT_FALSE(fs::exists(file));
}

TEST(NewCommand, AnExistingFileIsReplacedOnlyWithForce) {
  TempDir dir;
  const fs::path file = dir.path() / "mine.json";
  std::ofstream(file) << "keep me\n";
  const std::vector<std::string> args = {
      "new",       "--target",   "llama3-8b@a100", "--draft", "llama3.2-1b@phone", "--network",
      "home-wifi", "--workload", "single-user",    "-o",      file.string()};
  const auto refused = run_dsdsi(args);
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("exists"), std::string::npos) << refused.output;
  EXPECT_EQ(dsdsi::test::read_text(file), "keep me\n");
  auto forced = args;
  forced.push_back("--force");
  ASSERT_EQ(run_dsdsi(forced).exit_code, 0);
  EXPECT_EQ(dsdsi::test::read_json(file).at("schema_version"), 1);
  auto elsewhere = args;
  elsewhere[elsewhere.size() - 1] = (dir.path() / "no-such-folder" / "x.json").string();
  const auto no_folder = run_dsdsi(elsewhere);
  EXPECT_EQ(no_folder.exit_code, 2) << no_folder.output;
  EXPECT_NE(no_folder.output.find("does not exist"), std::string::npos) << no_folder.output;
}

TEST(NewCommand, ListNamesEveryPart) {
  const auto r = run_dsdsi({"new", "--list"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* name : {"llama3-8b@h100", "llama3.2-1b@jetson-orin", "5g", "azure-conv",
                           "llama-1b-8b-typical", "qwen35-mtp-thinking-on-coding"}) {
    EXPECT_NE(r.output.find(name), std::string::npos) << name;
  }
}

}  // namespace
