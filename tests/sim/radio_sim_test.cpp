// The radio (docs/energy.md) through whole simulations: the quickstart scenario with an LTE or
// WiFi radio, checked against the state machine's energy worked out by hand from the run's own
// timestamps (requests.csv) and bytes. Every gap of these runs falls in a known state, so the
// expected energy is a sum of (seconds x watts) terms; the only error is floating-point rounding
// of ms -> s conversions and sums (relative 1e-9).
#include <gtest/gtest.h>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

constexpr double kRel = 1e-9;
// lte.conf: promotion 0.26 s at 1.21 W; CR base 1.2 W; 438.39 and 51.97 mW per Mbit/s; the tail
// 0.1 s at 1.2 W + 0.02 s short DRX at 1.122 W + 10 s long DRX at 1.091 W.
constexpr double kPromotionJ = 0.26 * 1.21;
constexpr double kFullTailJ = 0.1 * 1.2 + 0.02 * 1.122 + 10 * 1.091;
constexpr double kLteIdleW = 0.043 * 0.594 / 1.28;

std::string quickstart() { return source_path("scenarios/quickstart.json").string(); }

struct Exchange {
  double span_s = 0;  // first byte sent (submit) -> last reply delivered, summed over requests
  double mbit_up = 0, mbit_down = 0;
  std::vector<double> submit_s, last_s;
};

Exchange exchanges(const std::filesystem::path& out) {
  Exchange e;
  for (const auto& r : read_csv(out / "requests.csv")) {
    const double submit = std::stod(r.at("submit_ms")) / 1e3,
                 last = std::stod(r.at("last_token_ms")) / 1e3;
    e.span_s += last - submit;
    e.submit_s.push_back(submit);
    e.last_s.push_back(last);
    e.mbit_up += std::stod(r.at("bytes_up")) * 8 / 1e6;
    e.mbit_down += std::stod(r.at("bytes_down")) * 8 / 1e6;
  }
  return e;
}

double throughput_j(const Exchange& e) { return 0.43839 * e.mbit_up + 0.05197 * e.mbit_down; }

// One request after an idle radio (cloud_ar, one token): the prompt goes up, the cloud prefills
// (12.8 ms) and steps (20 ms), the token comes down. The cloud's 32.8 ms are inside the 100 ms
// inactivity timer, so from the first byte to the last the radio is at the CR base power: one
// promotion, span x 1.2 W, the throughput terms, one full tail.
TEST(RadioSim, OneExchangeAfterIdlePaysPromotionActiveAndFullTail) {
  TempDir dir;
  const auto s = run_and_summarize(quickstart(),
                                   {"mode=cloud_ar", "edge.radio=lte",
                                    "workload.requests_per_client=1", "workload.output_tokens=1"},
                                   dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const Exchange e = exchanges(dir.path() / "out");
  const double expected = kPromotionJ + e.span_s * 1.2 + throughput_j(e) + kFullTailJ;
  EXPECT_NEAR(s.at("edge_radio_energy_j").get<double>(), expected, kRel * expected);
  EXPECT_EQ(s.at("radio_promotions").get<int>(), 1);
  EXPECT_DOUBLE_EQ(s.at("radio_long_tail_s").get<double>(), 10);
  EXPECT_EQ(s.at("radio_idle_s").get<double>(), 0);
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_NEAR(std::stod(clients[0].at("edge_radio_energy_j")), expected, 1e-6);
}

// Synchronous DSD rounds: drafting a window takes 4 x 10 ms and verifying 20 ms, both shorter
// than the 100 ms inactivity timer, so the radio never leaves CR between rounds and never
// returns to IDLE: energy = promotion + span x 1.2 W + throughput terms + the final tail.
TEST(RadioSim, DsdRoundsCloserThanTheTailStayConnected) {
  TempDir dir;
  const auto s = run_and_summarize(
      quickstart(), {"edge.radio=lte", "workload.requests_per_client=1"}, dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const Exchange e = exchanges(dir.path() / "out");
  const double expected = kPromotionJ + e.span_s * 1.2 + throughput_j(e) + kFullTailJ;
  EXPECT_NEAR(s.at("edge_radio_energy_j").get<double>(), expected, kRel * expected);
  EXPECT_EQ(s.at("radio_promotions").get<int>(), 1);
  EXPECT_EQ(s.at("radio_idle_s").get<double>(), 0);
  EXPECT_DOUBLE_EQ(s.at("radio_short_tail_s").get<double>(), 0.02);  // the final tail's only
  EXPECT_GT(s.at("rounds").get<int>(), 50);

  // WiFi, drafting at 35 ms per token (140 ms gaps, longer than LTE's timer but inside WiFi's
  // 250 ms tail, which is at active power): everything from the first byte is at 0.403 W.
  TempDir wifi;
  const auto w = run_and_summarize(
      quickstart(),
      {"edge.radio=wifi", "edge.draft_ms_per_token=35", "workload.requests_per_client=1"},
      wifi.path() / "out");
  ASSERT_FALSE(w.empty());
  const Exchange ew = exchanges(wifi.path() / "out");
  const double wifi_j = (ew.span_s + 0.25) * 0.403;
  EXPECT_NEAR(w.at("edge_radio_energy_j").get<double>(), wifi_j, kRel * wifi_j);
  EXPECT_EQ(w.at("radio_idle_s").get<double>(), 0);
}

// Requests 20 s apart (think time), beyond the 10.12 s tail: each pays a promotion and a full
// tail, and the rest of each pause is IDLE at the paging power.
TEST(RadioSim, RequestsBeyondTheTailPayOnePromotionAndOneTailEach) {
  TempDir dir;
  const auto s =
      run_and_summarize(quickstart(),
                        {"mode=cloud_ar", "edge.radio=lte", "workload.requests_per_client=3",
                         "workload.output_tokens=1", "workload.think_ms=20000"},
                        dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const Exchange e = exchanges(dir.path() / "out");
  ASSERT_EQ(e.submit_s.size(), 3u);
  double idle_s = 0;
  for (std::size_t i = 1; i < 3; ++i) idle_s += e.submit_s[i] - e.last_s[i - 1] - 10.12;
  const double expected =
      3 * (kPromotionJ + kFullTailJ) + e.span_s * 1.2 + throughput_j(e) + idle_s * kLteIdleW;
  EXPECT_NEAR(s.at("edge_radio_energy_j").get<double>(), expected, kRel * expected);
  EXPECT_EQ(s.at("radio_promotions").get<int>(), 3);
  EXPECT_NEAR(s.at("radio_idle_s").get<double>(), idle_s, 1e-9);
  EXPECT_NEAR(s.at("radio_long_tail_s").get<double>(), 30, 1e-9);
}

// Compute and radio apart and together; a run without a radio has none of the radio's keys.
TEST(RadioSim, DeviceEnergyIsComputePlusRadioAndAbsentWithoutRadio) {
  TempDir dir;
  const auto s = run_and_summarize(quickstart(),
                                   {"edge.radio=lte", "edge.watts_busy=3", "edge.watts_idle=0.5",
                                    "workload.requests_per_client=2"},
                                   dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const double total =
      s.at("edge_energy_j").get<double>() + s.at("edge_radio_energy_j").get<double>();
  EXPECT_NEAR(s.at("edge_device_energy_j").get<double>(), total, 1e-12 * total);
  EXPECT_NEAR(s.at("by_class").at("default").at("edge_radio_energy_j").get<double>(),
              s.at("edge_radio_energy_j").get<double>(), 1e-12);

  TempDir none;
  const auto n =
      run_and_summarize(quickstart(), {"workload.requests_per_client=2"}, none.path() / "out");
  ASSERT_FALSE(n.empty());
  EXPECT_FALSE(n.contains("edge_radio_energy_j"));
  EXPECT_FALSE(n.contains("requests_over_device_memory"));
  const auto clients = read_csv(none.path() / "out" / "clients.csv");
  EXPECT_FALSE(clients.at(0).count("edge_radio_energy_j"));
}

// A platform file's edge hosts choose their radio with the host property radio: the LTE phone
// pays a promotion and LTE's 10 s long DRX, the WiFi phone neither.
TEST(RadioSim, PlatformHostPropertyChoosesTheRadio) {
  TempDir dir;
  const auto s = run_and_summarize(
      source_path("tests/data/xml_platform_scenario.json").string(),
      {"platform=" + source_path("tests/data/platforms/radio-lte-and-wifi.xml").string(),
       "workload.clients=2", "workload.requests_per_client=1", "workload.output_tokens=32"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 2u);
  EXPECT_EQ(clients[0].at("host"), "phone-lte");
  EXPECT_EQ(std::stoi(clients[0].at("radio_promotions")), 1);
  EXPECT_DOUBLE_EQ(std::stod(clients[0].at("radio_long_tail_s")), 10);
  EXPECT_EQ(clients[1].at("host"), "phone-wifi");
  EXPECT_DOUBLE_EQ(std::stod(clients[1].at("radio_long_tail_s")), 0);
  EXPECT_DOUBLE_EQ(std::stod(clients[1].at("radio_promotion_s")), 0);
  EXPECT_GT(std::stod(clients[1].at("edge_radio_energy_j")), 0);
}

// Memory: 4 GB with a 3 GB draft model and 1 MB of KV per token hold 1000 context tokens. With
// 128-token prompts and outputs of 256 or 2000 tokens, the 2128-token requests go to the cloud
// (counted; they draft nothing) and the 384-token ones decode speculatively.
TEST(RadioSim, RequestsTooLongForTheDeviceAreDecodedInTheCloudAndCounted) {
  TempDir dir;
  const auto s = run_and_summarize(
      quickstart(),
      {"edge.memory_gb=4", "edge.draft_model_gb=3", "edge.kv_bytes_per_token=1000000",
       R"(workload.output_tokens={"dist": "list", "values": [256, 2000]})"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  std::int64_t long_requests = 0;
  for (const auto& r : read_csv(dir.path() / "out" / "requests.csv")) {
    const bool too_long = std::stoi(r.at("output_tokens")) == 2000;
    long_requests += too_long ? 1 : 0;
    // In the cloud, one AR step per token and nothing drafted; on the device, windows drafted.
    EXPECT_EQ(std::stoi(r.at("drafted")) == 0, too_long) << "request " << r.at("request");
  }
  EXPECT_GT(long_requests, 0);
  EXPECT_LT(long_requests, 10);
  EXPECT_EQ(s.at("requests_over_device_memory").get<std::int64_t>(), long_requests);
}

}  // namespace
