// Per-client networks: RTTs drawn per client, jitter per message, payload sizes that take time
// to serialise, and access links shared by groups of clients.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::read_text;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

std::string quickstart() { return source_path("scenarios/quickstart.json").string(); }

// docs/model.md: 4 bytes per token id, 2 per fp16 probability; every message has a 40-byte header
// (the default); a verdict is the header plus 8 bytes.
constexpr double kHeader = 40, kReplyBytes = 48;
double ser_ms(double bytes, double mbps) { return bytes * 8 / (mbps * 1e6) * 1e3; }

// The mean time of one round of one request: first token at the end of its first round, last
// token at the end of its last.
double round_ms(const std::map<std::string, std::string>& request) {
  return (std::stod(request.at("last_token_ms")) - std::stod(request.at("first_token_ms"))) /
         (std::stod(request.at("rounds")) - 1);
}

// Windows carrying the whole draft distribution: on a 12 Mbit/s uplink each round pays
// ~684 ms of serialisation, and the per-token time is docs/model.md's T_SYNC with `ser` included.
// Tolerance 2% (the issue's): 20,000 tokens at alpha 0.8, gamma 4 give ~5,950 rounds, and 3
// standard errors of the realised tokens per round are 1.2% (docs/model.md: sd(N) = 1.6). The time
// of a round does not depend on chance and is checked to 0.1%. The bytes sent up are exactly
// the prompt plus, per window, a header and 4 + 2 x vocab bytes per draft token.
TEST(NetworkSim, FullDistributionPayloadAddsItsSerialisationToEveryRound) {
  TempDir dir;
  const double alpha = 0.8, gamma = 4, t_de = 10, rtt = 50, t_v = 20, vocab = 128256;
  const auto s = run_and_summarize(
      quickstart(),
      {R"(speculation.payload={"kind": "full_distribution"})", "network.uplink_mbps=12",
       "workload.requests_per_client=1", "workload.output_tokens=20000"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const double window_bytes = kHeader + gamma * (4 + 2 * vocab);
  const double ser = ser_ms(window_bytes, 12) + ser_ms(kReplyBytes, 100);
  EXPECT_GT(ser, 680);
  const double e = (1 - std::pow(alpha, gamma + 1)) / (1 - alpha);
  const double t_sync = (gamma * t_de + rtt + t_v + ser) / e;
  EXPECT_NEAR(s.at("tpot_ms_mean").get<double>(), t_sync, 0.02 * t_sync);

  const auto requests = read_csv(dir.path() / "out" / "requests.csv");
  ASSERT_EQ(requests.size(), 1u);
  // Full windows dominate; the few shortened last windows are lighter, so allow 0.1%.
  const double full_round = gamma * t_de + rtt + t_v + ser;
  EXPECT_NEAR(round_ms(requests[0]), full_round, 1e-3 * full_round);

  const double drafted = s.at("drafted_tokens").get<double>();
  const double rounds = s.at("rounds").get<double>();
  const double prompt_bytes = kHeader + 4 * 128;
  EXPECT_EQ(s.at("wan_bytes_up").get<double>(),
            prompt_bytes + rounds * kHeader + drafted * (4 + 2 * vocab));
}

// Each payload kind's bytes per draft token (docs/model.md sizes), read back from the bytes a run
// counted: wan_bytes_up = prompt + rounds x header + drafted x bytes per token.
TEST(NetworkSim, EachPayloadKindSendsItsBytesPerDraftToken) {
  struct Case {
    const char* payload;
    double per_token;
  };
  const Case cases[] = {{R"({"kind": "token_ids"})", 4},
                        {R"({"kind": "ids_and_probs"})", 6},
                        {R"({"kind": "topk", "k": 32})", 4 + 32 * 6},
                        {R"({"kind": "full_distribution", "vocab_size": 32000})", 4 + 2 * 32000}};
  for (const auto& c : cases) {
    TempDir dir;
    const auto s = run_and_summarize(
        quickstart(),
        {std::string("speculation.payload=") + c.payload, "workload.requests_per_client=2"},
        dir.path() / "out");
    ASSERT_FALSE(s.empty()) << c.payload;
    const double prompts = 2 * (kHeader + 4 * 128);
    EXPECT_EQ(s.at("wan_bytes_up").get<double>(),
              prompts + s.at("rounds").get<double>() * kHeader +
                  s.at("drafted_tokens").get<double>() * c.per_token)
        << c.payload;
  }
}

// Twenty clients in lock-step (alpha 1, identical devices, one batch of 20 per round) each send
// a 1 MB window per round. On private 50 Mbit/s links each upload takes B x 8 / 50 Mbit/s; behind
// one shared 50 Mbit/s access link the twenty uploads share it fairly and all finish after 20
// times as long. Bandwidth sharing thus predicts that a round is longer by 19 x B x 8 / 50 Mbit/s
// (plus the twenty verdicts sharing the 200 Mbit/s downlink: 20 x 48 B x 8 / 200 Mbit/s instead
// of 48 B x 8 / 100 Mbit/s). Checked to 1%.
TEST(NetworkSim, ClientsBehindOneSharedUplinkWaitAsBandwidthSharingPredicts) {
  const std::vector<std::string> common = {
      "workload.clients=20", "workload.requests_per_client=1", "workload.output_tokens=200",
      "workload.prompt_tokens=8", "speculation.acceptance.alpha=1",
      R"(speculation.payload={"kind": "full_distribution"})", "network.uplink_mbps=50",
      "cloud.max_batch=20", "cloud.batch_window_ms=1"};
  auto shared_sets = common;
  for (const char* s : {"network.shared_uplink.clients_per_link=20",
                        "network.shared_uplink.uplink_mbps=50",
                        "network.shared_uplink.downlink_mbps=200"}) {
    shared_sets.push_back(s);
  }
  TempDir dir;
  ASSERT_FALSE(run_and_summarize(quickstart(), common, dir.path() / "private").empty());
  ASSERT_FALSE(run_and_summarize(quickstart(), shared_sets, dir.path() / "shared").empty());
  const auto priv = read_csv(dir.path() / "private" / "requests.csv");
  const auto shared = read_csv(dir.path() / "shared" / "requests.csv");
  ASSERT_EQ(priv.size(), 20u);
  ASSERT_EQ(shared.size(), 20u);

  const double window_bytes = kHeader + 4 * (4 + 2 * 128256.0);
  const double private_round = 4 * 10 + 50 + 20 + ser_ms(window_bytes, 50) + ser_ms(kReplyBytes, 100);
  const double extra = 19 * ser_ms(window_bytes, 50) + 20 * ser_ms(kReplyBytes, 200) -
                       ser_ms(kReplyBytes, 100);
  for (std::size_t c = 0; c < 20; ++c) {
    EXPECT_NEAR(round_ms(priv[c]), private_round, 0.01 * private_round) << "client " << c;
    EXPECT_NEAR(round_ms(shared[c]) - round_ms(priv[c]), extra, 0.01 * extra) << "client " << c;
  }
  const auto links = read_csv(dir.path() / "shared" / "clients.csv");
  ASSERT_EQ(links.size(), 20u);
}

// RTTs drawn from a list: each client gets one of the values, keeps it for the whole run, and
// its rounds take exactly gamma t_de + its RTT + t_v + ser (alpha 1, one server per client so
// nobody queues). Adding clients does not change the earlier clients' draws.
TEST(NetworkSim, EachClientKeepsItsOwnDrawnRtt) {
  const std::vector<std::string> sets = {
      R"(network.rtt_ms={"dist": "list", "values": [10, 40, 90, 200]})",
      "speculation.acceptance.alpha=1", "cloud.servers=8", "workload.clients=8",
      "workload.requests_per_client=1", "workload.output_tokens=500"};
  TempDir dir;
  ASSERT_FALSE(run_and_summarize(quickstart(), sets, dir.path() / "eight").empty());
  auto four = sets;
  four.push_back("workload.clients=4");
  four.push_back("cloud.servers=4");
  ASSERT_FALSE(run_and_summarize(quickstart(), four, dir.path() / "four").empty());

  const auto clients = read_csv(dir.path() / "eight" / "clients.csv");
  const auto requests = read_csv(dir.path() / "eight" / "requests.csv");
  ASSERT_EQ(clients.size(), 8u);
  std::set<double> seen;
  const double ser = ser_ms(kHeader + 16, 20) + ser_ms(kReplyBytes, 100);
  for (const auto& r : requests) {
    const auto c = static_cast<std::size_t>(std::stoul(r.at("client")));
    const double rtt = std::stod(clients[c].at("rtt_ms"));
    EXPECT_TRUE(rtt == 10 || rtt == 40 || rtt == 90 || rtt == 200) << rtt;
    EXPECT_DOUBLE_EQ(std::stod(clients[c].at("mean_rtt_ms")), rtt);  // no jitter
    seen.insert(rtt);
    const double expected = 4 * 10 + rtt + 20 + ser;
    EXPECT_NEAR(round_ms(r), expected, 1e-6 * expected) << "client " << c;
  }
  EXPECT_GE(seen.size(), 2u);  // eight draws from four values are not all the same
  const auto first_four = read_csv(dir.path() / "four" / "clients.csv");
  for (std::size_t c = 0; c < 4; ++c) {
    EXPECT_EQ(first_four[c].at("rtt_ms"), clients[c].at("rtt_ms")) << "client " << c;
  }
}

// A lognormal RTT given by its median: over 400 clients the sample median is within 8% of
// median_ms (3 standard errors: the median of n lognormal draws has a log standard error of
// 1.2533 sigma / sqrt(n) = 0.025), and the summary's rtt percentiles describe the clients.
TEST(NetworkSim, LognormalRttHasTheGivenMedianAcrossClients) {
  TempDir dir;
  const auto s = run_and_summarize(
      quickstart(),
      {R"(network.rtt_ms={"dist": "lognormal", "median_ms": 50, "sigma": 0.4})", "mode=edge_ar",
       "workload.clients=400", "workload.requests_per_client=1", "workload.output_tokens=2"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 400u);
  std::vector<double> rtts;
  for (const auto& c : clients) rtts.push_back(std::stod(c.at("rtt_ms")));
  std::sort(rtts.begin(), rtts.end());
  const double median = (rtts[199] + rtts[200]) / 2;
  EXPECT_NEAR(median, 50, 0.08 * 50);
  EXPECT_NEAR(s.at("rtt_ms_p50").get<double>(), median, 1e-3);  // clients.csv rounds to 1e-6
  EXPECT_GT(s.at("rtt_ms_p95").get<double>(), 1.5 * median);  // e^(1.645 x 0.4) = 1.93
}

// A fixed jitter delays every message by the same amount: a round pays RTT + 2 x jitter, exactly
// as the closed form (which counts it so) says.
TEST(NetworkSim, FixedJitterAddsTwiceItselfToEveryRound) {
  TempDir dir;
  const auto s = run_and_summarize(
      quickstart(),
      {"network.jitter_ms=5", "speculation.acceptance.alpha=1", "workload.requests_per_client=1",
       "workload.output_tokens=500"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const auto requests = read_csv(dir.path() / "out" / "requests.csv");
  const double ser = ser_ms(kHeader + 16, 20) + ser_ms(kReplyBytes, 100);
  const double expected = 40 + 50 + 10 + 20 + ser;
  EXPECT_NEAR(round_ms(requests.at(0)), expected, 1e-6 * expected);
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  EXPECT_NEAR(std::stod(clients.at(0).at("mean_rtt_ms")), 60, 1e-6);
  // 100 rounds of 5 tokens: the first token comes with the first round, the last 99 rounds later.
  const double tpot = 99 * expected / 499;
  EXPECT_NEAR(s.at("tpot_ms_mean").get<double>(), tpot, 1e-6 * tpot);
}

// A uniform 0-10 ms jitter: each direction adds 5 ms on average, so the client's mean RTT is
// 60 ms within 3 standard errors (~2,000 draws of sd 2.89 ms: 0.2 ms each way, 0.4 ms in
// total), and its rounds take gamma t_de + t_v + ser + its measured mean RTT (to 0.2%: the mean
// RTT also counts the prompt upload and the first verdict, outside the rounds timed here).
// The same seed gives byte-identical records; another seed gives other draws.
TEST(NetworkSim, RandomJitterAddsItsMeanAndIsReproducible) {
  const std::vector<std::string> sets = {
      R"(network.jitter_ms={"dist": "uniform", "min": 0, "max": 10})",
      "speculation.acceptance.alpha=1", "workload.requests_per_client=1",
      "workload.output_tokens=5000"};
  TempDir dir;
  ASSERT_FALSE(run_and_summarize(quickstart(), sets, dir.path() / "a").empty());
  ASSERT_FALSE(run_and_summarize(quickstart(), sets, dir.path() / "b").empty());
  auto other = sets;
  other.push_back("seed=2");
  ASSERT_FALSE(run_and_summarize(quickstart(), other, dir.path() / "c").empty());

  const auto clients = read_csv(dir.path() / "a" / "clients.csv");
  const double mean_rtt = std::stod(clients.at(0).at("mean_rtt_ms"));
  EXPECT_NEAR(mean_rtt, 60, 0.4);
  EXPECT_DOUBLE_EQ(std::stod(clients.at(0).at("rtt_ms")), 50);
  const auto requests = read_csv(dir.path() / "a" / "requests.csv");
  const double ser = ser_ms(kHeader + 16, 20) + ser_ms(kReplyBytes, 100);
  const double expected = 40 + 20 + ser + mean_rtt;
  EXPECT_NEAR(round_ms(requests.at(0)), expected, 2e-3 * expected);

  for (const char* file : {"requests.csv", "rounds.csv", "clients.csv", "summary.json"}) {
    EXPECT_EQ(read_text(dir.path() / "a" / file), read_text(dir.path() / "b" / file)) << file;
  }
  EXPECT_NE(read_text(dir.path() / "a" / "rounds.csv"), read_text(dir.path() / "c" / "rounds.csv"));
}

// Jitter in the modes where messages overlap (pipelined windows, streamed cloud tokens): runs
// complete, and every client's mean RTT is above its links' RTT.
TEST(NetworkSim, JitterWorksInEveryCloudMode) {
  for (const char* mode : {"dsd_pipelined", "cloud_ar", "colocated_sd"}) {
    TempDir dir;
    const auto s = run_and_summarize(
        quickstart(),
        {std::string("mode=") + mode, R"(network.jitter_ms={"dist": "uniform", "min": 0, "max": 30})",
         "workload.clients=3", "workload.requests_per_client=2", "workload.output_tokens=100"},
        dir.path() / "out");
    ASSERT_FALSE(s.empty()) << mode;
    EXPECT_EQ(s.at("output_tokens").get<int>(), 600) << mode;
    EXPECT_GT(s.at("rtt_ms_mean").get<double>(), 50) << mode;
  }
}

}  // namespace
