// Device classes (`edge.devices`): clients assigned by share, each drafting at its class's speed
// and drawing its class's power; the summary's by_class section reports each class.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "run_binary.hpp"

namespace {

using dsdsi::test::read_csv;
using dsdsi::test::run_and_summarize;
using dsdsi::test::source_path;
using dsdsi::test::TempDir;

const char* const kTwoClasses =
    R"(edge.devices=[{"class": "jetson-orin", "share": 0.5, "draft_ms_per_token": 16,
                      "watts_busy": 15, "watts_idle": 5},
                     {"class": "phone", "share": 0.5, "draft_ms_per_token": 35,
                      "watts_busy": 6, "watts_idle": 1}])";

// The quickstart's edge section gives a single draft speed: "edge={}" clears it first.

// Ten clients, half of each class, alternating. With alpha 1 and one server per client nobody
// queues, so a class's rounds take exactly gamma t_de + RTT + t_v + ser with its own t_de, and its energy per token is (gamma t_de busy + (RTT + t_v + ser) idle) /
// (gamma + 1) to within 2% (the first round's prompt upload and prefill are idle time outside
// the rounds).
TEST(DeviceClassesSim, EachClassDraftsAndSpendsEnergyAtItsOwnRate) {
  TempDir dir;
  const auto s = run_and_summarize(
      source_path("scenarios/quickstart.json").string(),
      {"edge={}", kTwoClasses, "workload.clients=10", "cloud.servers=10", "speculation.acceptance.alpha=1",
       "workload.requests_per_client=1", "workload.output_tokens=1000"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  ASSERT_EQ(clients.size(), 10u);
  for (std::size_t c = 0; c < 10; ++c) {
    EXPECT_EQ(clients[c].at("device_class"), c % 2 == 0 ? "jetson-orin" : "phone") << c;
  }
  const double ser = 56.0 * 8 / 20e6 * 1e3 + 48.0 * 8 / 100e6 * 1e3;
  const std::map<std::string, std::array<double, 3>> classes = {{"jetson-orin", {16, 15, 5}},
                                                                {"phone", {35, 6, 1}}};
  const auto& by_class = s.at("by_class");
  ASSERT_EQ(by_class.size(), 2u);
  double total_j = 0;
  for (const auto& [name, spec] : classes) {
    const auto& [t_de, busy, idle] = spec;
    const auto& m = by_class.at(name);
    EXPECT_EQ(m.at("clients").get<int>(), 5) << name;
    EXPECT_EQ(m.at("output_tokens").get<int>(), 5000) << name;
    // 200 rounds of 5 tokens: the first token comes with the first round, the last 199 later.
    const double tpot = 199 * (4 * t_de + 50 + 20 + ser) / 999;
    EXPECT_NEAR(m.at("tpot_ms_mean").get<double>(), tpot, 1e-6 * tpot) << name;
    const double j_per_token = (4 * t_de * busy + (50 + 20 + ser) * idle) / 5 / 1e3;
    EXPECT_NEAR(m.at("edge_j_per_token").get<double>(), j_per_token, 0.02 * j_per_token) << name;
    double class_j = 0;
    for (const auto& c : clients) {
      if (c.at("device_class") == name) class_j += std::stod(c.at("edge_energy_j"));
    }
    EXPECT_NEAR(m.at("edge_energy_j").get<double>(), class_j, 1e-5) << name;
    total_j += class_j;
  }
  EXPECT_NEAR(s.at("edge_energy_j").get<double>(), total_j, 1e-5);
}

// Shares that do not divide the clients evenly: 7 and 3 of 10, and each class's clients spread
// over the range (no class holds more than its share of any prefix, plus one).
TEST(DeviceClassesSim, ClientsAreAssignedByShareAndInterleaved) {
  TempDir dir;
  const auto s = run_and_summarize(
      source_path("scenarios/quickstart.json").string(),
      {"edge={}", R"(edge.devices=[{"class": "a", "share": 0.7, "draft_ms_per_token": 10},
                        {"class": "b", "share": 0.3, "draft_ms_per_token": 20}])",
       "workload.clients=10", "workload.requests_per_client=1", "workload.output_tokens=20"},
      dir.path() / "out");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.at("by_class").at("a").at("clients").get<int>(), 7);
  EXPECT_EQ(s.at("by_class").at("b").at("clients").get<int>(), 3);
  const auto clients = read_csv(dir.path() / "out" / "clients.csv");
  int b = 0;
  for (std::size_t c = 0; c < clients.size(); ++c) {
    b += clients[c].at("device_class") == "b" ? 1 : 0;
    EXPECT_LE(b, 0.3 * static_cast<double>(c + 1) + 1) << c;
    EXPECT_EQ(std::stod(clients[c].at("draft_ms_per_token")),
              clients[c].at("device_class") == "a" ? 10 : 20);
  }
}

}  // namespace
