// Fleets larger than guard pages allow (config/actor_budget.hpp): 40,000 clients of one actor
// each need 80,000 memory mappings with a guard page per stack, more than Linux allows a process
// by default (65,530; SimGrid 3.32 then aborts at start-up). Without guard pages, which dsdsi
// chooses above 31,000 actors, the run starts and every request is served; its stacks are then
// kLargeFleetStackKiB each (SimGrid's 8 MiB would cost a page-table page per actor). SimGrid's
// configuration log (--log=xbt_cfg.thres:info) says what was chosen. 4 s, 0.8 GB.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dsdsi/config/actor_budget.hpp"
#include "run_binary.hpp"

namespace {

std::vector<std::string> fleet_run(const std::string& clients, const std::string& out) {
  return {"run",
          dsdsi::test::source_path("scenarios/quickstart.json").string(),
          "--out",
          out,
          "--set",
          "workload.clients=" + clients,
          "--set",
          "workload.requests_per_client=1",
          "--set",
          "workload.output_tokens=4",
          "--set",
          "cloud.max_batch=256",
          "--log=xbt_cfg.thres:info"};
}

const std::string kNoGuards = "Set 'contexts/guard-size' to '0'";
const std::string kSmallStacks =
    "Set 'contexts/stack-size' to '" + std::to_string(dsdsi::kLargeFleetStackKiB) + "'";

TEST(LargeFleetSim, FortyThousandClientsStartAndFinish) {
  dsdsi::test::TempDir dir;
  const auto run = dsdsi::test::run_dsdsi(fleet_run("40000", (dir.path() / "out").string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(kNoGuards), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(kSmallStacks), std::string::npos) << run.output;
  const auto summary = dsdsi::test::read_json(dir.path() / "out" / "summary.json");
  EXPECT_EQ(summary.at("requests"), 40000);
  EXPECT_EQ(summary.at("output_tokens"), 160000);
  EXPECT_GE(summary.at("rounds").get<std::int64_t>(), 40000);  // a verification round each
}

TEST(LargeFleetSim, SmallFleetsKeepSimGridsStacksAndGuards) {
  dsdsi::test::TempDir dir;
  const auto run = dsdsi::test::run_dsdsi(fleet_run("1000", (dir.path() / "out").string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("contexts/guard-size"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("contexts/stack-size"), std::string::npos) << run.output;
}

TEST(LargeFleetSim, TheUsersStackSizeWins) {
  dsdsi::test::TempDir dir;
  auto args = fleet_run("40000", (dir.path() / "out").string());
  args.push_back("--cfg=contexts/stack-size:1024");
  const auto run = dsdsi::test::run_dsdsi(args);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Set 'contexts/stack-size' to '1024'"), std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find(kSmallStacks), std::string::npos) << run.output;
}

}  // namespace
