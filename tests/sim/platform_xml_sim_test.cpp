// An XML platform (Floyd routing) whose edge hosts reach the cloud through one, two or three
// links: each client gets the RTT of its own route, the draft speed of its own host, and so the
// per-token time of the closed form with those numbers.
#include <gtest/gtest.h>

#include <map>

#include "dsdsi/model/closed_form.hpp"
#include "run_binary.hpp"

namespace {

TEST(PlatformXmlSim, EachClientGetsThePerTokenTimeOfItsOwnRouteAndDevice) {
  // The verifier is made nearly free (0.05 ms) so that the three clients practically never
  // wait for one another (at most 0.05 ms per round, under 0.1% of the shortest round); the
  // one-client closed form then applies to each. Bandwidths are 1 Gbps and more: serialisation
  // is included anyway. Tolerance 1%, with about 25k rounds per client (3 standard errors of E
  // at alpha 0.8, gamma 4 is 0.9%).
  const double alpha = 0.8, t_v = 0.05;
  const int gamma = 4;
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("tests/data/xml_platform_scenario.json").string(), {}, out);
  ASSERT_FALSE(summary.empty());

  const auto clients = dsdsi::test::read_csv(out / "clients.csv");
  ASSERT_EQ(clients.size(), 3u);
  const std::map<std::string, std::pair<double, double>> expected_host = {
      {"phone-near", {10, 20}}, {"laptop-far", {50, 8}}, {"jetson-sat", {120, 10}}};
  const char* order[] = {"phone-near", "laptop-far", "jetson-sat"};  // document order
  for (std::size_t c = 0; c < 3; ++c) {
    EXPECT_EQ(clients[c].at("host"), order[c]);
    EXPECT_NEAR(std::stod(clients[c].at("rtt_ms")), expected_host.at(order[c]).first, 1e-6);
    EXPECT_DOUBLE_EQ(std::stod(clients[c].at("draft_ms_per_token")),
                     expected_host.at(order[c]).second);
  }

  std::map<std::string, std::pair<double, int>> tpot_sum;  // client -> (sum, count)
  for (const auto& r : dsdsi::test::read_csv(out / "requests.csv")) {
    const double tokens = std::stod(r.at("output_tokens"));
    const double tpot =
        (std::stod(r.at("last_token_ms")) - std::stod(r.at("first_token_ms"))) / (tokens - 1);
    tpot_sum[r.at("client")].first += tpot;
    tpot_sum[r.at("client")].second += 1;
  }
  for (std::size_t c = 0; c < 3; ++c) {
    const auto& [rtt, t_de] = expected_host.at(order[c]);
    dsdsi::closed_form::Inputs in;
    in.alpha = alpha;
    in.gamma = gamma;
    in.t_de = t_de;
    in.t_v = t_v;
    in.rtt = rtt;
    // Bottleneck 1 Gbps both ways; header 40 B; window of gamma ids up, 8 B verdict down.
    in.ser = ((40.0 + 4 * gamma) + (40.0 + 8)) * 8 / 1e9 * 1e3;
    const double expected = dsdsi::closed_form::tpot_dsd_sync(in);
    const auto& [sum, count] = tpot_sum.at(std::to_string(c));
    const double simulated = sum / count;
    EXPECT_NEAR(simulated / expected, 1.0, 0.01)
        << order[c] << ": simulated " << simulated << " ms, closed form " << expected << " ms";
  }
}

}  // namespace
