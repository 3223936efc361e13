#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/staged_output_dir.hpp"

namespace fs = std::filesystem;

namespace dsdsi {
namespace {

class MetricsStagedOutputDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "dsdsi-out-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }

  // Names in `dir`, hidden ones included: the staging folder must not linger.
  static std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> result;
    for (const auto& entry : fs::directory_iterator(dir)) {
      result.insert(entry.path().filename().string());
    }
    return result;
  }
  static void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }
  static std::string read(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path root_;
};

using Names = std::set<std::string>;

TEST_F(MetricsStagedOutputDir, StagingIsAHiddenSiblingUntilCommit) {
  StagedOutputDir out(root_ / "run", false);
  EXPECT_EQ(out.final_dir(), root_ / "run");
  EXPECT_EQ(out.staging().parent_path(), root_);
  EXPECT_EQ(out.staging().filename().string().front(), '.');
  EXPECT_TRUE(fs::is_directory(out.staging()));
  EXPECT_FALSE(fs::exists(root_ / "run"));  // nothing half-written is visible
}

TEST_F(MetricsStagedOutputDir, CommitMovesTheFilesIntoPlace) {
  {
    StagedOutputDir out(root_ / "run", false);
    write(out.staging() / "summary.json", "{}\n");
    out.commit();
    EXPECT_FALSE(fs::exists(out.staging()));
  }
  EXPECT_EQ(names(root_), Names({"run"}));
  EXPECT_EQ(names(root_ / "run"), Names({"summary.json"}));
  EXPECT_EQ(read(root_ / "run" / "summary.json"), "{}\n");
}

TEST_F(MetricsStagedOutputDir, WithoutCommitNothingIsLeftBehind) {
  {
    StagedOutputDir out(root_ / "run", false);
    write(out.staging() / "requests.csv", "client\n");
  }
  EXPECT_TRUE(names(root_).empty());
}

TEST_F(MetricsStagedOutputDir, ExistingNonEmptyFolderIsRefused) {
  fs::create_directory(root_ / "run");
  write(root_ / "run" / "old.txt", "keep me");
  try {
    StagedOutputDir out(root_ / "run", false);
    FAIL() << "an existing non-empty folder was accepted";
  } catch (const OutputDirError& error) {
    EXPECT_NE(std::string(error.what()).find("--force"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("--out"), std::string::npos) << error.what();
  }
  EXPECT_EQ(names(root_), Names({"run"}));
  EXPECT_EQ(read(root_ / "run" / "old.txt"), "keep me");
}

TEST_F(MetricsStagedOutputDir, ReplaceSwapsTheWholeFolder) {
  fs::create_directories(root_ / "run" / "sub");
  write(root_ / "run" / "old.txt", "old");
  {
    StagedOutputDir out(root_ / "run", true);
    EXPECT_EQ(read(root_ / "run" / "old.txt"), "old");  // untouched until commit
    write(out.staging() / "new.txt", "new");
    out.commit();
  }
  EXPECT_EQ(names(root_), Names({"run"}));  // old contents deleted, no hidden leftovers
  EXPECT_EQ(names(root_ / "run"), Names({"new.txt"}));
}

TEST_F(MetricsStagedOutputDir, FailedRunKeepsTheFolderItWouldHaveReplaced) {
  fs::create_directory(root_ / "run");
  write(root_ / "run" / "old.txt", "old");
  { StagedOutputDir out(root_ / "run", true); }
  EXPECT_EQ(names(root_), Names({"run"}));
  EXPECT_EQ(read(root_ / "run" / "old.txt"), "old");
}

TEST_F(MetricsStagedOutputDir, EmptyExistingFolderIsAccepted) {
  fs::create_directory(root_ / "run");
  StagedOutputDir out(root_ / "run", false);
  write(out.staging() / "a.txt", "a");
  out.commit();
  EXPECT_EQ(names(root_ / "run"), Names({"a.txt"}));
}

TEST_F(MetricsStagedOutputDir, FolderFilledDuringTheRunIsNotReplacedWithoutPermission) {
  {
    StagedOutputDir out(root_ / "run", false);
    fs::create_directory(root_ / "run");
    write(root_ / "run" / "other.txt", "someone else's");
    EXPECT_THROW(out.commit(), OutputDirError);
  }
  EXPECT_EQ(names(root_), Names({"run"}));
  EXPECT_EQ(names(root_ / "run"), Names({"other.txt"}));
}

TEST_F(MetricsStagedOutputDir, ExistingFileIsRefusedEvenWithReplace) {
  write(root_ / "run", "a file");
  EXPECT_THROW(StagedOutputDir(root_ / "run", true), OutputDirError);
  EXPECT_EQ(read(root_ / "run"), "a file");
}

TEST_F(MetricsStagedOutputDir, CreatesMissingParents) {
  StagedOutputDir out(root_ / "runs" / "deep" / "run", false);
  out.commit();
  EXPECT_TRUE(fs::is_directory(root_ / "runs" / "deep" / "run"));
}

TEST_F(MetricsStagedOutputDir, TrailingSeparatorNamesTheSameFolder) {
  StagedOutputDir out(root_.string() + "/run/", false);
  EXPECT_EQ(out.final_dir(), root_ / "run");
  out.commit();
  EXPECT_EQ(names(root_), Names({"run"}));
}

TEST_F(MetricsStagedOutputDir, CommitTwiceIsABug) {
  StagedOutputDir out(root_ / "run", false);
  out.commit();
  EXPECT_THROW(out.commit(), std::logic_error);
}

TEST_F(MetricsStagedOutputDir, NeverReplacesRootOrCurrentFolder) {
  EXPECT_THROW(StagedOutputDir("/", true), OutputDirError);
  EXPECT_THROW(StagedOutputDir(".", true), OutputDirError);
  EXPECT_THROW(StagedOutputDir(fs::current_path().parent_path(), true), OutputDirError);
}

TEST_F(MetricsStagedOutputDir, StagingFailureIsAnOutputDirError) {
  write(root_ / "file", "x");  // a file where a parent folder should be
  EXPECT_THROW(StagedOutputDir(root_ / "file" / "run", false), OutputDirError);
}

// Restores TZ on exit so that other tests see the machine's zone.
class MetricsDefaultRunDir : public MetricsStagedOutputDir {
 protected:
  void SetUp() override {
    MetricsStagedOutputDir::SetUp();
    if (const char* tz = getenv("TZ")) saved_tz_ = tz;
    setenv("TZ", "UTC0", 1);
    tzset();
  }
  void TearDown() override {
    if (saved_tz_.empty()) {
      unsetenv("TZ");
    } else {
      setenv("TZ", saved_tz_.c_str(), 1);
    }
    tzset();
    MetricsStagedOutputDir::TearDown();
  }
  std::string saved_tz_;
};

constexpr std::time_t kJan2nd2024At030405Utc = 1704164645;

TEST_F(MetricsDefaultRunDir, ScenarioStemAndTimestamp) {
  EXPECT_EQ(default_run_dir(root_, "scenarios/dsd_sync.json", kJan2nd2024At030405Utc),
            root_ / "dsd_sync-20240102-030405");
  EXPECT_TRUE(names(root_).empty());  // picks a name, creates nothing
}

TEST_F(MetricsDefaultRunDir, EmptyScenarioPathStillGivesAName) {
  EXPECT_EQ(default_run_dir(root_, "", kJan2nd2024At030405Utc), root_ / "run-20240102-030405");
}

TEST_F(MetricsDefaultRunDir, TakenNamesGetASuffix) {
  const fs::path first = default_run_dir(root_, "x.json", kJan2nd2024At030405Utc);
  fs::create_directory(first);
  const fs::path second = default_run_dir(root_, "x.json", kJan2nd2024At030405Utc);
  EXPECT_EQ(second, root_ / "x-20240102-030405-2");
  fs::create_directory(second);
  EXPECT_EQ(default_run_dir(root_, "x.json", kJan2nd2024At030405Utc),
            root_ / "x-20240102-030405-3");
}

TEST_F(MetricsDefaultRunDir, ClockVersionUsesTheSameScheme) {
  const std::string name = default_run_dir(root_, "a/b/scen.json").filename().string();
  EXPECT_EQ(name.rfind("scen-", 0), 0u) << name;
  EXPECT_EQ(name.size(), std::string("scen-YYYYmmdd-HHMMSS").size()) << name;
}

}  // namespace
}  // namespace dsdsi

namespace dsdsi {
namespace {

// A process id that no process has: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

class MetricsStagedLeftovers : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "dsdsi-left-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(MetricsStagedLeftovers, StagingOfADeadProcessIsRemovedOthersAreKept) {
  const std::string dead = std::to_string(dead_pid());
  const std::string alive = std::to_string(getppid());
  const std::vector<std::string> removed = {".run.staging-" + dead + "-0",
                                            ".run.old-" + dead + "-3"};
  const std::vector<std::string> kept = {
      ".run.staging-" + alive + "-0",   // its process still runs
      ".other.staging-" + dead + "-0",  // another output folder's
      ".run.staging-x-0",               // not dsdsi's name pattern
      ".run.staging-" + dead + "-0-extra"};
  for (const auto& name : removed) {
    fs::create_directories(root_ / name / "points");
    std::ofstream(root_ / name / "points" / "f") << "x";
  }
  for (const auto& name : kept) fs::create_directories(root_ / name);
  // A symbolic link with the pattern is never followed nor removed.
  fs::create_directories(root_ / "target");
  fs::create_directory_symlink(root_ / "target", root_ / (".run.staging-" + dead + "-1"));

  StagedOutputDir out(root_ / "run", false);
  for (const auto& name : removed) EXPECT_FALSE(fs::exists(root_ / name)) << name;
  for (const auto& name : kept) EXPECT_TRUE(fs::exists(root_ / name)) << name;
  EXPECT_TRUE(fs::is_symlink(root_ / (".run.staging-" + dead + "-1")));
  EXPECT_TRUE(fs::exists(root_ / "target"));
}

TEST_F(MetricsStagedLeftovers, ParentsCreatedForAFailedRunAreRemoved) {
  fs::create_directories(root_ / "existing");
  {
    StagedOutputDir out(root_ / "existing" / "a" / "b" / "run", false);
    EXPECT_TRUE(fs::is_directory(root_ / "existing" / "a" / "b"));
  }  // not committed: the run failed
  EXPECT_FALSE(fs::exists(root_ / "existing" / "a"));
  EXPECT_TRUE(fs::is_directory(root_ / "existing"));  // was there before
}

TEST_F(MetricsStagedLeftovers, ParentsOfACommittedRunStay) {
  {
    StagedOutputDir out(root_ / "a" / "run", false);
    out.commit();
  }
  EXPECT_TRUE(fs::is_directory(root_ / "a" / "run"));
}

}  // namespace
}  // namespace dsdsi
