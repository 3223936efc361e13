// The platform library (platforms/*.xml) and `dsdsi platform inspect`: every shipped platform
// passes inspect with the RTT and bandwidths its opening comment promises and runs a short
// scenario; bad platform files give exit 2, the problem and its XML line, through inspect and
// through run, and write nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "run_binary.hpp"

namespace {

using dsdsi::test::run_dsdsi;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

// What each shipped platform promises (in its opening comment, and in docs/platforms.md). Every
// edge host of a file has the same RTT and bottlenecks unless rtt_by_host says otherwise.
struct LibraryPlatform {
  const char* file;
  std::size_t edge_hosts;
  double rtt_ms;  // 0: see rtt_by_host
  double up_mbps, down_mbps;
  std::map<std::string, double> rtt_by_host;
};

const std::vector<LibraryPlatform>& library() {
  static const std::vector<LibraryPlatform> platforms = {
      {"same-region-datacenter.xml", 6, 2, 10000, 10000, {}},
      {"home-broadband.xml", 6, 15, 38.32, 83.95, {}},
      {"mobile-4g.xml", 6, 60, 12, 20, {}},
      {"mobile-5g.xml", 6, 50, 21, 203, {}},
      {"cross-region.xml", 6, 80, 1000, 1000, {}},
      {"leo-satellite.xml", 6, 40, 15, 105, {}},
      {"geo-satellite.xml", 6, 630, 3, 19, {}},
      {"two-region-floyd.xml",
       3,
       0,
       1000,
       1000,
       {{"phone-near", 10}, {"laptop-far", 50}, {"jetson-sat", 120}}},
  };
  return platforms;
}

const LibraryPlatform* find_in_library(const std::string& file) {
  for (const auto& p : library()) {
    if (file == p.file) return &p;
  }
  return nullptr;
}

std::vector<std::string> shipped_platform_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("platforms"))) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

nlohmann::json inspect_json(const std::string& platform, int* exit_code, std::string* output) {
  const auto run = run_dsdsi({"platform", "inspect", platform, "--json"});
  *exit_code = run.exit_code;
  *output = run.output;
  const auto start = run.output.find('{');
  if (run.exit_code != 0 || start == std::string::npos) return {};
  return nlohmann::json::parse(run.output.substr(start));
}

TEST(PlatformLibrary, HasAtLeastSixDocumentedPlatformsEachInTheTestTable) {
  const auto files = shipped_platform_files();
  EXPECT_GE(files.size(), 7u);  // six access networks asked for, seven shipped, plus the example
  for (const auto& file : files) {
    const LibraryPlatform* expected = find_in_library(file);
    ASSERT_NE(expected, nullptr) << "platforms/" << file
                                 << " is not in this test's table: add what it promises";
    if (expected->rtt_ms == 0) continue;  // the hand-written example, commented per host
    // The opening comment gives the sources of the numbers and the RTT this test checks.
    const std::string text = dsdsi::test::read_text(source_path("platforms/" + file));
    const auto comment_end = text.find("-->");
    ASSERT_NE(comment_end, std::string::npos) << file;
    const std::string comment = text.substr(0, comment_end);
    EXPECT_NE(comment.find("Sources of the numbers"), std::string::npos) << file;
    char rtt[64];
    std::snprintf(rtt, sizeof rtt, "RTT %g ms", expected->rtt_ms);
    EXPECT_NE(comment.find(rtt), std::string::npos) << file << ": comment does not say " << rtt;
  }
  // The library's own docs list each file.
  const std::string docs = dsdsi::test::read_text(source_path("docs/platforms.md"));
  for (const auto& file : files) EXPECT_NE(docs.find(file), std::string::npos) << file;
}

TEST(PlatformLibrary, EveryPlatformPassesInspectWithThePromisedRttAndBandwidth) {
  for (const auto& file : shipped_platform_files()) {
    const LibraryPlatform* expected = find_in_library(file);
    ASSERT_NE(expected, nullptr) << file;
    int exit_code = -1;
    std::string output;
    const auto facts = inspect_json(source_path("platforms/" + file).string(), &exit_code, &output);
    ASSERT_EQ(exit_code, 0) << file << "\n" << output;
    EXPECT_EQ(facts.at("cloud_hosts").size(), 1u) << file;
    const auto& edges = facts.at("edge_hosts");
    ASSERT_EQ(edges.size(), expected->edge_hosts) << file;
    for (const auto& edge : edges) {
      const std::string host = edge.at("host");
      const double rtt = expected->rtt_ms > 0 ? expected->rtt_ms : expected->rtt_by_host.at(host);
      // 1%: the file's latencies are chosen to sum to exactly half the RTT, so this only allows
      // for rounding in the XML's units.
      EXPECT_NEAR(edge.at("rtt_ms").get<double>(), rtt, 0.01 * rtt) << file << " " << host;
      EXPECT_NEAR(edge.at("up").at("latency_ms").get<double>() +
                      edge.at("down").at("latency_ms").get<double>(),
                  edge.at("rtt_ms").get<double>(), 1e-9)
          << file << " " << host;
      EXPECT_NEAR(edge.at("up").at("bottleneck_mbps").get<double>(), expected->up_mbps,
                  1e-9 * expected->up_mbps)
          << file << " " << host;
      EXPECT_NEAR(edge.at("down").at("bottleneck_mbps").get<double>(), expected->down_mbps,
                  1e-9 * expected->down_mbps)
          << file << " " << host;
      if (expected->rtt_ms > 0) {  // library platforms give every device its own draft speed
        EXPECT_TRUE(edge.at("draft_ms_per_token").is_number()) << file << " " << host;
      }
    }
    EXPECT_TRUE(facts.at("warnings").empty()) << file << "\n" << output;
    // The table form says the same, without --json.
    const auto table =
        run_dsdsi({"platform", "inspect", source_path("platforms/" + file).string()});
    EXPECT_EQ(table.exit_code, 0) << file;
    EXPECT_NE(table.output.find(edges.front().at("host").get<std::string>()), std::string::npos);
  }
}

TEST(PlatformLibrary, EveryPlatformRunsAShortScenarioWithOneClientPerEdgeHost) {
  for (const auto& file : shipped_platform_files()) {
    const LibraryPlatform* expected = find_in_library(file);
    ASSERT_NE(expected, nullptr) << file;
    const std::string platform = source_path("platforms/" + file).string();
    int exit_code = -1;
    std::string output;
    const auto facts = inspect_json(platform, &exit_code, &output);
    ASSERT_EQ(exit_code, 0) << output;
    TempDir dir;
    const auto clients = std::to_string(expected->edge_hosts);
    const auto summary = dsdsi::test::run_and_summarize(
        source_path("scenarios/quickstart.json").string(),
        {"platform=" + platform, "network={}", "workload.clients=" + clients,
         "workload.requests_per_client=1", "workload.output_tokens=32"},
        dir.path() / "out");
    ASSERT_FALSE(summary.empty()) << file;
    EXPECT_EQ(summary.at("output_tokens").get<std::size_t>(), 32 * expected->edge_hosts) << file;
    // Clients are placed on the edge hosts in the order inspect lists them, with its RTTs.
    const auto rows = dsdsi::test::read_csv(dir.path() / "out" / "clients.csv");
    ASSERT_EQ(rows.size(), expected->edge_hosts) << file;
    for (std::size_t c = 0; c < rows.size(); ++c) {
      const auto& edge = facts.at("edge_hosts").at(c);
      EXPECT_EQ(rows[c].at("host"), edge.at("host").get<std::string>()) << file;
      EXPECT_NEAR(std::stod(rows[c].at("rtt_ms")), edge.at("rtt_ms").get<double>(), 1e-6) << file;
      if (edge.at("draft_ms_per_token").is_number()) {
        EXPECT_DOUBLE_EQ(std::stod(rows[c].at("draft_ms_per_token")),
                         edge.at("draft_ms_per_token").get<double>())
            << file;
      }
    }
  }
}

struct BadPlatform {
  const char* file;
  std::vector<std::string> expected;  // each must appear in the output
};

void expect_bad_input(const std::vector<std::string>& args,
                      const std::vector<std::string>& expected, const std::filesystem::path& out,
                      const std::string& label) {
  const auto run = run_dsdsi(args);
  EXPECT_EQ(run.exit_code, 2) << label << "\n" << run.output;
  for (const auto& text : expected) {
    EXPECT_NE(run.output.find(text), std::string::npos)
        << label << ": expected \"" << text << "\" in:\n"
        << run.output;
  }
  EXPECT_EQ(run.output.find("internal error"), std::string::npos) << label;
  if (!out.empty()) {
    EXPECT_FALSE(std::filesystem::exists(out)) << label << ": wrote " << out;
  }
}

// Bad platform files that both `platform inspect` and `run` reject with exit 2 and the same
// problem text (src/sim/platform_file.cpp's), naming the XML line where there is one.
TEST(PlatformLibrary, BadPlatformFilesExitTwoThroughInspectAndRun) {
  const BadPlatform cases[] = {
      {"no-cloud.xml", {"no-cloud.xml: no cloud host"}},
      {"no-edge.xml", {"no-edge.xml: no edge host"}},
      {"unknown-role.xml", {"unknown-role.xml:8: host \"g\": unknown role \"gpu\""}},
      {"bad-role-case.xml", {"bad-role-case.xml:9: host \"laptop\": unknown role \"Edge\""}},
      {"bad-draft-speed.xml",
       {"bad-draft-speed.xml:11: host \"a\": property draft_ms_per_token must be a number >= "
        "1e-06 and <= 1e+09, got \"fast\""}},
      {"bad-draft-unit.xml",
       {"bad-draft-unit.xml:7: host \"orin\": property draft_ms_per_token must be a number >= "
        "1e-06 and <= 1e+09, got \"16ms\""}},
      {"bad-speed-factor.xml",
       {"bad-speed-factor.xml:6: host \"gpu\": property speed_factor must be a number >= 1e-06 and "
        "<= 1e+06, got \"0\""}},
      {"no-route.xml", {"no-route.xml:8: edge host \"lost\" has no route to the cloud host \"c\""}},
      {"bad-one-way-route.xml",
       {"bad-one-way-route.xml:7: edge host \"phone\" has no route to the cloud host \"cloud\""}},
      {"bad-second-cloud-unreachable.xml",
       {"bad-second-cloud-unreachable.xml:9: edge host \"phone\" has no route to the cloud host "
        "\"gpu-2\""}},
      {"bad-several-problems.xml",
       {"bad-several-problems.xml:8: host \"g\": unknown role \"gpu\"",
        "bad-several-problems.xml:9: host \"phone\": property draft_ms_per_token",
        "bad-several-problems.xml:13: edge host \"lost\" has no route"}},
      {"malformed.xml", {"malformed.xml:7", "Invalid XML"}},
      {"bad-attribute-typo.xml", {"bad-attribute-typo.xml:8", "Bad attribute `latncy'"}},
      {"bad-bandwidth-value.xml", {"bad-bandwidth-value.xml:8", "cannot parse number:fast"}},
      {"bad-route-unknown-host.xml", {"bad-route-unknown-host.xml:9", "src='phone-1'"}},
      {"bad-old-version.xml", {"bad-old-version.xml:4", "TOO OLD"}},
      {"bad-empty.xml", {"bad-empty.xml:1", "Invalid XML"}},
      // These load in SimGrid but could not run: dsdsi refuses them after loading.
      {"bad-wifi-link.xml",
       {"bad-wifi-link.xml:12: link \"air\" is a WiFi link", "set_host_wifi_rate"}},
      {"bad-zero-bandwidth.xml",
       {"bad-zero-bandwidth.xml:9: link \"radio\" has bandwidth 0 Mbit/s", "never finish"}},
      {"bad-negative-latency.xml",
       {"bad-negative-latency.xml:9: link \"radio\" has a negative latency (-25 ms)"}},
      {"bad-unknown-link.xml", {"bad-unknown-link.xml", "Link not found: radio-up"}},
      {"bad-duplicate-host.xml",
       {"bad-duplicate-host.xml",
        "bad-duplicate-host.xml:8: host \"phone\": the id is already used on line 7"}},
      // SimGrid aborts the process on these while loading: dsdsi reads them first.
      {"bad-routing-kind.xml",
       {"bad-routing-kind.xml:6: zone \"z\": unknown routing \"Fulll\"", "Full, Floyd"}},
      {"bad-wifi-latency.xml",
       {"bad-wifi-latency.xml:10: link \"air\": a WIFI link must have latency 0", "\"2ms\""}},
      {"bad-wattage.xml",
       {"bad-wattage.xml:8: host \"cloud\": property wattage_per_state has 2 group(s) of watts "
        "but the host has 1 pstate(s)",
        "bad-wattage.xml:10: host \"phone\": property wattage_per_state \"1W:6W:6W\" is not "
        "watts >= 0"}},
  };
  static_assert(sizeof cases / sizeof cases[0] >= 8, "at least eight bad platform files");
  for (const auto& c : cases) {
    const std::string platform = source_path(std::string("tests/data/platforms/") + c.file);
    expect_bad_input({"platform", "inspect", platform}, c.expected, {},
                     std::string(c.file) + " (inspect)");
    expect_bad_input({"platform", "inspect", platform, "--json"}, c.expected, {},
                     std::string(c.file) + " (inspect --json)");
    TempDir dir;
    const auto out = dir.path() / "out";
    expect_bad_input({"run", source_path("scenarios/quickstart.json").string(), "--out",
                      out.string(), "--set", "platform=" + platform, "--set", "network={}"},
                     c.expected, out, std::string(c.file) + " (run)");
  }
}

TEST(PlatformLibrary, InspectOfAMissingFileNamesItAndExitsTwo) {
  TempDir dir;
  const auto missing = (dir.path() / "nope.xml").string();
  expect_bad_input({"platform", "inspect", missing}, {"nope.xml", "file not found"}, {}, "missing");
  EXPECT_EQ(run_dsdsi({"platform", "inspect"}).exit_code, 2);
  EXPECT_EQ(run_dsdsi({"platform"}).exit_code, 2);
}

TEST(PlatformLibrary, InspectListsHostsWithoutRoleAndWarnsAboutIgnoredProperties) {
  TempDir dir;
  const auto file = dir.path() / "p.xml";
  std::ofstream(file) << R"(<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">
<platform version="4.1">
  <zone id="z" routing="Full">
    <host id="cloud" speed="1Gf">
      <prop id="role" value="cloud"/><prop id="draft_ms_per_token" value="5"/>
    </host>
    <host id="phone" speed="1Gf"><prop id="role" value="edge"/></host>
    <host id="printer" speed="1Gf"><prop id="speed_factor" value="2"/></host>
    <link id="radio" bandwidth="20Mbps" latency="25ms"/>
    <route src="phone" dst="cloud"><link_ctn id="radio"/></route>
  </zone>
</platform>
)";
  const auto run = run_dsdsi({"platform", "inspect", file.string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("p.xml:5: host \"cloud\" (role cloud) has a draft_ms_per_token"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("p.xml:9: host \"printer\" (no role) has a speed_factor"),
            std::string::npos)
      << run.output;
  EXPECT_TRUE(std::regex_search(run.output, std::regex(R"(printer\s+\(none\)\s+9)"))) << run.output;
  // A single link used both ways is shared by the way up and the way down of one host only:
  // not listed as shared; the edge host without draft_ms_per_token takes the scenario's.
  EXPECT_TRUE(std::regex_search(
      run.output, std::regex(R"(phone\s+edge\s+8\s+default\s+scenario\s+-\s+-\s+50\.000)")))
      << run.output;
  EXPECT_EQ(run.output.find("Shared links"), std::string::npos) << run.output;
}

TEST(PlatformLibrary, InspectHelpExplainsItWithAnExample) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"platform", "--help"},
        std::vector<std::string>{"platform", "inspect", "--help"}}) {
    const auto run = run_dsdsi(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("Example"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("platform inspect"), std::string::npos) << run.output;
  }
}

}  // namespace
