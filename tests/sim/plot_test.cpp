// tools/plot turns the shipped RTT sweep and one of its runs into real figures: PNG files of a
// reasonable size with more than one colour and ink on them (tests/sim/check_png.py), made
// with Debian's /usr/bin/python3 and python3-matplotlib, which the set-up installs.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

const std::string kPython = "/usr/bin/python3";

TEST(PlotFigures, RttSweepAndRunGiveNonBlankPngs) {
  dsdsi::test::TempDir dir;
  const auto sweep = dir.path() / "rtt";
  const auto run = dsdsi::test::run_dsdsi(
      {"sweep", dsdsi::test::source_path("scenarios/rtt_sweep_modes.json").string(), "--out",
       sweep.string(), "--jobs", "2", "--set", "workload.requests_per_client=2", "--set",
       "workload.output_tokens=64"});
  ASSERT_EQ(run.exit_code, 0) << run.output;

  const std::string plot = dsdsi::test::source_path("tools/plot").string();
  const auto figures = dir.path() / "figures";
  const auto sweep_plot =
      dsdsi::test::run_program(kPython, {plot, sweep.string(), "--out", figures.string()});
  ASSERT_EQ(sweep_plot.exit_code, 0) << sweep_plot.output;
  const auto run_plot = dsdsi::test::run_program(
      kPython, {plot, (sweep / "points" / "0000").string(), "--out", figures.string()});
  ASSERT_EQ(run_plot.exit_code, 0) << run_plot.output;

  const std::vector<std::string> pngs = {(figures / "tpot_vs_rtt.png").string(),
                                         (figures / "latency_cdf.png").string()};
  std::vector<std::string> args = {dsdsi::test::source_path("tests/sim/check_png.py").string(),
                                   "640", "400"};
  args.insert(args.end(), pngs.begin(), pngs.end());
  const auto check = dsdsi::test::run_program(kPython, args);
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

TEST(PlotFigures, BlankImageFailsTheCheck) {
  // The check itself can fail: a white image of the right size is refused.
  dsdsi::test::TempDir dir;
  const auto blank = dir.path() / "blank.png";
  const auto made = dsdsi::test::run_program(
      kPython, {"-c",
                "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt; "
                "f = plt.figure(figsize=(8, 5)); f.savefig('" +
                    blank.string() + "', dpi=100)"});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const auto check = dsdsi::test::run_program(
      kPython,
      {dsdsi::test::source_path("tests/sim/check_png.py").string(), "640", "400", blank.string()});
  EXPECT_EQ(check.exit_code, 1) << check.output;
}

TEST(PlotFigures, NeitherSweepNorRunIsAnError) {
  dsdsi::test::TempDir dir;
  const auto result = dsdsi::test::run_program(
      kPython, {dsdsi::test::source_path("tools/plot").string(), dir.path().string()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("neither a sweep"), std::string::npos) << result.output;
}

}  // namespace
