// Where a relative "platform" path is looked for, and how a platform file changes what the
// network section may hold.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "scratch_dir.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> problems_of(const json& document, const fs::path& base_dir) {
  return problems_in(base_dir, document);
}

TEST(ConfigPlatform, SearchDirsStartWithTheScenarioDirThenTheWorkingDir) {
  ScratchDir dir;
  const auto dirs = platform_search_dirs(dir.path());
  ASSERT_GE(dirs.size(), 2u);
  EXPECT_EQ(dirs[0], dir.path().lexically_normal());
  EXPECT_EQ(dirs[1], fs::current_path().lexically_normal());
}

TEST(ConfigPlatform, FirstDirectoryHoldingTheFileWins) {
  ScratchDir first, second;
  const fs::path in_second = second.write("platforms/star.xml", "<platform/>\n");
  auto found = find_readable_file("platforms/star.xml", {first.path(), second.path()});
  ASSERT_TRUE(found.path) << found.problem;
  EXPECT_EQ(*found.path, in_second);

  const fs::path in_first = first.write("platforms/star.xml", "<platform/>\n");
  found = find_readable_file("platforms/star.xml", {first.path(), second.path()});
  ASSERT_TRUE(found.path) << found.problem;
  EXPECT_EQ(*found.path, in_first);
}

TEST(ConfigPlatform, AbsolutePathIsUsedAsIs) {
  ScratchDir dir, elsewhere;
  const fs::path file = dir.write("p.xml", "<platform/>\n");
  const auto found = find_readable_file(file.string(), {elsewhere.path()});
  ASSERT_TRUE(found.path) << found.problem;
  EXPECT_EQ(*found.path, file);
}

TEST(ConfigPlatform, NotFoundNamesEveryPlaceTried) {
  ScratchDir first, second;
  fs::create_directories(second.path() / "p.xml");  // a directory is not a platform file
  const auto found = find_readable_file("p.xml", {first.path(), second.path()});
  EXPECT_FALSE(found.path);
  // Something of that name exists (a folder): "no usable file", not "not found".
  EXPECT_EQ(found.problem, "no usable file: \"p.xml\" (tried " + (first.path() / "p.xml").string() +
                               ", " + (second.path() / "p.xml").string() +
                               " (not a regular file (a directory)))");
  const auto missing = find_readable_file("q.xml", {first.path(), second.path()});
  EXPECT_EQ(missing.problem, "file not found: \"q.xml\" (tried " +
                                 (first.path() / "q.xml").string() + ", " +
                                 (second.path() / "q.xml").string() + ")");
}

TEST(ConfigPlatform, LoaderStoresTheAbsolutePathInScenarioAndResolved) {
  ScratchDir dir;
  const fs::path file = dir.write("platforms/star.xml", "<platform/>\n");
  const json document = {{"schema_version", 1}, {"platform", "platforms/star.xml"}};
  const auto loaded = load_scenario_json(document, "s.json", {}, dir.path());
  EXPECT_EQ(loaded.scenario.platform_file, file.string());
  EXPECT_EQ(loaded.resolved["platform"], file.string());
}

TEST(ConfigPlatform, WithAPlatformTheStarParametersAreLeftOutOfResolved) {
  ScratchDir dir;
  dir.write("p.xml", "<platform/>\n");
  const json document = {{"schema_version", 1}, {"platform", "p.xml"}};
  const json resolved = load_scenario_json(document, "s.json", {}, dir.path()).resolved;
  const json expected_network = {{"model", "exact"}, {"header_bytes", 40}, {"jitter_ms", 0}};
  EXPECT_EQ(resolved["network"], expected_network);
}

TEST(ConfigPlatform, StarParameterGivenWithAPlatformIsAProblemAtItsPath) {
  ScratchDir dir;
  dir.write("p.xml", "<platform/>\n");
  const json document = {{"schema_version", 1},
                         {"platform", "p.xml"},
                         {"network", {{"rtt_ms", 20}, {"cloud_link_gbps", 1}, {"model", "tcp"}}}};
  const std::vector<std::string> expected = {
      "s.json: /network/rtt_ms: not used when /platform is set: the platform file defines the "
      "network",
      "s.json: /network/cloud_link_gbps: not used when /platform is set: the platform file "
      "defines the network",
  };
  EXPECT_EQ(problems_of(document, dir.path()), expected);
}

TEST(ConfigPlatform, StarParameterSetByOverrideWithAPlatformIsAttributedToIt) {
  ScratchDir dir;
  dir.write("p.xml", "<platform/>\n");
  const json document = {{"schema_version", 1}, {"platform", "p.xml"}};
  try {
    load_scenario_json(document, "s.json", parse_overrides({"network.uplink_mbps=5"}), dir.path());
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& error) {
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_EQ(error.problems()[0],
              "--set network.uplink_mbps=5: /network/uplink_mbps: not used when /platform is set: "
              "the platform file defines the network");
  }
}

TEST(ConfigPlatform, MissingPlatformIsAProblemAtPlatform) {
  ScratchDir dir;
  const json document = {{"schema_version", 1}, {"platform", "platforms/none.xml"}};
  const auto problems = problems_of(document, dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("s.json: /platform: file not found: \"platforms/none.xml\" (tried " +
                                  (dir.path() / "platforms/none.xml").string(),
                              0),
            0u)
      << problems[0];
}

TEST(ConfigPlatform, EmptyPlatformPathIsAProblem) {
  ScratchDir dir;
  const auto problems = problems_of({{"schema_version", 1}, {"platform", ""}}, dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "s.json: /platform: must be a file path, got \"\"");
}

}  // namespace
}  // namespace dsdsi
