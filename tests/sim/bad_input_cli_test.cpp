// Bad input through the real binary: exit code 2, one message per problem naming the file and
// the JSON path (or the XML line), and nothing written to the output folder.
#include <gtest/gtest.h>

#include <fstream>

#include "run_binary.hpp"

namespace {

using dsdsi::test::run_dsdsi;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

void expect_rejected(const std::vector<std::string>& args, const std::filesystem::path& out,
                     const std::vector<std::string>& expected, const std::string& label) {
  const auto run = run_dsdsi(args);
  EXPECT_EQ(run.exit_code, 2) << label << "\n" << run.output;
  for (const auto& text : expected) {
    EXPECT_NE(run.output.find(text), std::string::npos)
        << label << ": expected \"" << text << "\" in:\n"
        << run.output;
  }
  EXPECT_FALSE(std::filesystem::exists(out)) << label << ": output folder was created";
  if (std::filesystem::exists(out.parent_path())) {
    for (const auto& entry : std::filesystem::directory_iterator(out.parent_path())) {
      EXPECT_EQ(entry.path().filename().string().find("out"), std::string::npos)
          << label << ": left " << entry.path();
    }
  }
}

// The table shared with the config unit tests: tests/data/bad_scenarios.json.
TEST(BadInputCli, EveryBadScenarioExitsTwoNamesThePathAndWritesNothing) {
  const auto cases = dsdsi::test::read_json(source_path("tests/data/bad_scenarios.json"));
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    TempDir dir;
    const auto file = dir.path() / "scenario.json";
    std::ofstream(file) << c.at("scenario").dump(2);
    const auto out = dir.path() / "out";
    std::vector<std::string> args{"run", file.string(), "--out", out.string()};
    for (const auto& s : c.value("set", nlohmann::json::array())) {
      args.push_back("--set");
      args.push_back(s.get<std::string>());
    }
    std::vector<std::string> expected;
    for (const auto& e : c.at("expect")) expected.push_back(e.get<std::string>());
    expected.push_back("scenario.json");
    if (c.contains("set")) expected.pop_back();  // an override is named instead of the file
    expect_rejected(args, out, expected, c.at("name").get<std::string>());
    // validate reports the same problems.
    args[0] = "validate";
    args.erase(args.begin() + 2, args.begin() + 4);
    const auto v = run_dsdsi(args);
    EXPECT_EQ(v.exit_code, 2) << c.at("name") << " (validate)\n" << v.output;
  }
}

TEST(BadInputCli, MalformedJsonNamesLineAndColumn) {
  TempDir dir;
  const auto file = dir.path() / "broken.json";
  std::ofstream(file) << "{\n  \"schema_version\": 1,\n  \"seed\": ,\n}\n";
  expect_rejected({"run", file.string(), "--out", (dir.path() / "out").string()},
                  dir.path() / "out", {"broken.json", "line 3"}, "malformed json");
}

TEST(BadInputCli, MissingScenarioFile) {
  TempDir dir;
  expect_rejected(
      {"run", (dir.path() / "nope.json").string(), "--out", (dir.path() / "out").string()},
      dir.path() / "out", {"nope.json"}, "missing file");
}

struct BadPlatform {
  const char* file;
  std::vector<std::string> expected;
};

// Platform files that SimGrid accepts but dsdsi cannot use, and one SimGrid rejects.
TEST(BadInputCli, BadPlatformFilesExitTwoWithTheXmlLine) {
  const BadPlatform cases[] = {
      {"no-cloud.xml", {"no-cloud.xml", "no cloud host"}},
      {"no-edge.xml", {"no-edge.xml", "no edge host"}},
      {"unknown-role.xml", {"unknown-role.xml:8", "unknown role \"gpu\""}},
      {"bad-draft-speed.xml", {"bad-draft-speed.xml:11", "draft_ms_per_token", "\"fast\""}},
      {"bad-radio.xml",
       {"bad-radio.xml:10", "property radio must be one of lte, 3g, wifi", "\"5g\""}},
      {"no-route.xml", {"no-route.xml:8", "no route to the cloud"}},
      {"malformed.xml", {"malformed.xml", "line"}},
      // What SimGrid 3.32 aborts, hangs or corrupts memory on, found before it reads the file.
      {"bad-dijkstra-disconnected.xml",
       {"bad-dijkstra-disconnected.xml:6", "zone \"z\" (Dijkstra): no route", "\"island\""}},
      {"bad-duplicate-link.xml", {"bad-duplicate-link.xml:10", "link \"l1\" is already declared"}},
      {"bad-route-both-ways.xml",
       {"bad-route-both-ways.xml:11", "route from \"c\" to \"a\"", "symmetrical=\"NO\""}},
      {"bad-zero-cores.xml", {"bad-zero-cores.xml:6", "core \"0\" must be an integer >= 1"}},
      {"bad-zero-speed.xml", {"bad-zero-speed.xml:8", "speed \"0f\" must be a finite number > 0"}},
      {"bad-nan-latency.xml", {"bad-nan-latency.xml:8", "latency \"nanms\" is not a finite"}},
      {"bad-inf-latency.xml", {"bad-inf-latency.xml:8", "latency \"infms\" is not a finite"}},
      {"bad-tiny-speed-factor.xml",
       {"bad-tiny-speed-factor.xml:7", "speed_factor must be a number >= 1e-06"}},
      {"bad-no-zone-route.xml",
       {"bad-no-zone-route.xml:11", "Bad gateways", "edge host \"a\"", "cloud host \"c\""}},
      {"bad-deep-zones.xml", {"bad-deep-zones.xml:22", "nested more than 16 zones deep"}},
      // Profiles: the XML line and the profile's own file and line.
      {"bad-profile-dates.xml",
       {"bad-profile-dates.xml:8", "bad-dates.txt:4", "dates must increase"}},
      {"bad-profile-missing.xml", {"bad-profile-missing.xml:8", "no-such-profile.txt"}},
      {"bad-profile-negative-bandwidth.xml",
       {"bad-profile-negative-bandwidth.xml:8", "bad-negative-bandwidth.txt:1", "> 0 bytes/s"}},
      {"bad-profile-negative-latency.xml",
       {"bad-profile-negative-latency.xml:8", "bad-negative-latency.txt:2", ">= 0 s"}},
      {"bad-profile-state-value.xml",
       {"bad-profile-state-value.xml:8", "bad-state-value.txt:2", "0 (off) or 1 (on)"}},
      {"bad-profile-keyword.xml",
       {"bad-profile-keyword.xml:8", "bad-keyword.txt:2", "unknown keyword \"STOCHASTIC\""}},
      {"bad-profile-twice.xml", {"bad-profile-twice.xml:8", "already used at line 8"}},
      {"bad-host-state.xml", {"bad-host-state.xml:7", "state_file on an edge or cloud host"}},
  };
  for (const auto& c : cases) {
    TempDir dir;
    const auto out = dir.path() / "out";
    const auto platform = source_path(std::string("tests/data/platforms/") + c.file).string();
    expect_rejected({"run", source_path("scenarios/quickstart.json").string(), "--out",
                     out.string(), "--set", "platform=" + platform, "--set", "network={}"},
                    out, c.expected, c.file);
    // `platform inspect` reads the file the same way: the same verdict, the same words.
    const auto inspect = run_dsdsi({"platform", "inspect", platform});
    EXPECT_EQ(inspect.exit_code, 2) << c.file << " (inspect)\n" << inspect.output;
    for (const auto& text : c.expected) {
      EXPECT_NE(inspect.output.find(text), std::string::npos)
          << c.file << " (inspect): expected \"" << text << "\" in:\n"
          << inspect.output;
    }
  }
}

TEST(BadInputCli, ExistingOutputFolderIsNotTouchedWithoutForce) {
  TempDir dir;
  const auto out = dir.path() / "out";
  std::filesystem::create_directories(out);
  std::ofstream(out / "precious.txt") << "keep me";
  const auto run = run_dsdsi({"run", source_path("scenarios/quickstart.json").string(), "--out",
                              out.string(), "--set", "workload.requests_per_client=1"});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--force"), std::string::npos) << run.output;
  EXPECT_EQ(dsdsi::test::read_text(out / "precious.txt"), "keep me");
  EXPECT_FALSE(std::filesystem::exists(out / "summary.json"));

  const auto forced =
      run_dsdsi({"run", source_path("scenarios/quickstart.json").string(), "--out", out.string(),
                 "--force", "--set", "workload.requests_per_client=1"});
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_TRUE(std::filesystem::exists(out / "summary.json"));
  EXPECT_FALSE(std::filesystem::exists(out / "precious.txt"));
}

TEST(BadInputCli, UnknownCommandOrOptionIsBadInput) {
  EXPECT_EQ(run_dsdsi({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_dsdsi({"run", "--no-such-option", "x.json"}).exit_code, 2);
  EXPECT_EQ(run_dsdsi({}).exit_code, 2);
}

TEST(BadInputCli, HelpOfEveryCommandExplainsItWithAnExample) {
  for (const char* command : {"run", "validate", "params"}) {
    const auto run = run_dsdsi({command, "--help"});
    EXPECT_EQ(run.exit_code, 0) << command;
    EXPECT_NE(run.output.find("Example"), std::string::npos) << command << ":\n" << run.output;
  }
}

}  // namespace

namespace {

// Replaces {scenario}, {out} and {source} in a table argument.
std::string expand(std::string arg, const std::filesystem::path& scenario,
                   const std::filesystem::path& out) {
  const std::pair<std::string, std::string> substitutions[] = {
      {"{scenario}", scenario.string()},
      {"{out}", out.string()},
      {"{source}", dsdsi::test::source_path(".").lexically_normal().string()}};
  for (const auto& [from, to] : substitutions) {
    for (auto at = arg.find(from); at != std::string::npos; at = arg.find(from)) {
      arg.replace(at, from.size(), to);
    }
  }
  return arg;
}

// Command lines that are bad input although their scenario runs (tests/data/bad_command_lines
// .json): each exits 2, names the problem (and the file and JSON path where there is one), and
// writes nothing.
TEST(BadInputCli, EveryBadCommandLineExitsTwoAndWritesNothing) {
  const auto cases = dsdsi::test::read_json(source_path("tests/data/bad_command_lines.json"));
  ASSERT_GE(cases.size(), 5u);
  for (const auto& c : cases) {
    TempDir dir;
    const auto scenario = dir.path() / "scenario.json";
    if (c.contains("scenario")) std::ofstream(scenario) << c.at("scenario").dump(2);
    const auto out = dir.path() / "out";
    std::vector<std::string> args;
    for (const auto& a : c.at("args")) args.push_back(expand(a.get<std::string>(), scenario, out));
    std::vector<std::string> expected;
    for (const auto& e : c.at("expect")) expected.push_back(e.get<std::string>());
    expect_rejected(args, out, expected, c.at("name").get<std::string>());
  }
}

}  // namespace
