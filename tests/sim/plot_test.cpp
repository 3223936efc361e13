// tools/plot turns every shipped sweep, a run with device classes, a capacity folder and a
// timeline into real figures: PNG files of a reasonable size with more than one colour and ink
// on them (tests/sim/check_png.py), made with Debian's /usr/bin/python3 and
// python3-matplotlib, which the set-up installs.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "run_binary.hpp"

namespace {

const std::string kPython = "/usr/bin/python3";

std::vector<std::string> files_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  if (!std::filesystem::exists(dir)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Every PNG in `dir` is a real figure (check_png.py); returns its report.
dsdsi::test::BinaryRun check_pngs(const std::filesystem::path& dir) {
  std::vector<std::string> args = {dsdsi::test::source_path("tests/sim/check_png.py").string(),
                                   "480", "300"};
  for (const auto& name : files_in(dir)) args.push_back((dir / name).string());
  return dsdsi::test::run_program(kPython, args);
}

dsdsi::test::BinaryRun plot(const std::vector<std::string>& args) {
  std::vector<std::string> all = {dsdsi::test::source_path("tools/plot").string()};
  all.insert(all.end(), args.begin(), args.end());
  return dsdsi::test::run_program(kPython, all);
}

// Every shipped sweep, at a tiny horizon (one 16-token request per client: the figures' shapes
// do not matter here, only that each renders), gives its figures without error. The figures a
// sweep must give are named for the sweeps whose layout the issue singled out.
TEST(PlotFigures, EveryShippedSweepRenders) {
  dsdsi::test::TempDir dir;
  const std::map<std::string, std::vector<std::string>> expected = {
      {"rtt_sweep_modes", {"tpot_vs_rtt.png"}},
      {"gamma_rtt", {"throughput_vs_gamma.png", "tpot_vs_gamma.png", "tpot_vs_rtt.png"}},
      {"table3_speculation_at_a_distance", {"tpot_vs_rtt.png"}},
      {"modes_over_access_networks", {"metrics_by_platform.png"}},
      {"policies_over_rtt", {"tpot_vs_rtt.png"}},
  };
  std::size_t sweeps = 0;
  std::vector<std::string> folders;
  std::vector<std::string> pngs = {dsdsi::test::source_path("tests/sim/check_png.py").string(),
                                   "480", "300"};
  for (const auto& entry :
       std::filesystem::directory_iterator(dsdsi::test::source_path("scenarios"))) {
    if (entry.path().extension() != ".json") continue;
    if (!dsdsi::test::read_json(entry.path()).contains("sweep")) continue;
    ++sweeps;
    const std::string name = entry.path().stem().string();
    const auto out = dir.path() / name;
    const auto run = dsdsi::test::run_dsdsi(
        {"sweep", entry.path().string(), "--out", out.string(), "--jobs", "2", "--set",
         "workload.requests_per_client=1", "--set", "workload.output_tokens=16"});
    ASSERT_EQ(run.exit_code, 0) << name << "\n" << run.output;
    folders.push_back(out.string());
  }
  EXPECT_GE(sweeps, 8u);  // the shipped sweeps at the time of writing
  // All in one tools/plot (each Python start costs seconds on a loaded machine).
  const auto drawn = plot(folders);
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  for (const auto& folder : folders) {
    const std::string name = std::filesystem::path(folder).filename().string();
    const auto figures = std::filesystem::path(folder) / "figures";
    const auto names = files_in(figures);
    EXPECT_FALSE(names.empty()) << name;
    if (const auto it = expected.find(name); it != expected.end()) {
      for (const auto& figure : it->second) {
        EXPECT_NE(std::find(names.begin(), names.end(), figure), names.end())
            << name << " lacks " << figure << "\n" << drawn.output;
      }
    }
    for (const auto& figure : names) pngs.push_back((figures / figure).string());
  }
  // One check of every figure (each Python start costs a second or more on a loaded machine).
  const auto check = dsdsi::test::run_program(kPython, pngs);
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

// A run with device classes gets per-class figures; --format and --size are honoured.
TEST(PlotFigures, RunWithDeviceClassesFormatsAndSize) {
  dsdsi::test::TempDir dir;
  const auto run_dir = dir.path() / "fleet";
  const auto run = dsdsi::test::run_dsdsi(
      {"run", dsdsi::test::source_path("scenarios/edge_fleet.json").string(), "--out",
       run_dir.string(), "--set", "workload.requests_per_client=1", "--set",
       "workload.output_tokens=32"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto png = plot({run_dir.string(), "--out", (dir.path() / "png").string()});
  ASSERT_EQ(png.exit_code, 0) << png.output;
  EXPECT_EQ(files_in(dir.path() / "png"),
            (std::vector<std::string>{"by_class.png", "latency_cdf.png", "timeline.png"}));
  EXPECT_EQ(check_pngs(dir.path() / "png").exit_code, 0);

  for (const std::string format : {"pdf", "svg"}) {
    const auto other = plot({run_dir.string(), "--out", (dir.path() / format).string(),
                             "--format", format, "--no-title"});
    ASSERT_EQ(other.exit_code, 0) << other.output;
    const auto text = dsdsi::test::read_text(dir.path() / format / ("latency_cdf." + format));
    EXPECT_NE(text.find(format == "pdf" ? "%PDF" : "<svg"), std::string::npos) << format;
  }
  // --size 5,3 at 110 dpi: about 550 x 330 pixels before the legend widens it.
  const auto sized = plot({run_dir.string(), "--out", (dir.path() / "sized").string(), "--size",
                           "5,3"});
  ASSERT_EQ(sized.exit_code, 0) << sized.output;
  const auto small = dsdsi::test::run_program(
      kPython, {"-c",
                "import matplotlib.image as m, sys; h, w = m.imread(sys.argv[1]).shape[:2]; "
                "sys.exit(0 if 300 <= h <= 420 and 500 <= w <= 900 else 1)",
                (dir.path() / "sized" / "latency_cdf.png").string()});
  EXPECT_EQ(small.exit_code, 0) << small.output;
  const auto bad = plot({run_dir.string(), "--size", "5x3"});
  EXPECT_NE(bad.exit_code, 0);
}

// A capacity folder and a timeline.csv (written here by hand: its columns are read from the
// file, not assumed) give their figures.
TEST(PlotFigures, CapacityFolderAndTimeline) {
  dsdsi::test::TempDir dir;
  const auto cap = dir.path() / "cap";
  const auto run = dsdsi::test::run_dsdsi(
      {"capacity", dsdsi::test::source_path("scenarios/quickstart.json").string(), "--slo",
       "tpot_ms_p95=60", "--max", "16", "--modes", "dsd_sync,colocated_sd", "--set",
       "workload.requests_per_client=1", "--set", "workload.output_tokens=16", "--out",
       cap.string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto drawn = plot({cap.string()});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  EXPECT_EQ(files_in(cap / "figures"), std::vector<std::string>{"capacity.png"});
  EXPECT_EQ(check_pngs(cap / "figures").exit_code, 0);

  const auto timeline = dir.path() / "timeline.csv";
  {
    std::ofstream out(timeline);
    out << "t_start_ms,t_end_ms,server,arrivals,busy_fraction,queue_length_mean\n";
    for (int i = 0; i < 20; ++i) {
      for (int server = 0; server < 2; ++server) {
        out << i * 100 << ',' << (i + 1) * 100 << ',' << server << ',' << (i * 7 + server) % 5
            << ',' << 0.05 * (i % 20) << ',' << (i % 3) * 0.5 << '\n';
      }
    }
  }
  const auto tl = plot({timeline.string(), "--out", (dir.path() / "tl").string()});
  ASSERT_EQ(tl.exit_code, 0) << tl.output;
  EXPECT_EQ(files_in(dir.path() / "tl"), std::vector<std::string>{"timeline.png"});
  EXPECT_EQ(check_pngs(dir.path() / "tl").exit_code, 0);
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
