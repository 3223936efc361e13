// dsdsi sweep's --keep-traces (what each point's folder keeps) and its progress lines when
// stderr is not a terminal (the tests' pipe stands in for a Slurm log).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "run_binary.hpp"
#include "sweep_outputs.hpp"

namespace {

using dsdsi::test::run_dsdsi;
using dsdsi::test::sweep_data;
using dsdsi::test::TempDir;

std::set<std::string> files_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

TEST(SweepKeepTraces, EachLevelKeepsItsFilesAndTheSameRows) {
  TempDir dir;
  const std::set<std::string> every = {"summary.json", "run.json",    "requests.csv",
                                       "rounds.csv",   "clients.csv", "servers.csv"};
  std::map<std::string, std::string> csv;
  for (const std::string keep : {"all", "summary", "none"}) {
    const auto out = dir.path() / keep;
    std::vector<std::string> args = {
        "sweep", sweep_data("small.json"),        "--out", out.string(), "--jobs", "2",
        "--set", "workload.requests_per_client=1"};
    if (keep != "summary") args.insert(args.end(), {"--keep-traces", keep});  // the default
    const auto run = run_dsdsi(args);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    csv[keep] = dsdsi::test::read_text(out / "sweep.csv");
    for (const auto& point : std::filesystem::directory_iterator(out / "points")) {
      const auto names = files_in(point.path());
      if (keep == "none") {
        EXPECT_EQ(names, (std::set<std::string>{"summary.json", "run.json"})) << point.path();
      } else {
        // Whatever else a run writes (new outputs included) is kept; rounds.csv only by "all".
        for (const auto& name : every) {
          if (name == "rounds.csv" && keep == "summary") {
            EXPECT_EQ(names.count(name), 0u) << point.path();
          } else {
            EXPECT_EQ(names.count(name), 1u) << name << " missing in " << point.path();
          }
        }
      }
    }
  }
  EXPECT_EQ(csv["all"], csv["summary"]);
  EXPECT_EQ(csv["all"], csv["none"]);

  const auto bad = run_dsdsi({"sweep", sweep_data("small.json"), "--out",
                              (dir.path() / "bad").string(), "--keep-traces", "some"});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "bad"));
}

TEST(SweepProgressLog, PlainLinesEveryIntervalWhenStderrIsNotATerminal) {
  TempDir dir;
  // small.json has 8000-token points, so the sweep lasts several 50 ms intervals.
  const auto run =
      run_dsdsi({"sweep", sweep_data("small.json"), "--out", (dir.path() / "s").string(), "--jobs",
                 "1", "--progress-every", "0.05"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::regex line(R"(sweep: (\d+)/12 points done, 0 failed, \d+:\d\d elapsed, ETA )");
  std::size_t lines = 0;
  long last_done = -1;
  bool monotone = true;
  for (auto it = std::sregex_iterator(run.output.begin(), run.output.end(), line);
       it != std::sregex_iterator(); ++it) {
    ++lines;
    const long done = std::stol((*it)[1]);
    monotone = monotone && done >= last_done;
    last_done = done;
  }
  EXPECT_GE(lines, 3u) << run.output;
  EXPECT_TRUE(monotone) << run.output;
  EXPECT_EQ(last_done, 12) << run.output;  // the last line, at the end
  EXPECT_EQ(run.output.find('\r'), std::string::npos) << "no terminal redraws in a log";
}

}  // namespace
