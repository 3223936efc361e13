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
  const Case cases[] = {
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

// Open loop: 100 clients, each a Poisson process of 0.5 requests/s (50/s in all), 20,000
// requests. The realised rate is within 3% (the relative standard error of a count of 20,000
// Poisson events is 0.7%).
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
  double last = 0;
  for (const auto& r : requests) last = std::max(last, std::stod(r.at("submit_ms")));
  EXPECT_NEAR(20000 / (last / 1e3) / 50, 1.0, 0.03);
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
      base(),
      {"workload.clients=4",
       R"(workload.arrival={"kind": "trace", "file": ")" + trace_file.string() + R"("})"},
      dir.path() / "out");
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
