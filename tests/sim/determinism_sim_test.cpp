// Same scenario and seed -> byte-identical simulated outputs, with many clients, batching and a
// batch window (the cases where event order could leak in). A different seed must change them,
// or the comparison would prove nothing.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

const std::vector<std::string> kBusyServer = {
    "workload.clients=60",        "workload.requests_per_client=3",
    "workload.output_tokens=120", "workload.think_ms=5",
    "cloud.max_batch=8",          "cloud.batch_window_ms=3"};

std::vector<std::string> with(std::vector<std::string> sets, const std::string& extra) {
  sets.push_back(extra);
  return sets;
}

class DeterminismSim : public ::testing::TestWithParam<std::string> {};

TEST_P(DeterminismSim, SameSeedGivesIdenticalFiles) {
  const std::string scenario = dsdsi::test::source_path("scenarios/quickstart.json").string();
  dsdsi::test::TempDir dir;
  const auto sets = with(kBusyServer, "mode=" + GetParam());
  dsdsi::test::run_and_summarize(scenario, sets, dir.path() / "a");
  dsdsi::test::run_and_summarize(scenario, sets, dir.path() / "b");
  dsdsi::test::run_and_summarize(scenario, with(sets, "seed=2"), dir.path() / "c");
  for (const char* file : {"summary.json", "requests.csv", "rounds.csv", "clients.csv"}) {
    const auto a = dsdsi::test::read_text(dir.path() / "a" / file);
    ASSERT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, dsdsi::test::read_text(dir.path() / "b" / file)) << file;
  }
  EXPECT_NE(dsdsi::test::read_text(dir.path() / "a" / "rounds.csv"),
            dsdsi::test::read_text(dir.path() / "c" / "rounds.csv"));
}

INSTANTIATE_TEST_SUITE_P(Modes, DeterminismSim,
                         ::testing::Values("dsd_sync", "dsd_pipelined", "colocated_sd"));

}  // namespace

namespace {

// The mixed fleet: device classes, drawn RTTs, jitter, shared access links and energy, with
// batching. Everything random is drawn from per-client streams, so two runs agree to the byte
// (energy included) and another seed differs.
TEST(DeterminismSim, EdgeFleetWithEveryRandomNetworkFeatureIsReproducible) {
  const std::string scenario = dsdsi::test::source_path("scenarios/edge_fleet.json").string();
  dsdsi::test::TempDir dir;
  const std::vector<std::string> sets = {"workload.requests_per_client=2"};
  dsdsi::test::run_and_summarize(scenario, sets, dir.path() / "a");
  dsdsi::test::run_and_summarize(scenario, sets, dir.path() / "b");
  dsdsi::test::run_and_summarize(scenario, with(sets, "seed=2"), dir.path() / "c");
  for (const char* file :
       {"summary.json", "requests.csv", "rounds.csv", "clients.csv", "servers.csv"}) {
    const auto a = dsdsi::test::read_text(dir.path() / "a" / file);
    ASSERT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, dsdsi::test::read_text(dir.path() / "b" / file)) << file;
  }
  EXPECT_NE(dsdsi::test::read_text(dir.path() / "a" / "clients.csv"),
            dsdsi::test::read_text(dir.path() / "c" / "clients.csv"));
}

}  // namespace
