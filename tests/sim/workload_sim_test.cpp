// Acceptance models and workloads in the simulator (docs/workloads.md).
#include <gtest/gtest.h>

#include <fstream>

#include "dsdsi/model/acceptance_model.hpp"
#include "run_binary.hpp"

namespace {

std::string base() { return dsdsi::test::source_path("tests/data/one_client_dsd.json").string(); }

// Each model's tokens_per_round_mean against its documented expectation, within 1%. Runs are
// sized for three standard errors under 1%: positional has the spread of one alpha per position
// (as bernoulli, ~40,000 rounds); beta and trace add the spread between requests (the run's mean
// is the harmonic mean over requests of E; 1/E varies by ~30% between requests at Beta(8, 2), so
// ~1,000 requests).
TEST(WorkloadSim, AcceptanceModelsMatchTheirExpectedTokensPerRound) {
  struct Case {
    const char* name;
    std::string acceptance;
    std::vector<std::string> size;
    double expected;
  };
  dsdsi::AcceptanceParams beta;
  beta.kind = dsdsi::AcceptanceKind::beta;
  beta.a = 8;
  beta.b = 2;
  const double beta_e = dsdsi::make_acceptance_model(beta, 1)->expected_tokens_per_round(4);
  const double positional_e = dsdsi::RequestAcceptance(std::vector<double>{0.95, 0.85, 0.75, 0.65})
                                  .expected_tokens_per_round(4);
  // The shipped acceptance trace, used whole (4 clients x 100 requests = its 400 records): the
  // run's mean is then the harmonic mean over exactly those records, with no sampling spread
  // between requests.
  const auto trace_file = dsdsi::test::source_path("scenarios/traces/acceptance.jsonl");
  dsdsi::AcceptanceParams trace;
  trace.kind = dsdsi::AcceptanceKind::trace;
  std::ifstream lines(trace_file);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    dsdsi::RequestAcceptanceRecord r;
    if (record.contains("alphas")) {
      r.alphas = record.at("alphas").get<std::vector<double>>();
    } else {
      r.alpha = record.at("alpha").get<double>();
    }
    trace.records.push_back(r);
  }
  ASSERT_EQ(trace.records.size(), 400u);
  const double trace_e = dsdsi::make_acceptance_model(trace, 4)->expected_tokens_per_round(4);
  const Case cases[] = {
      {"trace",
       R"({"kind": "trace", "file": ")" + trace_file.string() + R"("})",
       {"workload.clients=4", "workload.requests_per_client=100", "workload.output_tokens=300"},
       trace_e},
      {"positional",
       R"({"kind": "positional", "alphas": [0.95, 0.85, 0.75, 0.65]})",
       {"workload.requests_per_client=4", "workload.output_tokens=40000"},
       positional_e},
      {"beta",
       R"({"kind": "beta", "a": 8, "b": 2})",
       {"workload.clients=10", "workload.requests_per_client=120", "workload.output_tokens=200"},
       beta_e},
  };
  dsdsi::test::TempDir dir;
  for (const auto& c : cases) {
    auto sets = c.size;
    sets.push_back(std::string("speculation.acceptance=") + c.acceptance);
    const auto summary = dsdsi::test::run_and_summarize(base(), sets, dir.path() / c.name);
    ASSERT_FALSE(summary.empty()) << c.name;
    EXPECT_NEAR(summary.at("tokens_per_round_mean").get<double>() / c.expected, 1.0, 0.01)
        << c.name << ": expected " << c.expected;
  }
}

// Open loop: 100 clients, each a Poisson process of 0.5 requests/s (50/s in all) for 200
// requests (about 400 s). Every client is still submitting at 300 s, so the arrivals before then
// count a Poisson process of rate 50/s over 300 s: 15,000 expected, standard deviation 122
// (0.8%). The realised count is within 3%.
TEST(WorkloadSim, PoissonArrivalsComeAtTheConfiguredRate) {
  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(
      base(),
      {"mode=edge_ar", "workload.clients=100", "workload.requests_per_client=200",
       "workload.output_tokens=2", R"(workload.arrival={"kind": "poisson", "rate_per_s": 50})"},
      dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  const auto requests = dsdsi::test::read_csv(dir.path() / "out" / "requests.csv");
  ASSERT_EQ(requests.size(), 20000u);
  long before_300_s = 0;
  for (const auto& r : requests) before_300_s += std::stod(r.at("submit_ms")) < 300e3 ? 1 : 0;
  EXPECT_NEAR(before_300_s / 15000.0, 1.0, 0.03);
}

// Trace replay: every request is submitted at its arrival_ms, on its client, with its lengths.
TEST(WorkloadSim, TraceReplayReproducesArrivalTimesExactly) {
  const auto trace_file = dsdsi::test::source_path("scenarios/traces/synthetic.jsonl");
  std::vector<nlohmann::json> lines;
  std::ifstream in(trace_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  ASSERT_GT(lines.size(), 10u);
  dsdsi::test::TempDir dir;
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("tests/data/trace_workload.json").string(), {}, dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  std::map<long, std::vector<const nlohmann::json*>> per_client;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const long client =
        lines[i].contains("client") ? lines[i].at("client").get<long>() : static_cast<long>(i % 4);
    per_client[client].push_back(&lines[i]);
  }
  const auto requests = dsdsi::test::read_csv(dir.path() / "out" / "requests.csv");
  ASSERT_EQ(requests.size(), lines.size());
  for (const auto& r : requests) {
    const auto& line = *per_client.at(std::stol(r.at("client"))).at(std::stoul(r.at("request")));
    char expected[64];
    std::snprintf(expected, sizeof expected, "%.6f", line.at("arrival_ms").get<double>());
    EXPECT_EQ(r.at("submit_ms"), expected);
    EXPECT_EQ(std::stol(r.at("output_tokens")), line.at("output_tokens").get<long>());
  }
}

}  // namespace
