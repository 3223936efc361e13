// The scenario keys of real inputs: `length_table` acceptance (published mean lengths per gamma,
// and the presets in acceptance/), `cloud.max_batched_tokens` (chunked prefill) and
// `cloud.verify_overhead_ms`. Bad values are refused with their JSON path.
#include <gtest/gtest.h>

#include <fstream>

#include "config_load.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/closed_form.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir(DSDSI_SOURCE_DIR);

json with_acceptance(const json& acceptance, int gamma = 4) {
  return {{"schema_version", 1}, {"speculation", {{"gamma", gamma}, {"acceptance", acceptance}}}};
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const auto& p : problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string all(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) text += p + "\n";
  return text;
}

TEST(LengthTableParam, FitsAlphasThatReproduceTheTable) {
  const json table = {{"1", 1.83}, {"2", 2.43}, {"3", 2.88}, {"4", 3.24}};
  const auto loaded = load_in(kSourceDir, with_acceptance({{"kind", "length_table"},
                                                           {"mean_length", table},
                                                           {"source", "InferenceX kimi-k2.5"}}));
  const AcceptanceParams& a = loaded.scenario.speculation.acceptance;
  EXPECT_EQ(a.kind, AcceptanceKind::length_table);
  ASSERT_EQ(a.alphas.size(), 4u);
  const auto model = make_acceptance_model(a, 1);
  for (int g = 1; g <= 4; ++g) {
    EXPECT_NEAR(model->expected_tokens_per_round(g), table.at(std::to_string(g)).get<double>(),
                1e-12);
  }
}

TEST(LengthTableParam, RefusesAnUnrealisableTableAtTheGammaThatBreaksIt) {
  const auto problems = problems_in(
      kSourceDir,
      with_acceptance({{"kind", "length_table"},
                       {"mean_length", {{"1", 1.84}, {"2", 2.52}, {"3", 2.93}, {"4", 3.41}}}}));
  EXPECT_TRUE(mentions(problems,
                       "s.json: /speculation/acceptance/mean_length/4: mean length "
                       "3.41 grows by 0.48"))
      << all(problems);
}

TEST(LengthTableParam, RefusesGapsBadKeysAndNonNumbers) {
  auto problems = problems_in(
      kSourceDir,
      with_acceptance({{"kind", "length_table"}, {"mean_length", {{"1", 1.8}, {"3", 2.5}}}}));
  EXPECT_TRUE(mentions(problems, "/speculation/acceptance/mean_length/3: gamma 3 leaves a gap"))
      << all(problems);
  problems = problems_in(
      kSourceDir, with_acceptance({{"kind", "length_table"}, {"mean_length", {{"01", 1.8}}}}));
  EXPECT_TRUE(mentions(problems, "/speculation/acceptance/mean_length/01: must be a gamma"))
      << all(problems);
  problems = problems_in(
      kSourceDir, with_acceptance({{"kind", "length_table"}, {"mean_length", {{"1", "1.8"}}}}));
  EXPECT_TRUE(mentions(problems, "/speculation/acceptance/mean_length/1: must be a number"))
      << all(problems);
  problems = problems_in(kSourceDir, with_acceptance({{"kind", "length_table"}}));
  EXPECT_TRUE(mentions(problems, "/speculation/acceptance/mean_length")) << all(problems);
}

TEST(LengthTableParam, RefusesAWindowLongerThanTheTable) {
  const auto problems = problems_in(
      kSourceDir,
      with_acceptance({{"kind", "length_table"}, {"mean_length", {{"1", 1.8}, {"2", 2.4}}}}, 3));
  EXPECT_TRUE(mentions(problems,
                       "s.json: /speculation/gamma: is 3, but "
                       "speculation.acceptance.mean_length gives the mean length only "
                       "up to gamma 2"))
      << all(problems);
}

TEST(LengthTableParam, EveryShippedPresetLoadsAndReproducesItsCurve) {
  int presets = 0;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "acceptance")) {
    if (entry.path().extension() != ".json") continue;
    ++presets;
    json preset;
    std::ifstream(entry.path()) >> preset;
    ASSERT_EQ(preset.at("kind"), "length_table") << entry.path();
    EXPECT_NE(preset.at("source").get<std::string>().find("InferenceX"), std::string::npos);
    const int largest = static_cast<int>(preset.at("mean_length").size());
    const auto loaded = load_in(kSourceDir, with_acceptance(preset, largest));
    const auto model = make_acceptance_model(loaded.scenario.speculation.acceptance, 1);
    for (int g = 1; g <= largest; ++g) {
      EXPECT_NEAR(model->expected_tokens_per_round(g),
                  preset.at("mean_length").at(std::to_string(g)).get<double>(), 1e-9)
          << entry.path() << " gamma " << g;
    }
  }
  EXPECT_GE(presets, 6);
}

json prefill_batch(std::int64_t cap) {
  json cloud = {{"prefill", {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}}},
                {"verify", {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}}},
                {"max_batch", 64},
                {"batching", "continuous"}};
  if (cap > 0) cloud["max_batched_tokens"] = cap;
  return {{"schema_version", 1},
          {"cloud", cloud},
          {"speculation", {{"gamma", 4}}},
          {"workload", {{"clients", 64}, {"prompt_tokens", 512}}}};
}

TEST(MaxBatchedTokens, ARealisticPrefillBatchNeedsNoExtrapolationWithTheCap) {
  // 64 requests x 512-token prompts = 32,768 batched tokens; the 8B H100 table stops at 16,384.
  EXPECT_TRUE(mentions(problems_in(kSourceDir, prefill_batch(0)), "/cloud/prefill/file"));
  const auto loaded = load_in(kSourceDir, prefill_batch(8192));
  EXPECT_EQ(loaded.scenario.cloud.max_batched_tokens, 8192);
  EXPECT_FALSE(loaded.scenario.cloud.prefill.extrapolate);
}

TEST(MaxBatchedTokens, MustHoldAFullBatchOfDecodeWork) {
  const auto problems = problems_in(kSourceDir, prefill_batch(300));
  EXPECT_TRUE(mentions(problems,
                       "s.json: /cloud/max_batched_tokens: must hold a full batch of "
                       "decode work, cloud.max_batch x (largest window + 1) = 64 x (4 + "
                       "1) = 320"))
      << all(problems);
  EXPECT_TRUE(mentions(problems_in(kSourceDir, prefill_batch(0), {"cloud.max_batched_tokens=-1"}),
                       "/cloud/max_batched_tokens"));
}

TEST(VerifyOverhead, IsAddedToTheClosedFormsVerifyStep) {
  const json document = {{"schema_version", 1},
                         {"cloud", {{"verify_ms", 20}, {"verify_overhead_ms", 5}}}};
  const auto loaded = load_in(kSourceDir, document);
  EXPECT_DOUBLE_EQ(closed_form::inputs_for(loaded.scenario).t_v, 25.0);
  EXPECT_TRUE(mentions(problems_in(kSourceDir, document, {"cloud.verify_overhead_ms=-2"}),
                       "/cloud/verify_overhead_ms"));
}

}  // namespace
}  // namespace dsdsi
