// A saturated serial verifier (max_batch 1, enough clients that it never idles): the server
// spends t_v per round in DSD, gamma t_dc + t_v in co-located SD and t_ar per token in cloud AR,
// so throughput is E / t_v, E / (gamma t_dc + t_v) and 1 / t_ar tokens per ms ("Speculation at
// a Distance"; docs/model.md, capacity of a saturated server).
//
// Tolerance: 3%, the issue's. What separates a finite run from the closed form: the ramp-up and
// the tail (clients start and finish at slightly different times: a few rounds out of ~500 per
// client, under 1%), prompt prefill (made free here), and the randomness of E: over ~8,000+
// rounds the relative standard error of the realised E is below 0.6%, and the same seeds give
// every mode the same acceptance draws, so most of it cancels in the ratios.
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/model/closed_form.hpp"
#include "run_binary.hpp"

namespace {

struct SaturationSet {
  const char* name;
  double alpha;
  int gamma;
  double t_de, t_dc, t_v, t_ar, rtt;
};

void PrintTo(const SaturationSet& s, std::ostream* os) { *os << s.name; }

const SaturationSet kSets[] = {
    {"a08_g4", 0.8, 4, 10, 10, 20, 20, 50},
    {"a07_g5", 0.7, 5, 10, 10, 50, 50, 60},
    {"a06_g3_fast_target", 0.6, 3, 16, 4, 8, 7, 30},
};

class SaturationSim : public ::testing::TestWithParam<SaturationSet> {};

double throughput(const SaturationSet& s, const std::string& mode, int clients, int tokens,
                  const std::filesystem::path& out) {
  const auto summary = dsdsi::test::run_and_summarize(
      dsdsi::test::source_path("scenarios/quickstart.json").string(),
      {"mode=" + mode, "speculation.gamma=" + std::to_string(s.gamma),
       "speculation.acceptance.alpha=" + std::to_string(s.alpha),
       "edge.draft_ms_per_token=" + std::to_string(s.t_de),
       "cloud.draft_ms_per_token=" + std::to_string(s.t_dc),
       "cloud.verify_ms=" + std::to_string(s.t_v), "cloud.ar_step_ms=" + std::to_string(s.t_ar),
       "network.rtt_ms=" + std::to_string(s.rtt), "cloud.prefill_ms_per_token=0",
       "cloud.max_batch=1", "cloud.batch_window_ms=0",
       "workload.clients=" + std::to_string(clients), "workload.requests_per_client=1",
       "workload.output_tokens=" + std::to_string(tokens)},
      out);
  EXPECT_GT(summary.at("server_busy_fraction").get<double>(), 0.98) << mode << ": not saturated";
  return summary.at("throughput_tokens_per_s").get<double>();
}

TEST_P(SaturationSim, ThroughputRatiosMatchTheCapacityClosedForms) {
  const SaturationSet& s = GetParam();
  // A DSD client spends gamma t_de + RTT + t_v per round on its own; with three times as many
  // clients as fit in that loop, the verifier always has a window waiting.
  const int clients = 3 * static_cast<int>(std::ceil((s.gamma * s.t_de + s.rtt + s.t_v) / s.t_v));
  const double e = dsdsi::closed_form::expected_tokens_per_round(s.alpha, s.gamma);
  const int tokens = static_cast<int>(500 * e);  // about 500 rounds per client
  dsdsi::test::TempDir dir;
  const double dsd = throughput(s, "dsd_sync", clients, tokens, dir.path() / "dsd");
  const double colocated = throughput(s, "colocated_sd", clients, tokens, dir.path() / "co");
  const double ar = throughput(s, "cloud_ar", clients, tokens, dir.path() / "ar");

  const double expected_vs_colocated = 1 + s.gamma * s.t_dc / s.t_v;
  const double expected_vs_ar = e * s.t_ar / s.t_v;
  EXPECT_NEAR(dsd / colocated / expected_vs_colocated, 1.0, 0.03)
      << "dsd/colocated " << dsd / colocated << ", closed form " << expected_vs_colocated;
  EXPECT_NEAR(dsd / ar / expected_vs_ar, 1.0, 0.03)
      << "dsd/cloud_ar " << dsd / ar << ", closed form " << expected_vs_ar;
  // And each absolute throughput against its saturated value (tokens per second).
  EXPECT_NEAR(dsd / (e / s.t_v * 1e3), 1.0, 0.03);
  EXPECT_NEAR(ar / (1e3 / s.t_ar), 1.0, 0.03);
}

INSTANTIATE_TEST_SUITE_P(Sets, SaturationSim, ::testing::ValuesIn(kSets),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
