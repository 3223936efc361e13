// Every scenario that ships in scenarios/ validates and runs at a short horizon.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

TEST(ShippedScenarios, EachValidatesAndRunsShort) {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(dsdsi::test::source_path("scenarios"))) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    const auto v = dsdsi::test::run_dsdsi({"validate", entry.path().string()});
    EXPECT_EQ(v.exit_code, 0) << entry.path() << "\n" << v.output;
    dsdsi::test::TempDir dir;
    const auto summary = dsdsi::test::run_and_summarize(
        entry.path().string(), {"workload.requests_per_client=1", "workload.output_tokens=32"},
        dir.path() / "out");
    ASSERT_FALSE(summary.empty()) << entry.path();
    // Every request of the run, whether or not in the measurement window (a scenario with a
    // warm-up leaves some out of the summary): clients x 1 request x 32 tokens.
    long tokens = 0;
    for (const auto& r : dsdsi::test::read_csv(dir.path() / "out" / "requests.csv")) {
      tokens += std::stol(r.at("output_tokens"));
    }
    EXPECT_EQ(tokens,
              32 * dsdsi::test::read_json(dir.path() / "out" / "run.json")
                       .at("scenario")
                       .at("workload")
                       .at("clients")
                       .get<long>())
        << entry.path();
  }
  EXPECT_GE(count, 1);
}

}  // namespace
