// The newer scenario keys loaded end to end: network.rtt_ms and network.jitter_ms as
// distributions, network.shared_uplink, the hosts' watts, edge.devices and speculation.payload,
// into their typed Scenario fields; the resolved document of a scenario using all of them is
// itself valid; the not_with exclusions and the share tolerance. (Refusals with their exact
// text: tests/data/bad_scenarios.json.)
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

LoadedScenario load(const json& document, const std::vector<std::string>& sets = {}) {
  return load_in(std::filesystem::path(), document, sets);
}

std::vector<std::string> problems_of(const json& document,
                                     const std::vector<std::string>& sets = {}) {
  return problems_in(std::filesystem::path(), document, sets);
}

// True when some problem holds `text`.
bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const auto& problem : problems) {
    if (problem.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& problem : problems) text += problem + "\n";
  return text;
}

json device(const std::string& name, double share, double draft_ms) {
  return {{"class", name}, {"share", share}, {"draft_ms_per_token", draft_ms}};
}

// A scenario that gives every new key.
json every_new_key() {
  json phone = device("phone", 0.7, 12);
  phone["watts_busy"] = 5;
  phone["watts_idle"] = 1.5;
  return {
      {"schema_version", 1},
      {"network",
       {{"rtt_ms", {{"dist", "lognormal"}, {"median_ms", 40}, {"sigma", 0.3}}},
        {"jitter_ms", {{"dist", "uniform"}, {"min", 0}, {"max", 5}}},
        {"shared_uplink", {{"clients_per_link", 4}, {"uplink_mbps", 50}, {"downlink_mbps", 200}}}}},
      {"edge", {{"devices", {phone, device("laptop", 0.3, 6)}}}},
      {"cloud", {{"watts_busy", 300}, {"watts_idle", 80}}},
      {"speculation", {{"payload", {{"kind", "topk"}, {"k", 8}}}}},
      {"workload", {{"clients", 10}}},
  };
}

// Protects: absent new keys give no jitter, no shared link, no wattage, one default device class
// and the token_ids payload.
TEST(ConfigNetworkDevices, AbsentKeysGiveTheOldBehaviour) {
  const Scenario s = load({{"schema_version", 1}}).scenario;
  EXPECT_EQ(s.network.jitter_ms.kind, DistKind::fixed);
  EXPECT_EQ(s.network.jitter_ms.value, 0);
  EXPECT_EQ(s.network.shared_uplink.clients_per_link, 0);
  EXPECT_FALSE(s.edge.watts.given);
  EXPECT_FALSE(s.cloud.watts.given);
  EXPECT_TRUE(s.edge.devices.empty());
  EXPECT_EQ(s.speculation.payload.kind, PayloadKind::token_ids);
}

// Protects: every new key lands in its typed field with the given values.
TEST(ConfigNetworkDevices, EveryNewKeyIsStoredInItsField) {
  const Scenario s = load(every_new_key()).scenario;
  EXPECT_EQ(s.network.rtt_ms.kind, DistKind::lognormal);
  EXPECT_EQ(s.network.rtt_ms.median, 40);  // from median_ms
  EXPECT_EQ(s.network.rtt_ms.sigma, 0.3);
  EXPECT_EQ(s.network.jitter_ms.kind, DistKind::uniform);
  EXPECT_EQ(s.network.jitter_ms.min, 0);
  EXPECT_EQ(s.network.jitter_ms.max, 5);
  EXPECT_EQ(s.network.shared_uplink.clients_per_link, 4);
  EXPECT_EQ(s.network.shared_uplink.uplink_mbps, 50);
  EXPECT_EQ(s.network.shared_uplink.downlink_mbps, 200);
  ASSERT_EQ(s.edge.devices.size(), 2u);
  EXPECT_EQ(s.edge.devices[0].name, "phone");
  EXPECT_EQ(s.edge.devices[0].share, 0.7);
  EXPECT_EQ(s.edge.devices[0].draft_ms_per_token, 12);
  EXPECT_TRUE(s.edge.devices[0].watts.given);
  EXPECT_EQ(s.edge.devices[0].watts.busy_w, 5);
  EXPECT_EQ(s.edge.devices[0].watts.idle_w, 1.5);
  EXPECT_EQ(s.edge.devices[1].name, "laptop");
  EXPECT_EQ(s.edge.devices[1].share, 0.3);
  EXPECT_EQ(s.edge.devices[1].draft_ms_per_token, 6);
  EXPECT_FALSE(s.edge.devices[1].watts.given);
  EXPECT_FALSE(s.edge.watts.given);
  EXPECT_TRUE(s.cloud.watts.given);
  EXPECT_EQ(s.cloud.watts.busy_w, 300);
  EXPECT_EQ(s.cloud.watts.idle_w, 80);
  EXPECT_EQ(s.speculation.payload.kind, PayloadKind::topk);
  EXPECT_EQ(s.speculation.payload.k, 8);
}

// Protects: the resolved document of a scenario that uses every new key is itself a valid
// scenario and resolves to itself (run.json can be fed back), and it keeps the new keys.
TEST(ConfigNetworkDevices, ResolvedDocumentRoundTrips) {
  const json resolved = load(every_new_key()).resolved;
  EXPECT_EQ(resolved["edge"]["devices"].size(), 2u) << resolved.dump(2);
  EXPECT_EQ(resolved["network"]["shared_uplink"]["clients_per_link"], 4);
  EXPECT_EQ(resolved["speculation"]["payload"]["k"], 8);
  LoadedScenario again;
  ASSERT_NO_THROW(again = load(resolved)) << resolved.dump(2);
  EXPECT_EQ(again.resolved, resolved);
  EXPECT_EQ(again.scenario.edge.devices.size(), 2u);
  EXPECT_EQ(again.scenario.network.rtt_ms.median, 40);
}

// Protects: the same without edge.devices (the network, cloud and payload keys round-trip on
// their own, so a failure above points at the devices).
TEST(ConfigNetworkDevices, ResolvedDocumentWithoutDevicesRoundTrips) {
  json document = every_new_key();
  document["edge"] = {{"watts_busy", 6}, {"watts_idle", 2}};
  const json resolved = load(document).resolved;
  LoadedScenario again;
  ASSERT_NO_THROW(again = load(resolved)) << resolved.dump(2);
  EXPECT_EQ(again.resolved, resolved);
  EXPECT_EQ(again.scenario.edge.watts.busy_w, 6);
  EXPECT_EQ(again.scenario.network.shared_uplink.uplink_mbps, 50);
  EXPECT_EQ(again.scenario.speculation.payload.k, 8);
}

// Protects: the single-class watts and the plain `median` spelling round-trip too.
TEST(ConfigNetworkDevices, SingleClassWattsAndPlainMedianRoundTrip) {
  const json document = {
      {"schema_version", 1},
      {"network", {{"rtt_ms", {{"dist", "lognormal"}, {"median", 25}, {"sigma", 0}}},
                   {"jitter_ms", 1.5}}},
      {"edge", {{"watts_busy", 4}, {"watts_idle", 4}}},  // busy == idle is allowed
      {"speculation", {{"payload", {{"kind", "ids_and_probs"}}}}},
  };
  const LoadedScenario loaded = load(document);
  EXPECT_EQ(loaded.scenario.network.rtt_ms.median, 25);
  EXPECT_EQ(loaded.scenario.network.jitter_ms.kind, DistKind::fixed);
  EXPECT_EQ(loaded.scenario.network.jitter_ms.value, 1.5);
  EXPECT_TRUE(loaded.scenario.edge.watts.given);
  EXPECT_EQ(loaded.scenario.edge.watts.busy_w, 4);
  EXPECT_EQ(loaded.scenario.edge.watts.idle_w, 4);
  EXPECT_EQ(loaded.scenario.speculation.payload.kind, PayloadKind::ids_and_probs);
  EXPECT_EQ(load(loaded.resolved).resolved, loaded.resolved);
}

// Protects: full_distribution's vocab_size defaults to Llama 3's 128256, and the resolved
// document shows it.
TEST(ConfigNetworkDevices, FullDistributionVocabDefaults) {
  const auto loaded =
      load({{"schema_version", 1},
            {"speculation", {{"payload", {{"kind", "full_distribution"}}}}}});
  EXPECT_EQ(loaded.scenario.speculation.payload.kind, PayloadKind::full_distribution);
  EXPECT_EQ(loaded.scenario.speculation.payload.vocab_size, 128256);
  EXPECT_EQ(loaded.resolved["speculation"]["payload"]["vocab_size"], 128256);
}

// Protects: an RTT list stays a list, in order.
TEST(ConfigNetworkDevices, RttListIsStoredInOrder) {
  const Scenario s =
      load({{"schema_version", 1},
            {"network", {{"rtt_ms", {{"dist", "list"}, {"values", {80, 20, 0}}}}}}})
          .scenario;
  EXPECT_EQ(s.network.rtt_ms.kind, DistKind::list);
  EXPECT_EQ(s.network.rtt_ms.values, (std::vector<double>{80, 20, 0}));
}

// Protects: shares may miss 1 by rounding in the file (up to 1e-6), not by more.
TEST(ConfigNetworkDevices, SharesAddUpToOneWithinTheTolerance) {
  const auto with_shares = [](double a, double b) {
    return json{{"schema_version", 1},
                {"edge", {{"devices", {device("a", a, 5), device("b", b, 7)}}}}};
  };
  EXPECT_NO_THROW(load(with_shares(1 / 3.0, 0.6666667)));  // 1 + 3.3e-8
  EXPECT_NO_THROW(load(with_shares(0.5, 0.5000005)));
  const auto problems = problems_of(with_shares(0.5, 0.500002));
  EXPECT_TRUE(mentions(problems, "/edge/devices: the shares must add up to 1, got 1.000002"))
      << joined(problems);
}

// Protects: edge.devices excludes each single-class key only when that key is given (by the
// document or a --set); their defaults are no conflict, and each given one is named.
TEST(ConfigNetworkDevices, DevicesExcludeGivenSingleClassKeysOnly) {
  const json only_devices = {{"schema_version", 1},
                             {"edge", {{"devices", {device("phone", 1, 8)}}}}};
  EXPECT_NO_THROW(load(only_devices));
  // edge.prefill_ms_per_token is not excluded: the devices do not give it.
  json with_prefill = only_devices;
  with_prefill["edge"]["prefill_ms_per_token"] = 0.5;
  EXPECT_NO_THROW(load(with_prefill));

  const auto by_set = problems_of(only_devices, {"edge.draft_ms_per_token=5"});
  EXPECT_TRUE(mentions(by_set, "/edge/draft_ms_per_token: given together with /edge/devices"))
      << joined(by_set);

  json all_four = only_devices;
  all_four["edge"]["draft"] = 9;
  all_four["edge"]["watts_busy"] = 3;
  all_four["edge"]["watts_idle"] = 1;
  const auto problems = problems_of(all_four);
  for (const char* other : {"/edge/draft", "/edge/watts_busy", "/edge/watts_idle"}) {
    EXPECT_TRUE(mentions(problems, std::string(other) + ": given together with /edge/devices"))
        << other << "\n"
        << joined(problems);
  }
}

// Protects: a shared_uplink given whole with clients_per_link 1 (a link per client) is valid.
TEST(ConfigNetworkDevices, SharedUplinkOfOneClientPerLinkIsValid) {
  const Scenario s =
      load({{"schema_version", 1},
            {"network",
             {{"shared_uplink",
               {{"clients_per_link", 1}, {"uplink_mbps", 0.5}, {"downlink_mbps", 1}}}}}})
          .scenario;
  EXPECT_EQ(s.network.shared_uplink.clients_per_link, 1);
  EXPECT_EQ(s.network.shared_uplink.uplink_mbps, 0.5);
}

}  // namespace
}  // namespace dsdsi
