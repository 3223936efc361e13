// `edge.resilience.on_failure: local` (docs/network.md): a DSD device decodes on its own while
// its link is down or its verdicts are late, marks those tokens unverified, re-synchronises with
// the cloud and resumes DSD; the cloud frees what it held, so nothing waits forever.
#include <gtest/gtest.h>

#include <cmath>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::run_dsdsi;
using dsdsi::test::run_program;
using dsdsi::test::read_text;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

std::string one_client() { return source_path("tests/data/one_client_dsd.json").string(); }
std::string platform(const std::string& name) {
  return "platform=" + source_path("tests/data/platforms/" + name).string();
}

// The phone's only link is off from 5 s to 8 s (D = 3 s) in the middle of a 600-token request;
// t_de = 10 ms and the device probes at every token boundary (retry_ms = t_de). The device is
// waiting for a verdict when the link goes off (timeline: in fallback for all of [5 s, 6 s)), so
// it falls back at 5 s, keeps the window it had drafted (gamma = 4 tokens), decodes on its own
// until the first token boundary at which the link is back, re-synchronises, and goes on with
// DSD. Tokens it decoded on its own: D / t_de = 300, within one token (the boundary at which it
// notices the link is back).
TEST(LocalFallbackSim, DuringAnOutageTheDeviceDecodesAloneAtDraftSpeedThenResumesDsd) {
  TempDir dir;
  const double outage_from = 5000, outage_to = 8000, t_de = 10, gamma = 4;
  const auto out = dir.path() / "out";
  const auto s = run_and_summarize(
      one_client(),
      {"network={}", platform("outage-once.xml"), "workload.requests_per_client=1",
       "workload.output_tokens=600", "edge.resilience.on_failure=local",
       "edge.resilience.retry_ms=10", "edge.resilience.timeout_ms=500", "measure.timeline_ms=1000"},
      out);
  ASSERT_FALSE(s.empty());
  const auto request = read_csv(out / "requests.csv").at(0);
  EXPECT_EQ(std::stoi(request.at("output_tokens")), 600);
  EXPECT_EQ(std::stoi(request.at("fallbacks")), 1);
  const double unverified = std::stod(request.at("unverified_tokens"));
  const double alone = unverified - gamma;
  EXPECT_NEAR(alone, (outage_to - outage_from) / t_de, 1.0);
  EXPECT_DOUBLE_EQ(s.at("unverified_token_fraction").get<double>(), unverified / 600);
  EXPECT_EQ(s.at("unverified_tokens").get<double>(), unverified);

  // rounds.csv: no window during the outage; a re-synchronisation once the link is back (at the
  // first probe, within one token time), then DSD rounds again.
  double resync_at = -1;
  int verified_after = 0;
  for (const auto& round : read_csv(out / "rounds.csv")) {
    const double sent = std::stod(round.at("sent_ms"));
    if (round.at("kind") == "resync") resync_at = sent;
    if (round.at("kind") != "verify") continue;
    EXPECT_FALSE(sent > outage_from && sent < outage_to) << "a window sent at " << sent;
    if (resync_at > 0 && sent > resync_at) ++verified_after;
  }
  EXPECT_GE(resync_at, outage_to);
  EXPECT_LE(resync_at, outage_to + 10 + t_de);
  EXPECT_GE(verified_after, 20);

  // timeline.csv: the device is in fallback for the whole of [5 s, 8 s) and not before.
  for (const auto& row : read_csv(out / "timeline.csv")) {
    const double from = std::stod(row.at("interval_start_ms"));
    const double in_fallback = std::stod(row.at("devices_in_fallback_mean"));
    if (from >= outage_from && from < outage_to) {
      EXPECT_DOUBLE_EQ(in_fallback, 1.0) << "interval at " << from;
    } else if (from < outage_from) {
      EXPECT_EQ(in_fallback, 0.0) << "interval at " << from;
    }
  }
}

// The same outage with `wait`: no token is produced during it; with `local` the request ends
// sooner here, because the device alone (10 ms a token) is faster than DSD's rounds over this
// link (about 110 ms for 3.4 tokens).
TEST(LocalFallbackSim, LocalEndsTheRequestSoonerThanWaitWhenTheDraftIsFastEnough) {
  TempDir dir;
  const std::vector<std::string> sets = {"network={}", platform("outage-once.xml"),
                                         "workload.requests_per_client=1",
                                         "workload.output_tokens=600",
                                         "edge.resilience.retry_ms=10"};
  auto local = sets;
  local.push_back("edge.resilience.on_failure=local");
  ASSERT_FALSE(run_and_summarize(one_client(), sets, dir.path() / "wait").empty());
  ASSERT_FALSE(run_and_summarize(one_client(), local, dir.path() / "local").empty());
  const auto waited = read_csv(dir.path() / "wait" / "requests.csv").at(0);
  const auto alone = read_csv(dir.path() / "local" / "requests.csv").at(0);
  EXPECT_EQ(waited.count("unverified_tokens"), 0u) << "the columns come with `local` only";
  EXPECT_LT(std::stod(alone.at("last_token_ms")), std::stod(waited.at("last_token_ms")) - 1000);
  EXPECT_GT(std::stod(waited.at("stall_ms")), 2900.0);
}

// Verdicts always later than the timeout on a network that never fails (RTT 50 ms + verify
// 20 ms > 60 ms): every round falls back, so every token is the device's own, and each
// re-synchronisation (a 50 ms round trip) gets through. The server's KV holds one request at a
// time (1,100 tokens for 32 + 1,000): had a re-synchronised or abandoned request kept its
// reservation, the next request would never be admitted and the run would stop unfinished.
// Every request ends with all its tokens.
TEST(LocalFallbackSim, LateVerdictsFallBackAndTheServerFreesWhatTheDeviceGaveUp) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto s = run_and_summarize(
      one_client(),
      {"edge.resilience.on_failure=local", "edge.resilience.timeout_ms=60",
       "edge.resilience.retry_ms=10", "cloud.kv_capacity_tokens=1100",
       "workload.output_tokens=200"},
      out);
  ASSERT_FALSE(s.empty());
  const auto requests = read_csv(out / "requests.csv");
  ASSERT_EQ(requests.size(), 4u);
  for (const auto& r : requests) {
    EXPECT_EQ(std::stoi(r.at("output_tokens")), 200);
    EXPECT_GT(std::stoi(r.at("fallbacks")), 0);
  }
  int resyncs = 0;
  for (const auto& round : read_csv(out / "rounds.csv")) resyncs += round.at("kind") == "resync";
  EXPECT_GT(resyncs, 4);
  EXPECT_EQ(s.at("unverified_token_fraction").get<double>(), 1.0);
}

// Random outages on every client's link, `local` in both DSD modes and with the cloud decoding
// (whose requests stall and resume as with `wait`), and `wait` with the cloud decoding (this
// case once ended in a false deadlock: a request's prompt sent again was its predecessor's):
// every request ends with its tokens, and the same seed gives byte-identical outputs.
TEST(LocalFallbackSim, RandomOutagesEveryRequestEndsAndRunsAreDeterministic) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"dsd_sync", "local"},
      {"dsd_pipelined", "local"},
      {"cloud_ar", "local"},
      {"cloud_ar", "wait"},
      {"colocated_sd", "wait"}};
  for (const auto& [mode, on_failure] : cases) {
    TempDir dir;
    std::vector<std::string> sets = {
        "mode=" + mode, "workload.clients=6", "workload.requests_per_client=3",
        "workload.output_tokens=300", "network.outages.mean_up_s=2",
        "network.outages.mean_down_s=0.5", "edge.resilience.on_failure=" + on_failure,
        "measure.timeline_ms=500"};
    if (on_failure == "local") sets.push_back("edge.resilience.timeout_ms=400");
    const auto s = run_and_summarize(one_client(), sets, dir.path() / "a");
    ASSERT_FALSE(s.empty()) << mode;
    ASSERT_FALSE(run_and_summarize(one_client(), sets, dir.path() / "b").empty()) << mode;
    std::int64_t unverified = 0, fallbacks = 0;
    const auto requests = read_csv(dir.path() / "a" / "requests.csv");
    EXPECT_EQ(requests.size(), 18u) << mode;
    for (const auto& r : requests) {
      EXPECT_EQ(std::stoi(r.at("output_tokens")), 300) << mode;
      if (on_failure == "wait") continue;
      unverified += std::stoll(r.at("unverified_tokens"));
      fallbacks += std::stoll(r.at("fallbacks"));
    }
    if (mode == "cloud_ar" || mode == "colocated_sd") {
      EXPECT_EQ(unverified, 0) << "cloud-decoded requests stall, they do not fall back";
      EXPECT_GT(s.at("stall_ms_mean").get<double>(), 0.0);
    } else {
      EXPECT_GT(fallbacks, 0) << mode;
    }
    for (const char* file : {"requests.csv", "rounds.csv", "clients.csv", "timeline.csv",
                             "summary.json"}) {
      EXPECT_EQ(read_text(dir.path() / "a" / file), read_text(dir.path() / "b" / file))
          << mode << ": " << file;
    }
  }
}

// Windows that carry the whole draft distribution (about 1 MB for gamma 4) on a 1 Mbit/s uplink
// take 8 s to upload, far beyond T = 500 ms: each upload is cancelled at its deadline (the cloud
// never verifies one) and every token is the device's; the small re-synchronisations get
// through. Cancelling tells both ends of the transfer (SimGrid raises a timeout at the cloud's
// receiver too): the run must survive it.
TEST(LocalFallbackSim, AnUploadStillUnderWayAtTheDeadlineIsCancelled) {
  TempDir dir;
  const auto out = dir.path() / "out";
  const auto s = run_and_summarize(
      one_client(),
      {R"(speculation.payload={"kind": "full_distribution"})", "network.uplink_mbps=1",
       "edge.resilience.on_failure=local", "edge.resilience.timeout_ms=500",
       "workload.requests_per_client=2", "workload.output_tokens=100"},
      out);
  ASSERT_FALSE(s.empty());
  int verified = 0, resyncs = 0;
  for (const auto& round : read_csv(out / "rounds.csv")) {
    verified += round.at("kind") == "verify";
    resyncs += round.at("kind") == "resync";
  }
  EXPECT_EQ(verified, 0);
  EXPECT_GT(resyncs, 0);
  EXPECT_EQ(s.at("unverified_token_fraction").get<double>(), 1.0);
  EXPECT_EQ(s.at("output_tokens").get<int>(), 200);
}

// The shipped comparison (scenarios/fallback_on_lte_gaps.json) over its first 100 s, which hold
// the first outages, and its figure: tools/plot-fallback draws a real PNG and prints one row per
// case.
TEST(LocalFallbackSim, TheShippedComparisonRunsAndPlots) {
  TempDir dir;
  const auto sweep = dir.path() / "sweep";
  const auto ran = run_dsdsi({"sweep", source_path("scenarios/fallback_on_lte_gaps.json").string(),
                              "--out", sweep.string(), "--jobs", "2", "--set",
                              "measure.horizon_ms=100000"});
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  const auto png = dir.path() / "fallback.png";
  const auto plotted = run_program(
      "/usr/bin/python3",
      {source_path("tools/plot-fallback").string(), sweep.string(), "--out", png.string()});
  ASSERT_EQ(plotted.exit_code, 0) << plotted.output;
  for (const char* row : {"dsd_sync, wait", "dsd_sync, local", "cloud_ar, wait"}) {
    EXPECT_NE(plotted.output.find(row), std::string::npos) << plotted.output;
  }
  const auto check = run_program(
      "/usr/bin/python3",
      {source_path("tests/sim/check_png.py").string(), "480", "300", png.string()});
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

// wait_quantile chooses the fallback's timeout from the channel (timeout_factor x W_q). Windows
// carrying the whole draft distribution on a link that steps 20 -> 2 -> 20 Mbit/s every 10 s take
// 0.4 s to upload at 20 Mbit/s and 4 s at 2: with a fixed 10 s timeout the device never falls
// back (fixed gamma 4); with wait_quantile and a factor of 2, a round that takes much longer than
// the recent ones (the first slow one after a fast phase) falls back, and the request ends
// sooner.
TEST(LocalFallbackSim, WaitQuantileFallsBackWhenARoundIsSlowForTheChannel) {
  TempDir dir;
  const std::vector<std::string> sets = {
      R"(speculation.payload={"kind": "full_distribution"})",
      "network.trace.bandwidth_file=" +
          source_path("tests/data/platforms/profiles/step-20-2-20.txt").string(),
      "network.trace.offset_s=0", "workload.requests_per_client=1",
      "workload.output_tokens=400", "edge.resilience.on_failure=local",
      "edge.resilience.timeout_ms=10000"};
  auto adaptive = sets;
  adaptive.push_back(R"(speculation.policy={"kind": "wait_quantile", "timeout_factor": 2})");
  ASSERT_FALSE(run_and_summarize(one_client(), sets, dir.path() / "fixed").empty());
  ASSERT_FALSE(run_and_summarize(one_client(), adaptive, dir.path() / "adaptive").empty());
  const auto fixed = read_csv(dir.path() / "fixed" / "requests.csv").at(0);
  const auto chosen = read_csv(dir.path() / "adaptive" / "requests.csv").at(0);
  EXPECT_EQ(std::stoi(fixed.at("fallbacks")), 0);
  EXPECT_GT(std::stoi(chosen.at("fallbacks")), 0);
  EXPECT_LT(std::stod(chosen.at("last_token_ms")), std::stod(fixed.at("last_token_ms")));
}

}  // namespace
