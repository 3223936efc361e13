// A realistic prefill batch on the shipped 8B table: 64 requests of 512-token prompts arrive
// together (32,768 prompt tokens, twice the table's last row of 16,384). With
// cloud.max_batched_tokens = 8192 the scenario loads without extrapolation and runs; prefill is
// chunked, so no step prefills more than 8,192 tokens, early requests get their first token long
// before one 32,768-token step could have ended, and the last one only after at least four
// prefill-sized steps (every prompt token is prefilled once).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "run_binary.hpp"

namespace {

// latency/llama3-8b-h100.csv: ms(n) = 6.5 + 0.036 (n - 1).
double table_ms(double tokens) { return 6.5 + 0.036 * (tokens - 1); }

TEST(ChunkedPrefillSim, SixtyFourPromptsOf512RunOnThe8BTableWithoutExtrapolation) {
  dsdsi::test::TempDir dir;
  const auto table = dsdsi::test::source_path("latency/llama3-8b-h100.csv").string();
  const nlohmann::json scenario = {{"schema_version", 1},
                                   {"seed", 1},
                                   {"mode", "cloud_ar"},
                                   {"network", {{"rtt_ms", 1}}},
                                   {"cloud",
                                    {{"prefill", {{"kind", "table"}, {"file", table}}},
                                     {"ar_step", {{"kind", "table"}, {"file", table}}},
                                     {"max_batch", 64},
                                     {"batching", "continuous"},
                                     {"max_batched_tokens", 8192}}},
                                   {"workload",
                                    {{"clients", 64},
                                     {"requests_per_client", 1},
                                     {"prompt_tokens", 512},
                                     {"output_tokens", 4}}}};
  const auto file = dir.path() / "prefill.json";
  std::ofstream(file) << scenario.dump(2);
  const auto summary = dsdsi::test::run_and_summarize(file.string(), {}, dir.path() / "out");
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(summary.at("requests").get<long>(), 64);
  EXPECT_EQ(summary.at("output_tokens").get<long>(), 256);
  const auto run = dsdsi::test::read_json(dir.path() / "out" / "run.json");
  EXPECT_FALSE(run.at("scenario").at("cloud").at("prefill").at("extrapolate").get<bool>());

  std::vector<double> ttft;
  for (const auto& row : dsdsi::test::read_csv(dir.path() / "out" / "requests.csv")) {
    ttft.push_back(std::stod(row.at("first_token_ms")) - std::stod(row.at("submit_ms")));
  }
  ASSERT_EQ(ttft.size(), 64u);
  const auto [first, last] = std::minmax_element(ttft.begin(), ttft.end());
  // The first 16 prompts fill the first step; their first token follows the next step.
  EXPECT_GE(*first, table_ms(8192));
  EXPECT_LT(*first, table_ms(32768));  // one uncapped step of all 64 prompts would take 1186 ms
  // 32,768 prompt tokens at most 8,192 per step: at least four steps, each at least the table's
  // time for its prefill part (decode tokens take the rest of the cap, so allow the base 6.5 ms).
  EXPECT_GE(*last, 4 * (table_ms(8192) - 6.5));
}

}  // namespace
