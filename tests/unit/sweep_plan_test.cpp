// plan_sweep: every point validated through load_scenario before anything runs, every problem
// at once, each named by the sweep entry that caused it.
#include "dsdsi/config/sweep_plan.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>

#include "dsdsi/config/config_error.hpp"

namespace dsdsi {
namespace {

class SweepPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("dsdsi-sweep-plan-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& text) {
    const auto file = dir_ / "s.json";
    std::ofstream(file) << text;
    return file.string();
  }

  std::vector<std::string> problems_of(const std::string& path,
                                       const std::vector<std::string>& sets = {}) {
    try {
      plan_sweep(path, sets);
    } catch (const ConfigError& error) {
      return error.problems();
    }
    ADD_FAILURE() << "expected a ConfigError";
    return {};
  }

  std::filesystem::path dir_;
};

TEST_F(SweepPlanTest, EveryPointIsLoaded) {
  const auto path = write(R"({"schema_version": 1, "seed": 5,
    "sweep": {"grid": {"mode": ["cloud_ar", "dsd_sync"], "speculation.gamma": [2, 8]},
              "repeats": 2}})");
  const SweepPlan plan = plan_sweep(path, {"network.rtt_ms=33"});
  ASSERT_EQ(plan.points.size(), 8u);
  EXPECT_EQ(plan.points[0].scenario.mode, DecodingMode::cloud_ar);
  EXPECT_EQ(plan.points[0].scenario.seed, 5u);
  EXPECT_EQ(plan.points[1].scenario.seed, 6u);
  EXPECT_EQ(plan.points[7].scenario.mode, DecodingMode::dsd_sync);
  EXPECT_EQ(plan.points[7].scenario.speculation.gamma, 8);
  for (const auto& p : plan.points) EXPECT_EQ(p.scenario.network.rtt_ms.value, 33);
}

TEST_F(SweepPlanTest, BadValuesAreAllReportedOnceEach) {
  const auto path = write(R"({"schema_version": 1,
    "sweep": {"grid": {"network.rtt_ms": [1, -20, 5], "speculation.gamma": [2, 0],
                       "mode": ["dsd_sync", "dsd_sink"]}, "repeats": 3}})");
  const auto problems = problems_of(path);
  // 36 points meet these 3 problems; each is listed once.
  const std::set<std::string> expected = {
      path +
          ": /sweep/grid/mode/1: /mode: must be one of \"cloud_ar\", \"colocated_sd\", "
          "\"dsd_sync\", \"dsd_pipelined\", \"edge_ar\", got \"dsd_sink\" (did you mean "
          "\"dsd_sync\"?)",
      path +
          ": /sweep/grid/network.rtt_ms/1: /network/rtt_ms: "
          "must be a number >= 0 and <= 1000000000 (shorthand for {\"dist\": \"fixed\", \"value\": "
          "...}) or an object whose \"dist\" is one of \"fixed\", \"uniform\", \"lognormal\", "
          "\"list\", got -20",
      path +
          ": /sweep/grid/speculation.gamma/1: /speculation/gamma: must be an integer >= 1 "
          "and <= 256, got 0"};
  EXPECT_EQ(problems.size(), 3u);
  EXPECT_EQ(std::set<std::string>(problems.begin(), problems.end()), expected);
}

TEST_F(SweepPlanTest, SetOnAnAxisIsRefused) {
  const auto path = write(R"({"schema_version": 1,
    "sweep": {"grid": {"network.rtt_ms": [1, 2]}}})");
  const auto problems = problems_of(path, {"network.rtt_ms=5"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "--set network.rtt_ms=5: \"network.rtt_ms\" is also a sweep axis "
            "(/sweep/grid/network.rtt_ms), whose values would replace this one");
}

TEST_F(SweepPlanTest, NoSweepBlockIsRefused) {
  const auto path = write(R"({"schema_version": 1})");
  const auto problems = problems_of(path);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind(path + ": no \"sweep\" block", 0), 0u) << problems[0];
}

TEST_F(SweepPlanTest, BadScenarioStopsBeforeTheSweep) {
  const auto path = write(R"({"schema_version": 1, "speculation": {"gama": 4},
    "sweep": {"grid": {"nope": [1]}}})");
  const auto problems = problems_of(path);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/speculation/gama: unknown key"), std::string::npos);
}

}  // namespace
}  // namespace dsdsi
