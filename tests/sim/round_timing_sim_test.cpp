// The time of every synchronous DSD round, exactly: draft the window, cross the WAN, verify,
// come back. Checked row by row in rounds.csv, so an error too small to move a mean shows too.
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

TEST(RoundTimingSim, EverySynchronousRoundCostsDraftPlusRttPlusVerifyPlusSerialisation) {
  const double t_de = 10, t_v = 20, rtt = 50, header = 40, up_mbps = 20, down_mbps = 100;
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary =
      dsdsi::test::run_and_summarize(dsdsi::test::source_path("scenarios/quickstart.json").string(),
                                     {"mode=dsd_sync", "workload.requests_per_client=3",
                                      "workload.output_tokens=300", "workload.think_ms=0"},
                                     out);
  ASSERT_FALSE(summary.empty());
  // The verification rounds (rounds.csv also lists each request's prefill).
  std::vector<std::map<std::string, std::string>> rounds;
  for (auto& r : dsdsi::test::read_csv(out / "rounds.csv")) {
    if (r.at("kind") != "prefill") rounds.push_back(std::move(r));
  }
  ASSERT_GT(rounds.size(), 100u);
  // CSV times carry 6 decimals (1 ns); sums of a few of them stay within 1e-5 ms.
  const double eps = 1e-5;
  int checked = 0;
  for (std::size_t i = 0; i < rounds.size(); ++i) {
    const auto& r = rounds[i];
    EXPECT_NEAR(std::stod(r.at("verify_end_ms")) - std::stod(r.at("verify_start_ms")), t_v, eps);
    if (i == 0 || rounds[i - 1].at("request") != r.at("request")) continue;
    const auto& prev = rounds[i - 1];
    const double up_ms = (header + 4 * std::stod(prev.at("gamma"))) * 8 / (up_mbps * 1e3);
    const double down_ms = (header + 8) * 8 / (down_mbps * 1e3);
    const double expected = rtt + t_v + up_ms + down_ms + std::stod(r.at("gamma")) * t_de;
    EXPECT_NEAR(std::stod(r.at("sent_ms")) - std::stod(prev.at("sent_ms")), expected, eps)
        << "round " << i;
    // Each round commits accepted + 1 (the last one capped at the tokens still owed).
    EXPECT_LE(std::stol(r.at("committed")), std::stol(r.at("accepted")) + 1);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

}  // namespace

namespace {

// `network.model: "tcp"` hands transfers to SimGrid's calibrated LV08 model, whose documented
// constants are a latency factor of 13.01 and a bandwidth factor of 0.97:
// an upload of S bytes over one-way latency L takes 13.01 L + S / (0.97 B). With one client
// the verifier is idle when a window arrives, so verify_start - sent is exactly that upload.
TEST(RoundTimingSim, TcpModelUsesSimGridsCalibratedLatencyAndBandwidthFactors) {
  const double rtt = 50, header = 40, up_mbps = 20;
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("scenarios/quickstart.json").string(),
      {"mode=dsd_sync", "network.model=tcp", "workload.requests_per_client=1",
       "workload.output_tokens=200"},
      out);
  ASSERT_FALSE(summary.empty());
  // The verification rounds (rounds.csv also lists each request's prefill).
  std::vector<std::map<std::string, std::string>> rounds;
  for (auto& r : dsdsi::test::read_csv(out / "rounds.csv")) {
    if (r.at("kind") != "prefill") rounds.push_back(std::move(r));
  }
  ASSERT_GT(rounds.size(), 10u);
  for (std::size_t i = 1; i < rounds.size(); ++i) {  // round 0 may wait for the prefill
    const auto& r = rounds[i];
    const double upload_ms = std::stod(r.at("verify_start_ms")) - std::stod(r.at("sent_ms"));
    const double bytes = header + 4 * std::stod(r.at("gamma"));
    const double expected = 13.01 * rtt / 2 + bytes * 8 / (0.97 * up_mbps * 1e3);
    EXPECT_NEAR(upload_ms, expected, 1e-4) << "round " << i;
  }
}

}  // namespace
