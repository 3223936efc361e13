// Steady-state measurement (docs/measurement.md): the arrival processes, the start of a closed
// loop, the window, the confidence intervals against queueing theory, and timeline.csv's
// invariants.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

std::string one_client() { return source_path("tests/data/one_client_dsd.json").string(); }
std::string md1() { return source_path("tests/data/md1.json").string(); }

std::vector<double> column(const std::vector<std::map<std::string, std::string>>& rows,
                           const char* name) {
  std::vector<double> out;
  for (const auto& r : rows) out.push_back(std::stod(r.at(name)));
  return out;
}

// Counts per `width_ms` window of the times before `end_ms` (full windows only).
std::vector<long> counts_per_window(const std::vector<double>& times, double width_ms,
                                    double end_ms) {
  std::vector<long> counts(static_cast<std::size_t>(end_ms / width_ms), 0);
  for (const double t : times) {
    const auto w = static_cast<std::size_t>(t / width_ms);
    if (w < counts.size()) ++counts[w];
  }
  return counts;
}

// One Poisson process of 4/s for the run: 400 clients x 1 request arrive in about 100 s, 240 per
// 60 s window (sd sqrt(240) = 15.5). Before, each client had its own process of 4/400 per second
// and stopped after its request, so the arrivals decayed (191, 86, 55, ... per window).
TEST(MeasurementSim, AggregatePoissonKeepsItsRateUntilTheLastRequest) {
  TempDir dir;
  const auto summary = run_and_summarize(
      one_client(),
      {"mode=edge_ar", "workload.clients=400", "workload.requests_per_client=1",
       "workload.output_tokens=2", R"(workload.arrival={"kind": "poisson", "rate_per_s": 4})"},
      dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  const auto submits = column(read_csv(dir.path() / "out" / "requests.csv"), "submit_ms");
  ASSERT_EQ(submits.size(), 400u);
  const double last = *std::max_element(submits.begin(), submits.end());
  // The 400th arrival of a 4/s process: Gamma(400, 1/4 s), mean 100 s, sd 5 s; 3 sd.
  EXPECT_NEAR(last, 100e3, 15e3);
  const auto counts = counts_per_window(submits, 60e3, last);
  ASSERT_GE(counts.size(), 1u);
  for (const long n : counts) EXPECT_NEAR(n, 240, 3 * std::sqrt(240.0));
}

// With a horizon and no request count, the process runs until the horizon: ten full windows.
TEST(MeasurementSim, AggregatePoissonRunsUntilTheHorizon) {
  TempDir dir;
  const auto summary = run_and_summarize(  // md1.json gives no requests_per_client
      md1(),
      {"mode=edge_ar", "workload.clients=50", "workload.output_tokens=2",
       R"(workload.arrival={"kind": "poisson", "rate_per_s": 4})", "measure.warmup_ms=0",
       "measure.horizon_ms=600000"},
      dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  const auto submits = column(read_csv(dir.path() / "out" / "requests.csv"), "submit_ms");
  EXPECT_LE(*std::max_element(submits.begin(), submits.end()), 600e3);
  const auto counts = counts_per_window(submits, 60e3, 600e3);
  ASSERT_EQ(counts.size(), 10u);
  for (const long n : counts) EXPECT_NEAR(n, 240, 3 * std::sqrt(240.0));
}

// rate_per_client_per_s: each client its own process, so the load grows with the clients.
TEST(MeasurementSim, PerClientPoissonLoadGrowsWithClients) {
  TempDir dir;
  for (const int clients : {10, 40}) {
    const auto out = dir.path() / std::to_string(clients);
    const auto summary = run_and_summarize(
        md1(),
        {"mode=edge_ar", "workload.clients=" + std::to_string(clients), "workload.output_tokens=2",
         R"(workload.arrival={"kind": "poisson", "rate_per_client_per_s": 0.5})",
         "measure.warmup_ms=0", "measure.horizon_ms=200000"},
        out);
    ASSERT_FALSE(summary.empty());
    // Poisson count of mean clients x 0.5/s x 200 s; 3 sd.
    const double expected = clients * 0.5 * 200;
    EXPECT_NEAR(summary.at("requests").get<double>(), expected, 3 * std::sqrt(expected))
        << clients << " clients";
  }
}

// M/D/1 (tests/data/md1.json): D = 10 ms, Poisson arrivals. Pollaczek-Khinchine: mean wait
// rho D / (2 (1 - rho)); TTFT = the unqueued latency (the smallest TTFT, a request that found
// the server idle) + the wait. The reported 95% interval of the mean TTFT must cover the
// theoretical value, and be narrow enough to mean something (under 10% of it).
TEST(MeasurementSim, MD1WaitMatchesPollaczekKhinchineWithinItsInterval) {
  TempDir dir;
  for (const double rho : {0.5, 0.9}) {
    const auto out = dir.path() / std::to_string(rho);
    const auto summary =
        run_and_summarize(md1(), {"workload.arrival.rate_per_s=" + std::to_string(rho * 100)}, out);
    ASSERT_FALSE(summary.empty());
    double unqueued = 1e300;
    for (const auto& r : read_csv(out / "requests.csv")) {
      unqueued =
          std::min(unqueued, std::stod(r.at("first_token_ms")) - std::stod(r.at("submit_ms")));
    }
    const double d = 10.0;
    const double expected = unqueued + rho * d / (2 * (1 - rho));
    const double mean = summary.at("ttft_ms_mean").get<double>();
    ASSERT_TRUE(summary.at("ttft_ms_mean_ci95").is_number()) << "rho " << rho;
    const double ci = summary.at("ttft_ms_mean_ci95").get<double>();
    EXPECT_NEAR(mean, expected, ci) << "rho " << rho;
    EXPECT_LT(ci, 0.1 * expected) << "rho " << rho;
    EXPECT_NEAR(summary.at("server_busy_fraction").get<double>(), rho,
                summary.at("server_busy_fraction_ci95").get<double>())
        << "rho " << rho;
  }
}

// Little's law from timeline.csv (L = lambda W, sample-path exact up to the requests that
// straddle the window's edges: here E2E ~ 1 s against a 180 s window, so well under 2%), and the
// timeline's busy fractions integrate to the summary's (to the CSV's 6 decimals).
TEST(MeasurementSim, TimelineObeysLittlesLawAndIntegratesToTheBusyFraction) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary = run_and_summarize(
      one_client(),
      {"workload.clients=40", "workload.requests_per_client=1000",  // the horizon ends it
       "workload.output_tokens=40", "cloud.servers=2", "cloud.max_batch=8",
       "cloud.batch_window_ms=5", R"(workload.arrival={"kind": "poisson", "rate_per_s": 20})",
       "measure.warmup_ms=20000", "measure.horizon_ms=200000", "measure.timeline_ms=2500"},
      out);
  ASSERT_FALSE(summary.empty());
  double window_ms = 0, active_area = 0, busy_area = 0, arrivals = 0;
  for (const auto& r : read_csv(out / "timeline.csv")) {
    if (r.at("in_window") != "1") continue;
    const double length = std::stod(r.at("interval_end_ms")) - std::stod(r.at("interval_start_ms"));
    if (r.at("server") == "0") window_ms += length;
    active_area += std::stod(r.at("active_requests_mean")) * length;
    busy_area += std::stod(r.at("busy_fraction")) * length;
    arrivals += std::stod(r.at("arrivals"));
  }
  ASSERT_DOUBLE_EQ(window_ms, 180000.0);
  const double in_system = active_area / window_ms;
  const double rate_per_ms = arrivals / window_ms;
  EXPECT_EQ(arrivals, summary.at("requests").get<double>());
  EXPECT_NEAR(in_system / (rate_per_ms * summary.at("e2e_ms_mean").get<double>()), 1.0, 0.02);
  // Each row's busy fraction is printed to 6 decimals: the average is off by at most 5e-7.
  EXPECT_NEAR(busy_area / (window_ms * 2), summary.at("server_busy_fraction").get<double>(), 1e-6);
}

// workload.start: ramp spaces first submissions evenly; stationary draws them from the think
// time's equilibrium distribution (a fixed think T: uniform on [0, T), mean T / 2, sd
// T / sqrt(12) per client); absent with several clients means stationary.
TEST(MeasurementSim, ClosedLoopStartKinds) {
  TempDir dir;
  const std::vector<std::string> base = {"mode=edge_ar", "workload.clients=400",
                                         "workload.requests_per_client=1",
                                         "workload.output_tokens=2", "workload.think_ms=2000"};
  const auto first_submits = [&](const std::string& name, std::vector<std::string> sets) {
    sets.insert(sets.begin(), base.begin(), base.end());
    const auto summary = run_and_summarize(one_client(), sets, dir.path() / name);
    EXPECT_FALSE(summary.empty());
    std::vector<double> t(400);
    for (const auto& r : read_csv(dir.path() / name / "requests.csv")) {
      t[std::stoul(r.at("client"))] = std::stod(r.at("submit_ms"));
    }
    return t;
  };
  const auto ramp = first_submits("ramp", {R"(workload.start={"kind": "ramp", "over_ms": 4000})"});
  for (std::size_t c = 0; c < ramp.size(); ++c) EXPECT_NEAR(ramp[c], c * 10.0, 1e-6);
  const auto together = first_submits("together", {R"(workload.start={"kind": "together"})"});
  EXPECT_EQ(*std::max_element(together.begin(), together.end()), 0.0);
  for (const char* name : {"stationary", "default"}) {
    const auto t = first_submits(
        name, std::string(name) == "default"
                  ? std::vector<std::string>{}
                  : std::vector<std::string>{R"(workload.start={"kind": "stationary"})"});
    double sum = 0;
    for (const double x : t) sum += x;
    EXPECT_NEAR(sum / 400, 1000, 3 * 2000 / std::sqrt(12.0 * 400)) << name;
    EXPECT_LT(*std::max_element(t.begin(), t.end()), 2000.0) << name;
  }
}

// A closed loop with a horizon and no request count: nobody submits after the horizon, requests
// in flight then finish and are reported, and the summary counts the window's requests.
TEST(MeasurementSim, ClosedLoopHorizonAndWarmup) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary = run_and_summarize(  // closed_loop_burst.json gives no requests_per_client
      source_path("tests/data/closed_loop_burst.json").string(),
      {"workload.clients=5", "measure.warmup_ms=2000", "measure.horizon_ms=10000"}, out);
  ASSERT_FALSE(summary.empty());
  const auto requests = read_csv(out / "requests.csv");
  long in_window = 0;
  double last_submit = 0, last_token = 0;
  for (const auto& r : requests) {
    const double submit = std::stod(r.at("submit_ms"));
    last_submit = std::max(last_submit, submit);
    last_token = std::max(last_token, std::stod(r.at("last_token_ms")));
    EXPECT_EQ(r.at("in_window"), submit >= 2000 ? "1" : "0");
    in_window += r.at("in_window") == "1" ? 1 : 0;
  }
  EXPECT_LE(last_submit, 10000.0);
  EXPECT_GT(last_token, 10000.0);  // the last requests ran past the horizon
  EXPECT_EQ(summary.at("requests").get<long>(), in_window);
  EXPECT_LT(in_window, static_cast<long>(requests.size()));
  EXPECT_EQ(summary.at("window_start_ms").get<double>(), 2000.0);
  EXPECT_EQ(summary.at("window_end_ms").get<double>(), 10000.0);
}

// The start burst decides nothing once it is outside the window (tests/data/closed_loop_burst.json
// with 150 clients, batches of up to 32: the server is ~98% busy). Started together, the first
// requests queue behind 150 prefills, which shows in the whole run's TTFT p99, and the clients
// stay in step for tens of seconds (arrivals come in waves: with a 10 s warm-up some time
// batches hold fewer than 10 requests and the interval is withheld); with a 60 s warm-up,
// `together` and the default (stationary) start give the same steady-state TTFT (the two means
// within their combined 95% intervals).
TEST(MeasurementSim, WarmupRemovesTheStartBurst) {
  TempDir dir;
  const std::vector<std::string> base = {"workload.clients=150", "cloud.max_batch=32",
                                         "measure.horizon_ms=180000"};
  std::map<std::string, nlohmann::json> runs;
  for (const auto& [name, extra] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"together", {R"(workload.start={"kind": "together"})", "measure.warmup_ms=60000"}},
           {"default", {"measure.warmup_ms=60000"}},
           {"together_whole", {R"(workload.start={"kind": "together"})", "measure.warmup_ms=0"}}}) {
    auto sets = base;
    sets.insert(sets.end(), extra.begin(), extra.end());
    runs[name] = run_and_summarize(source_path("tests/data/closed_loop_burst.json").string(), sets,
                                   dir.path() / name);
    ASSERT_FALSE(runs[name].empty()) << name;
  }
  const auto& a = runs["together"];
  const auto& b = runs["default"];
  ASSERT_TRUE(a.at("ttft_ms_mean_ci95").is_number());
  ASSERT_TRUE(b.at("ttft_ms_mean_ci95").is_number());
  const double combined =
      std::hypot(a.at("ttft_ms_mean_ci95").get<double>(), b.at("ttft_ms_mean_ci95").get<double>());
  EXPECT_NEAR(a.at("ttft_ms_mean").get<double>(), b.at("ttft_ms_mean").get<double>(), combined);
  // The burst: 150 prefills of 12.8 ms at once, so the last first-request waits ~2 s.
  EXPECT_GT(runs["together_whole"].at("ttft_ms_p99").get<double>(),
            2 * a.at("ttft_ms_p99").get<double>());
}

}  // namespace
