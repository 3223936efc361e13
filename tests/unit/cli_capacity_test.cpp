#include <gtest/gtest.h>

#include "dsdsi/cli/capacity_search.hpp"
#include "dsdsi/cli/slo.hpp"
#include "dsdsi/config/config_error.hpp"

using namespace dsdsi::cli;

namespace {

// Runs the search against a pass/fail rule and returns the probes it made.
std::vector<std::int64_t> search(CapacitySearch& s, std::int64_t true_capacity) {
  std::vector<std::int64_t> probes;
  while (const auto next = s.next_probe()) {
    probes.push_back(*next);
    s.record(*next, *next <= true_capacity);
    if (probes.size() > 64) break;
  }
  return probes;
}

}  // namespace

TEST(CliCapacitySearch, FindsTheLargestPassingCountByBisection) {
  for (std::int64_t truth : {1, 2, 37, 999, 1000}) {
    CapacitySearch s(1, 1000);
    const auto probes = search(s, truth);
    ASSERT_TRUE(s.capacity().has_value()) << truth;
    EXPECT_EQ(*s.capacity(), truth);
    EXPECT_LE(probes.size(), 2u + 10u) << truth;  // min, max, then log2(1000) halvings
    EXPECT_EQ(s.capped_at_max(), truth == 1000);
  }
}

TEST(CliCapacitySearch, NoCapacityWhenTheMinimumFails) {
  CapacitySearch s(5, 100);
  const auto probes = search(s, 3);
  EXPECT_EQ(probes, (std::vector<std::int64_t>{5}));
  EXPECT_FALSE(s.capacity().has_value());
}

TEST(CliSlo, ParsesBothSpellingsAndRejectsBadOnes) {
  const auto slos = parse_slos({"tpot_ms_p95=50", "ttft_p99_ms=1000"});
  ASSERT_EQ(slos.size(), 2u);
  EXPECT_EQ(slos[0].metric, "tpot_ms_p95");
  EXPECT_EQ(slos[1].metric, "ttft_ms_p99");
  EXPECT_DOUBLE_EQ(slos[1].max_value, 1000);
  try {
    parse_slos({"tpot_ms_p95", "throughput=3", "tpot_ms_p95=-1", "e2e_ms_mean=abc"});
    FAIL() << "expected a ConfigError";
  } catch (const dsdsi::ConfigError& e) {
    EXPECT_EQ(e.problems().size(), 4u);
  }
  EXPECT_THROW(parse_slos({}), dsdsi::ConfigError);
}

TEST(CliSlo, NullMetricDoesNotMeetTheObjective) {
  const Slo slo{"tpot_ms_p95", 50};
  EXPECT_TRUE(meets(slo, {{"tpot_ms_p95", 49.9}}));
  EXPECT_FALSE(meets(slo, {{"tpot_ms_p95", 50.1}}));
  EXPECT_FALSE(meets(slo, {{"tpot_ms_p95", nullptr}}));
}
