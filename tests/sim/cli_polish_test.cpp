// The command line's rough edges, each with its fix: --set without '=', global flags after the
// subcommand, SimGrid --cfg keys that are unknown or that dsdsi sets itself, `params KEY` and
// `params --json`, and `validate` checking a sweep block.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "run_binary.hpp"

namespace {

using dsdsi::test::run_dsdsi;
using dsdsi::test::source_path;

std::string quickstart() { return source_path("scenarios/quickstart.json").string(); }

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(CliPolish, SetWithoutEqualsExplainsTheForm) {
  const auto run = run_dsdsi({"validate", quickstart(), "--set", "network.rtt_ms", "80"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--set network.rtt_ms 80: --set takes PATH=VALUE as one argument, "
                            "e.g. --set network.rtt_ms=80"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("not expected"), std::string::npos) << run.output;
}

TEST(CliPolish, VerboseFlagWorksAfterTheSubcommand) {
  dsdsi::test::TempDir dir;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-v", "run", quickstart()}, {"run", quickstart(), "-v"}, {"run", "-v", quickstart()}}) {
    auto with_out = args;
    with_out.insert(with_out.end(), {"--out", (dir.path() / "r").string(), "--force", "--set",
                                     "workload.requests_per_client=1"});
    const auto run = run_dsdsi(with_out);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("[dsdsi info]"), std::string::npos) << run.output;
  }
  const auto version = run_dsdsi({"params", "--version"});
  EXPECT_EQ(version.exit_code, 0) << version.output;
  EXPECT_EQ(version.output.rfind("dsdsi ", 0), 0u) << version.output;
}

TEST(CliPolish, UnknownCfgKeyIsOneLineAndExitTwo) {
  const auto run = run_dsdsi({"validate", quickstart(), "--cfg=bogus/key:1"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(lines_of(run.output), 1u) << run.output;  // not SimGrid's list of every option
  EXPECT_NE(run.output.find("--cfg=bogus/key:1: SimGrid has no option \"bogus/key\""),
            std::string::npos)
      << run.output;
  const auto typo = run_dsdsi({"validate", quickstart(), "--cfg=network/modle:CM02"});
  EXPECT_EQ(typo.exit_code, 2) << typo.output;
  EXPECT_NE(typo.output.find("did you mean \"network/model\""), std::string::npos) << typo.output;
}

TEST(CliPolish, UnknownCfgKeyStopsASweepBeforeAnyPoint) {
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "s";
  const auto run = run_dsdsi({"sweep", source_path("scenarios/rtt_sweep_modes.json").string(),
                              "--out", out.string(), "--cfg=bogus/key:1"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(lines_of(run.output), 1u) << run.output;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(CliPolish, CfgThatDsdsiOverridesWarnsWithTheScenarioKey) {
  const auto run = run_dsdsi({"validate", quickstart(), "--cfg=network/model:LV08"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("--cfg=network/model:LV08 is ignored"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("--set network.model=tcp"), std::string::npos) << run.output;
  // A key dsdsi leaves alone is passed on silently.
  const auto other = run_dsdsi({"validate", quickstart(), "--cfg=maxmin/precision:1e-9"});
  EXPECT_EQ(other.exit_code, 0) << other.output;
  EXPECT_EQ(other.output.find("warning"), std::string::npos) << other.output;
}

TEST(CliPolish, ParamsFiltersByKeyAndPrintsJson) {
  const auto exact = run_dsdsi({"params", "network.rtt_ms"});
  EXPECT_EQ(exact.exit_code, 0) << exact.output;
  EXPECT_EQ(lines_of(exact.output), 3u) << exact.output;  // header, rule, one row
  EXPECT_NE(exact.output.find("| `network.rtt_ms` |"), std::string::npos) << exact.output;

  const auto json = run_dsdsi({"params", "cloud", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const auto rows = nlohmann::json::parse(json.output);
  ASSERT_GT(rows.size(), 3u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("path").get<std::string>().rfind("cloud", 0), 0u) << row;
    for (const char* key : {"type", "unit", "required", "valid_values", "meaning"}) {
      EXPECT_TRUE(row.contains(key)) << key << " " << row;
    }
  }
  const auto max_batch = std::find_if(
      rows.begin(), rows.end(), [](const auto& r) { return r.at("path") == "cloud.max_batch"; });
  ASSERT_NE(max_batch, rows.end());
  EXPECT_EQ(max_batch->at("default"), 1);

  const auto unknown = run_dsdsi({"params", "netwrk.rtt_ms"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("did you mean \"network.rtt_ms\""), std::string::npos)
      << unknown.output;
}

TEST(CliPolish, ValidateChecksTheSweepBlock) {
  dsdsi::test::TempDir dir;
  const auto scenario = dir.path() / "s.json";
  {
    std::ofstream out(scenario);
    out << R"({"schema_version": 1, "sweep": {"grid": {"network.rtt": [1, 2]}}})";
  }
  const auto bad = run_dsdsi({"validate", scenario.string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find(scenario.string() + ": /sweep/grid/network.rtt: unknown parameter"),
            std::string::npos)
      << bad.output;
  const auto good = run_dsdsi({"validate", source_path("scenarios/rtt_sweep_modes.json").string()});
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_NE(good.output.find("sweep ok (55 points"), std::string::npos) << good.output;
}

}  // namespace
