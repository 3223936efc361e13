// XML platforms whose edge hosts reach the cloud through one to four links, under each routing
// kind SimGrid offers (Full, Floyd, Dijkstra, Cluster): each client gets the RTT of its own
// route, the draft speed of its own host, and so the per-token time of the closed form with
// those numbers.
#include <gtest/gtest.h>

#include <map>

#include "dsdsi/model/closed_form.hpp"
#include "run_binary.hpp"

namespace {

struct HostExpectation {
  const char* host;
  double rtt_ms, draft_ms, up_mbps, down_mbps;  // bandwidths: the route's bottleneck
};

struct PlatformCase {
  const char* name;
  const char* file;
  HostExpectation hosts[3];  // in document order = client order
};

const PlatformCase kCases[] = {
    {"floyd",
     "platforms/two-region-floyd.xml",
     {{"phone-near", 10, 20, 1000, 1000},
      {"laptop-far", 50, 8, 1000, 1000},
      {"jetson-sat", 120, 10, 1000, 1000}}},
    {"dijkstra",
     "tests/data/platforms/routing-dijkstra.xml",
     {{"phone-near", 10, 20, 1000, 1000},
      {"laptop-far", 50, 8, 1000, 1000},
      {"jetson-sat", 120, 10, 1000, 1000}}},
    {"full",
     "tests/data/platforms/routing-full.xml",
     {{"phone-near", 10, 10, 1000, 1000},
      {"laptop-far", 50, 10, 1000, 1000},
      {"jetson-sat", 120, 10, 1000, 1000}}},
    {"cluster",
     "tests/data/platforms/routing-cluster.xml",
     {{"phone-near", 10, 10, 50, 200},
      {"laptop-far", 50, 10, 50, 200},
      {"jetson-sat", 120, 10, 20, 100}}},
};

void PrintTo(const PlatformCase& pc, std::ostream* os) { *os << pc.file; }

class PlatformXmlSim : public ::testing::TestWithParam<PlatformCase> {};

TEST_P(PlatformXmlSim, EachClientGetsThePerTokenTimeOfItsOwnRouteAndDevice) {
  // The verifier is made nearly free (0.05 ms) so that the three clients practically never
  // wait for one another (at most 0.05 ms per round, under 0.1% of the shortest round); the
  // one-client closed form then applies to each. Tolerance 1%, with about 25k rounds per client
  // (3 standard errors of E at alpha 0.8, gamma 4 is 0.9%).
  const PlatformCase& pc = GetParam();
  const double alpha = 0.8, t_v = 0.05, header = 40;
  const int gamma = 4;
  dsdsi::test::TempDir dir;
  const auto out = dir.path() / "out";
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("tests/data/xml_platform_scenario.json").string(),
      {std::string("platform=") + dsdsi::test::source_path(pc.file).string()}, out);
  ASSERT_FALSE(summary.empty());

  const auto clients = dsdsi::test::read_csv(out / "clients.csv");
  ASSERT_EQ(clients.size(), 3u);
  for (std::size_t c = 0; c < 3; ++c) {
    EXPECT_EQ(clients[c].at("host"), pc.hosts[c].host);
    EXPECT_NEAR(std::stod(clients[c].at("rtt_ms")), pc.hosts[c].rtt_ms, 1e-6);
    EXPECT_DOUBLE_EQ(std::stod(clients[c].at("draft_ms_per_token")), pc.hosts[c].draft_ms);
  }

  std::map<std::string, std::pair<double, int>> tpot_sum;  // client -> (sum, count)
  for (const auto& r : dsdsi::test::read_csv(out / "requests.csv")) {
    const double tokens = std::stod(r.at("output_tokens"));
    tpot_sum[r.at("client")].first +=
        (std::stod(r.at("last_token_ms")) - std::stod(r.at("first_token_ms"))) / (tokens - 1);
    tpot_sum[r.at("client")].second += 1;
  }
  for (std::size_t c = 0; c < 3; ++c) {
    const HostExpectation& h = pc.hosts[c];
    dsdsi::closed_form::Inputs in;
    in.alpha = alpha;
    in.gamma = gamma;
    in.t_de = h.draft_ms;
    in.t_v = t_v;
    in.rtt = h.rtt_ms;
    // A window of gamma ids up and an 8-byte verdict down, each with the header.
    in.ser =
        ((header + 4 * gamma) * 8 / (h.up_mbps * 1e6) + (header + 8) * 8 / (h.down_mbps * 1e6)) *
        1e3;
    const double expected = dsdsi::closed_form::tpot_dsd_sync(in);
    const auto& [sum, count] = tpot_sum.at(std::to_string(c));
    EXPECT_NEAR(sum / count / expected, 1.0, 0.01)
        << h.host << ": simulated " << sum / count << " ms, closed form " << expected << " ms";
  }
}

INSTANTIATE_TEST_SUITE_P(Routing, PlatformXmlSim, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
