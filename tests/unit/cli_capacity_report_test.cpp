// What `dsdsi capacity` reports: bounds on capacities and ratios, the binding SLO, the queueing
// warning's rule, the progress line and its ETA, and which arrivals a search over clients fits.
#include <gtest/gtest.h>

#include "dsdsi/cli/capacity_progress.hpp"
#include "dsdsi/cli/capacity_queueing.hpp"
#include "dsdsi/cli/capacity_report.hpp"
#include "dsdsi/cli/capacity_search.hpp"
#include "dsdsi/cli/load_scaling.hpp"

namespace dsdsi::cli {
namespace {

using nlohmann::json;

CapacityProbe probe(std::int64_t clients, bool pass, double tpot_p95, double ttft_p95) {
  return {clients, pass, json{{"tpot_ms_p95", tpot_p95}, {"ttft_ms_p95", ttft_p95}}};
}

ModeOutcome outcome(const std::string& mode, std::optional<std::int64_t> capacity,
                    bool lower_bound) {
  ModeOutcome o;
  o.mode = mode;
  o.capacity = capacity;
  o.lower_bound = lower_bound;
  return o;
}

TEST(CapacityReport, RatioIsABoundWhenEitherCapacityIs) {
  const auto exact_a = outcome("dsd_sync", 300, false);
  const auto exact_b = outcome("colocated_sd", 100, false);
  const auto capped_a = outcome("dsd_sync", 512, true);
  const auto capped_b = outcome("colocated_sd", 512, true);

  auto r = capacity_ratio(exact_a, exact_b);
  EXPECT_EQ(r.bound, RatioBound::exact);
  EXPECT_DOUBLE_EQ(*r.value, 3.0);
  r = capacity_ratio(capped_a, exact_b);  // the true numerator is >= 512
  EXPECT_EQ(r.bound, RatioBound::lower);
  EXPECT_DOUBLE_EQ(*r.value, 5.12);
  r = capacity_ratio(exact_a, capped_b);  // the true denominator is >= 512
  EXPECT_EQ(r.bound, RatioBound::upper);
  r = capacity_ratio(capped_a, capped_b);  // nothing known: no number
  EXPECT_EQ(r.bound, RatioBound::unknown);
  EXPECT_FALSE(r.value.has_value());
  r = capacity_ratio(exact_a, outcome("colocated_sd", std::nullopt, false));
  EXPECT_FALSE(r.value.has_value());
}

TEST(CapacityReport, AnswerAtMaxIsPrintedAndRecordedAsALowerBound) {
  const std::vector<Slo> slos{{"tpot_ms_p95", 60}};
  auto a = outcome("dsd_sync", 64, true);
  a.probes = {probe(1, true, 30, 100), probe(64, true, 50, 400)};
  auto b = outcome("colocated_sd", 20, false);
  b.probes = {probe(1, true, 20, 90),    probe(64, false, 90, 900),  probe(32, false, 70, 500),
              probe(16, true, 55, 300),  probe(24, false, 61, 350),  probe(20, true, 59, 320),
              probe(22, false, 62, 330), probe(21, false, 60.5, 325)};
  const CapacityRange range{1, 64};
  const std::string text = capacity_answer_text("s.json", {a, b}, slos, range);
  EXPECT_NE(text.find("dsd_sync       >= 64 clients (a lower bound"), std::string::npos) << text;
  EXPECT_NE(text.find("colocated_sd   20 clients (bound by tpot_ms_p95)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("dsd_sync / colocated_sd >= 3.200 (a lower bound"), std::string::npos)
      << text;

  const auto results = capacity_results({a, b}, slos, range);
  EXPECT_EQ(results.at("modes").at(0).at("capacity"), 64);
  EXPECT_EQ(results.at("modes").at(0).at("lower_bound"), true);
  EXPECT_TRUE(results.at("modes").at(0).at("binding_slo").is_null());
  EXPECT_EQ(results.at("modes").at(1).at("lower_bound"), false);
  EXPECT_EQ(results.at("modes").at(1).at("binding_slo"), "tpot_ms_p95");
  EXPECT_EQ(results.at("modes").at(1).at("probes").size(), 8u);
  EXPECT_EQ(results.at("ratios").at(0).at("bound"), "lower");
  EXPECT_DOUBLE_EQ(results.at("ratios").at(0).at("value").get<double>(), 3.2);
}

TEST(CapacityReport, BindingSloIsTheOneMissedMostAtTheSmallestFailure) {
  const std::vector<Slo> slos{{"tpot_ms_p95", 60}, {"ttft_ms_p95", 1000}};
  auto o = outcome("dsd_sync", 10, false);
  // At 11 clients TPOT misses by 10% and TTFT by 50%; at 20 both miss, differently.
  o.probes = {probe(1, true, 30, 100), probe(20, false, 200, 1100), probe(11, false, 66, 1500),
              probe(10, true, 59, 900)};
  EXPECT_EQ(binding_slo(o, slos), "ttft_ms_p95");
  o.probes[2].summary["ttft_ms_p95"] = 900;
  EXPECT_EQ(binding_slo(o, slos), "tpot_ms_p95");
}

TEST(CapacityQueueing, WarnsOnlyWithoutATtftOrE2eSloAndBeyondTenTimes) {
  const std::vector<Slo> tpot_only{{"tpot_ms_p95", 60}};
  auto o = outcome("dsd_sync", 100, false);
  o.probes = {probe(1, true, 30, 110), probe(100, true, 59, 50800), probe(101, false, 61, 51000)};
  const auto warning = queueing_warning(o, tpot_only);
  ASSERT_TRUE(warning.has_value());
  EXPECT_NE(warning->find("dsd_sync: at its capacity (100 clients) the p95 TTFT is 50800.0 ms, "
                          "462x its value at 1 client(s) (110.0 ms)"),
            std::string::npos)
      << *warning;
  // An SLO on TTFT or E2E bounds the queueing: no warning.
  EXPECT_FALSE(queueing_warning(o, {{"tpot_ms_p95", 60}, {"ttft_ms_p99", 60000}}));
  EXPECT_FALSE(queueing_warning(o, {{"tpot_ms_p95", 60}, {"e2e_ms_mean", 60000}}));
  // Exactly 10x is not beyond the limit; just above is.
  o.probes[1].summary["ttft_ms_p95"] = 1100;
  EXPECT_FALSE(queueing_warning(o, tpot_only));
  o.probes[1].summary["ttft_ms_p95"] = 1100.5;
  EXPECT_TRUE(queueing_warning(o, tpot_only));
  // No capacity, or no TTFT to compare: nothing to say.
  EXPECT_FALSE(queueing_warning(outcome("dsd_sync", std::nullopt, false), tpot_only));
  o.probes[0].summary["ttft_ms_p95"] = nullptr;
  EXPECT_FALSE(queueing_warning(o, tpot_only));
}

TEST(CapacityProgress, OneLinePerProbeWithVerdictElapsedAndEta) {
  ProbeProgress p;
  p.number = 3;
  p.mode = "dsd_sync";
  p.clients = 512;
  p.pass = false;
  p.verdict_detail = slo_verdict_detail({{"tpot_ms_p95", 60}, {"ttft_ms_p95", 500}},
                                        json{{"tpot_ms_p95", 81.25}, {"ttft_ms_p95", 400}});
  p.probe_s = 2.31;
  p.elapsed_s = 7.1;
  p.probes_left = 9;
  p.eta_s = capacity_eta_s(3, 6.0, 9, 2);  // 2 s per probe, 9 left, 2 at a time: 9 s
  EXPECT_DOUBLE_EQ(*p.eta_s, 9.0);
  EXPECT_EQ(capacity_progress_line(p),
            "capacity: probe 3: dsd_sync, 512 clients: fail (tpot_ms_p95 81.25 > 60) in 2.3 s; "
            "elapsed 7.1 s, at most 9 probes left, ETA ~9.0 s\n");
  p.pass = true;
  p.probes_left = 0;
  p.elapsed_s = 125;
  EXPECT_EQ(capacity_progress_line(p),
            "capacity: probe 3: dsd_sync, 512 clients: pass in 2.3 s; elapsed 2m05s, search "
            "done\n");
  EXPECT_FALSE(capacity_eta_s(0, 0, 9, 2).has_value());
}

TEST(CapacitySearchProgress, ProbesLeftBoundsTheProbesStillMadeAndIsReached) {
  for (const std::int64_t truth : {0, 1, 2, 3, 37, 511, 512, 1000}) {
    CapacitySearch s(1, 1000);
    std::int64_t bound = s.probes_left_at_most();
    EXPECT_EQ(bound, 2 + 10);  // min, max, then ceil(log2(999)) halvings
    while (const auto next = s.next_probe()) {
      s.record(*next, *next <= truth);
      const std::int64_t left = s.probes_left_at_most();
      EXPECT_LT(left, bound) << truth;
      bound = left;
    }
    EXPECT_EQ(s.probes_left_at_most(), 0) << truth;
  }
  // The worst case is met: always passing in the upper half.
  CapacitySearch s(1, 1000);
  std::int64_t probes = 0;
  while (const auto next = s.next_probe()) {
    s.record(*next, *next < 1000);
    ++probes;
  }
  EXPECT_EQ(probes, 12);
  EXPECT_EQ(CapacitySearch(5, 5).probes_left_at_most(), 1);
}

TEST(LoadScaling, OnlyArrivalsWhoseLoadGrowsWithClientsFitACapacitySearch) {
  ArrivalParams arrival;
  arrival.kind = ArrivalKind::closed_loop;
  EXPECT_TRUE(load_grows_with_clients(arrival));
  EXPECT_EQ(why_load_does_not_grow(arrival), "");
  arrival.kind = ArrivalKind::poisson;
  arrival.rate_per_s = 4;
  EXPECT_FALSE(load_grows_with_clients(arrival));
  EXPECT_NE(why_load_does_not_grow(arrival).find("rate_per_client_per_s"), std::string::npos);
  arrival.rate_per_s = 0;
  arrival.rate_per_client_per_s = 0.5;
  EXPECT_TRUE(load_grows_with_clients(arrival));
  arrival.kind = ArrivalKind::trace;
  EXPECT_FALSE(load_grows_with_clients(arrival));
  EXPECT_NE(why_load_does_not_grow(arrival).find("trace"), std::string::npos);
}

}  // namespace
}  // namespace dsdsi::cli
