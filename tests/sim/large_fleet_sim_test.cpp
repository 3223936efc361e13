// Fleets larger than guard pages allow (config/actor_budget.hpp): 40,000 clients of one actor
// each need 80,000 memory mappings with a guard page per stack, more than Linux allows a process
// by default (65,530; SimGrid 3.32 then aborts at start-up). Without guard pages, which dsdsi
// chooses above 31,000 actors, the run starts and every request is served. 4 s, 1.1 GB.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

TEST(LargeFleetSim, FortyThousandClientsStartAndFinish) {
  dsdsi::test::TempDir dir;
  const auto summary =
      dsdsi::test::run_and_summarize(dsdsi::test::source_path("scenarios/quickstart.json").string(),
                                     {"workload.clients=40000", "workload.requests_per_client=1",
                                      "workload.output_tokens=4", "cloud.max_batch=256"},
                                     dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(summary.at("requests"), 40000);
  EXPECT_EQ(summary.at("output_tokens"), 160000);
  EXPECT_GE(summary.at("rounds").get<std::int64_t>(), 40000);  // a verification round each
}

}  // namespace
