// The sweep block: reading it (every problem at once, each at its JSON path), expanding it into
// points (order, ids, seeds, overrides that read back as the same values), and --shard.
#include <gtest/gtest.h>

#include <set>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/sweep_points.hpp"
#include "dsdsi/config/sweep_shard.hpp"
#include "dsdsi/config/sweep_spec.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

SweepSpec read_ok(const json& block) {
  ProblemList problems("s.json");
  SweepSpec spec = read_sweep_block(block, problems);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.lines().front());
  return spec;
}

std::vector<std::string> problems_of(const json& block) {
  ProblemList problems("s.json");
  read_sweep_block(block, problems);
  return problems.lines();
}

std::vector<SweepPoint> expand(const SweepSpec& spec, std::uint64_t seed = 7) {
  ProblemList problems("s.json");
  auto points = expand_sweep(spec, seed, "s.json", problems);
  EXPECT_TRUE(problems.empty());
  return points;
}

// The issue's example: 5 x 3 grid, a zip of 2, 3 repeats.
const json kExample = json::parse(R"({
  "grid": {"network.rtt_ms": [1, 20, 50, 100, 200], "speculation.gamma": [2, 4, 8]},
  "zip": {"cloud.verify_ms": [9, 20], "cloud.ar_step_ms": [9, 20]},
  "repeats": 3})");

TEST(SweepSpec, AxesAreGridThenZipEachAlphabetical) {
  const SweepSpec spec = read_ok(kExample);
  ASSERT_EQ(spec.axes.size(), 4u);
  EXPECT_EQ(spec.axes[0].path, "network.rtt_ms");
  EXPECT_EQ(spec.axes[1].path, "speculation.gamma");
  EXPECT_EQ(spec.axes[2].path, "cloud.ar_step_ms");
  EXPECT_TRUE(spec.axes[2].zipped);
  EXPECT_EQ(spec.axes[3].path, "cloud.verify_ms");
  EXPECT_EQ(spec.grid_axes(), 2u);
  EXPECT_EQ(spec.zip_length(), 2u);
  EXPECT_EQ(spec.repeats, 3);
  EXPECT_EQ(sweep_point_count(spec), 5u * 3u * 2u * 3u);
}

TEST(SweepSpec, EveryProblemIsReportedAtItsPath) {
  const auto problems = problems_of(json::parse(R"({
    "grid": {"network.rtt": [1], "speculation.gamma": [], "network": [1], "seed": [1, 2],
             "mode": "dsd_sync"},
    "zip": {"cloud.verify_ms": [9, 20, 30], "cloud.ar_step_ms": [9, 20],
            "speculation.gamma": [1, 2, 3]},
    "repeat": 3, "repeats": 1.5})"));
  const std::set<std::string> got(problems.begin(), problems.end());
  const std::vector<std::string> expected = {
      "s.json: /sweep/repeat: unknown key (did you mean \"repeats\"?) (a sweep block has grid, "
      "zip and repeats)",
      "s.json: /sweep/repeats: must be an integer >= 1 and <= 1000000, got 1.5",
      "s.json: /sweep/grid/network.rtt: unknown parameter \"network.rtt\" (did you mean "
      "\"network.rtt_ms\"?) (axes are named by dotted path; `dsdsi params` lists them)",
      "s.json: /sweep/grid/speculation.gamma: must be a non-empty array of values, got []",
      "s.json: /sweep/grid/network: unknown parameter \"network\": it is a section; an axis names "
      "one key, e.g. \"network.rtt_ms\"",
      "s.json: /sweep/grid/seed: the seed is not an axis: /sweep/repeats varies it (seed, seed + "
      "1, ...)",
      "s.json: /sweep/grid/mode: must be a non-empty array of values, got \"dsd_sync\"",
      "s.json: /sweep/zip/cloud.verify_ms: has 3 values, but /sweep/zip/cloud.ar_step_ms has 2 "
      "(zip axes move together, so each needs as many values)",
  };
  for (const auto& line : expected) EXPECT_EQ(got.count(line), 1u) << "missing: " << line;
  // And the zip's speculation.gamma has 3 values, not 2 (the grid's speculation.gamma was
  // refused already, so the two are not reported as overlapping).
  EXPECT_EQ(got.count("s.json: /sweep/zip/speculation.gamma: has 3 values, but "
                      "/sweep/zip/cloud.ar_step_ms has 2 (zip axes move together, so each needs "
                      "as many values)"),
            1u);
  EXPECT_EQ(problems.size(), expected.size() + 1);
}

TEST(SweepSpec, GridAndZipMustNotShareAnAxis) {
  const auto problems =
      problems_of(json::parse(R"({"grid": {"mode": ["cloud_ar"]}, "zip": {"mode": ["edge_ar"]}})"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "s.json: /sweep/zip/mode: also a grid axis (/sweep/grid/mode); an axis is in one of "
            "them");
}

TEST(SweepSpec, TooManyPointsAreRefused) {
  json block;
  for (const char* axis : {"network.rtt_ms", "speculation.gamma", "workload.clients"}) {
    block["grid"][axis] = json(std::vector<int>(100, 1));  // 10^6 points
  }
  const auto problems = problems_of(block);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("expands to more than 100000 points"), std::string::npos);
}

TEST(SweepSpec, EmptyBlockIsOnePoint) { EXPECT_EQ(sweep_point_count(read_ok(json::object())), 1u); }

TEST(SweepExpansion, FirstGridAxisSlowestRepeatsFastest) {
  const auto points = expand(read_ok(kExample));
  ASSERT_EQ(points.size(), 90u);
  EXPECT_EQ(points[0].id, "0000");
  EXPECT_EQ(points[89].id, "0089");
  // Point 0..2: the three repeats of the first combination, seeds 7, 8, 9.
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(points[r].repeat, r);
    EXPECT_EQ(points[r].seed, 7u + r);
    EXPECT_EQ(points[r].axis_values, (std::vector<json>{1, 2, 9, 9}));
  }
  EXPECT_EQ(points[3].axis_values, (std::vector<json>{1, 2, 20, 20}));  // then the zip moves
  EXPECT_EQ(points[6].axis_values, (std::vector<json>{1, 4, 9, 9}));    // then gamma
  EXPECT_EQ(points[18].axis_values, (std::vector<json>{20, 2, 9, 9}));  // then rtt
  // Every combination once per repeat.
  std::set<std::pair<std::vector<json>, std::int64_t>> seen;
  for (const auto& p : points) seen.insert({p.axis_values, p.repeat});
  EXPECT_EQ(seen.size(), 90u);
}

TEST(SweepExpansion, OverridesReadBackAsTheSameValuesAndNameTheirEntry) {
  const auto spec = read_ok(json::parse(
      R"({"grid": {"mode": ["dsd_sync"], "description": ["42", "a=b", "x y"],
                   "network.rtt_ms": [0.1]}})"));
  const auto points = expand(spec, 3);
  ASSERT_EQ(points.size(), 3u);
  const auto& o = points[0].overrides;
  ASSERT_EQ(o.size(), 4u);  // three axes and the seed
  EXPECT_EQ(o[0].text, "description=\"42\"");
  EXPECT_EQ(o[0].value, json("42"));
  EXPECT_EQ(o[0].source, "s.json: /sweep/grid/description/0");
  EXPECT_EQ(o[1].text, "mode=dsd_sync");
  EXPECT_EQ(o[2].text, "network.rtt_ms=0.1");
  EXPECT_EQ(o[2].value.get<double>(), 0.1);
  EXPECT_EQ(o[3].text, "seed=3");
  EXPECT_EQ(o[3].source, "s.json: /sweep/repeats");
  EXPECT_EQ(points[1].overrides[0].value, json("a=b"));
  EXPECT_EQ(points[1].overrides[0].source, "s.json: /sweep/grid/description/1");
  for (const auto& p : points) {
    for (const auto& override_ : p.overrides) {
      EXPECT_EQ(parse_overrides({override_.text}).front().value, override_.value);
    }
  }
}

TEST(SweepExpansion, IdsWidenBeyondTenThousandPoints) {
  json block;
  block["repeats"] = 10001;
  const auto points = expand(read_ok(block));
  EXPECT_EQ(points.front().id, "00000");
  EXPECT_EQ(points.back().id, "10000");
}

TEST(SweepExpansion, SeedOverflowIsReported) {
  ProblemList problems("s.json");
  const auto points =
      expand_sweep(read_ok(json{{"repeats", 3}}), 18446744073709551614ull, "s.json", problems);
  EXPECT_EQ(points.size(), 2u);
  ASSERT_EQ(problems.lines().size(), 1u);
  EXPECT_NE(problems.lines()[0].find("s.json: /sweep/repeats: seed + repeat would exceed"),
            std::string::npos);
}

TEST(SweepExpansion, AxisValueText) {
  EXPECT_EQ(axis_value_text(json("dsd_sync")), "dsd_sync");
  EXPECT_EQ(axis_value_text(json(0.85)), "0.85");
  EXPECT_EQ(axis_value_text(json(20)), "20");
  EXPECT_EQ(axis_value_text(json{{"kind", "constant"}, {"ms", 9}}),
            "{\"kind\":\"constant\",\"ms\":9}");
}

TEST(SweepShard, ShardsPartitionThePoints) {
  const std::size_t n = 4;
  for (std::size_t i = 0; i < 50; ++i) {
    int owners = 0;
    for (std::size_t k = 1; k <= n; ++k) owners += SweepShard{k, n}.holds(i) ? 1 : 0;
    EXPECT_EQ(owners, 1) << i;
  }
  EXPECT_TRUE(parse_shard("2/3").holds(1));
  EXPECT_TRUE(parse_shard("1/1").holds(17));
  EXPECT_EQ(parse_shard("3/8").text(), "3/8");
}

TEST(SweepShard, MalformedShardsAreRefused) {
  for (const char* bad :
       {"0/3", "4/3", "x", "1/0", "", "1/", "/3", "-1/3", "1.5/3", "1/3/4", " 1/3", "1e1/20"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << "accepted --shard " << bad;
    } catch (const ConfigError& error) {
      ASSERT_EQ(error.problems().size(), 1u);
      EXPECT_EQ(error.problems()[0].rfind(std::string("--shard ") + bad + ": ", 0), 0u)
          << error.problems()[0];
    }
  }
}

}  // namespace
}  // namespace dsdsi
