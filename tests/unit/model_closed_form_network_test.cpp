// closed_form::not_applicable and inputs_for on the newer network and edge keys: per-client RTT
// distributions, jitter, shared access links, device classes and the draft payload.
#include <gtest/gtest.h>

#include "config_load.hpp"
#include "dsdsi/model/closed_form.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;
namespace cf = closed_form;

// The scenario of the document `{"schema_version": 1, ...sections}`.
Scenario scenario_of(const json& sections) {
  json document = sections;
  document["schema_version"] = 1;
  return load_in(std::filesystem::path(), document).scenario;
}

// Protects: the defaults (fixed RTT, no jitter, no shared link, one class) map onto the closed
// forms, so the reasons below come from the keys that each test sets.
TEST(ModelClosedFormNetwork, DefaultScenarioIsApplicable) {
  EXPECT_EQ(cf::not_applicable(scenario_of(json::object())), std::nullopt);
}

// Protects: an RTT drawn per client has no single closed-form RTT; the reason says so.
TEST(ModelClosedFormNetwork, RttDistributionIsNotApplicable) {
  for (const json& rtt : {json{{"dist", "uniform"}, {"min", 20}, {"max", 80}},
                          json{{"dist", "lognormal"}, {"median_ms", 40}, {"sigma", 0.3}},
                          json{{"dist", "list"}, {"values", {20, 80}}}}) {
    const auto reason = cf::not_applicable(scenario_of({{"network", {{"rtt_ms", rtt}}}}));
    ASSERT_TRUE(reason.has_value()) << rtt.dump();
    EXPECT_NE(reason->find("RTT"), std::string::npos) << *reason;
  }
  // `{"dist": "fixed"}` is the plain number: still applicable, and its value is the RTT.
  const Scenario fixed =
      scenario_of({{"network", {{"rtt_ms", {{"dist", "fixed"}, {"value", 35}}}}}});
  EXPECT_EQ(cf::not_applicable(fixed), std::nullopt);
  EXPECT_EQ(cf::inputs_for(fixed).rtt, 35);
}

// Protects: jitter drawn per message has no single RTT either.
TEST(ModelClosedFormNetwork, JitterDistributionIsNotApplicable) {
  const auto reason = cf::not_applicable(
      scenario_of({{"network", {{"jitter_ms", {{"dist", "uniform"}, {"min", 0}, {"max", 4}}}}}}));
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("jitter"), std::string::npos) << *reason;
}

// Protects: a fixed jitter j delays both the window and the verdict, so it adds 2j to the RTT.
TEST(ModelClosedFormNetwork, FixedJitterAddsTwiceItsValueToTheRtt) {
  const Scenario s = scenario_of({{"network", {{"rtt_ms", 30}, {"jitter_ms", 2.5}}}});
  EXPECT_EQ(cf::not_applicable(s), std::nullopt);
  EXPECT_DOUBLE_EQ(cf::inputs_for(s).rtt, 35);
  EXPECT_DOUBLE_EQ(cf::inputs_for(scenario_of({{"network", {{"rtt_ms", 30}}}})).rtt, 30);
}

// Protects: clients that share an access link contend, which the closed forms do not model.
TEST(ModelClosedFormNetwork, SharedLinkWithSeveralClientsIsNotApplicable) {
  const json link = {{"clients_per_link", 4}, {"uplink_mbps", 50}, {"downlink_mbps", 200}};
  const auto reason = cf::not_applicable(
      scenario_of({{"network", {{"shared_uplink", link}}}, {"workload", {{"clients", 8}}}}));
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("share"), std::string::npos) << *reason;
}

// Protects: a single client behind a shared link is still one client alone, but the slower of
// its own and the shared link sets each direction's serialisation.
TEST(ModelClosedFormNetwork, SharedLinkSlowerThanTheOwnLinkSetsSer) {
  const json link = {{"clients_per_link", 4}, {"uplink_mbps", 2}, {"downlink_mbps", 8}};
  const Scenario s = scenario_of({{"network",
                                   {{"shared_uplink", link},
                                    {"uplink_mbps", 20},
                                    {"downlink_mbps", 100},
                                    {"header_bytes", 40}}},
                                  {"speculation", {{"gamma", 4}}}});
  EXPECT_EQ(cf::not_applicable(s), std::nullopt);
  // Up: 40 + 4 x 4 = 56 bytes at 2 Mbit/s; down: 40 + 8 = 48 bytes at 8 Mbit/s.
  const double expected = 56 * 8 / 2e6 * 1e3 + 48 * 8 / 8e6 * 1e3;
  EXPECT_NEAR(cf::inputs_for(s).ser, expected, 1e-12);
}

// Protects: several device classes have no single t_de.
TEST(ModelClosedFormNetwork, SeveralDeviceClassesAreNotApplicable) {
  const json devices = {{{"class", "phone"}, {"share", 0.5}, {"draft_ms_per_token", 20}},
                        {{"class", "laptop"}, {"share", 0.5}, {"draft_ms_per_token", 5}}};
  const auto reason = cf::not_applicable(scenario_of({{"edge", {{"devices", devices}}}}));
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("device classes"), std::string::npos) << *reason;
}

// Protects: a one-class `edge.devices` gives t_de from its own draft speed (not the default
// `edge.draft_ms_per_token` of 10).
TEST(ModelClosedFormNetwork, OneDeviceClassGivesTheDraftTime) {
  const json devices = {{{"class", "phone"}, {"share", 1}, {"draft_ms_per_token", 17.5}}};
  const Scenario s = scenario_of({{"edge", {{"devices", devices}}}});
  EXPECT_EQ(cf::not_applicable(s), std::nullopt);
  EXPECT_DOUBLE_EQ(cf::inputs_for(s).t_de, 17.5);
  EXPECT_DOUBLE_EQ(cf::inputs_for(scenario_of(json::object())).t_de, 10);
}

// Protects: the payload's bytes go into ser: a full fp16 distribution (vocab 128256) for gamma 4
// with a 40-byte header at 12 Mbit/s up, and the 48-byte verdict at 100 Mbit/s down.
TEST(ModelClosedFormNetwork, FullDistributionPayloadIsSerialisedInSer) {
  const Scenario s = scenario_of(
      {{"network", {{"uplink_mbps", 12}, {"downlink_mbps", 100}, {"header_bytes", 40}}},
       {"speculation", {{"gamma", 4}, {"payload", {{"kind", "full_distribution"}}}}}});
  // Up: 40 + 4 x (4 + 2 x 128256) = 1026104 bytes; 1026104 x 8 / 12e6 s = 684.06933... ms.
  const double up_ms = 1026104.0 * 8 / 12e6 * 1e3;
  const double down_ms = 48.0 * 8 / 100e6 * 1e3;
  EXPECT_NEAR(cf::inputs_for(s).ser, up_ms + down_ms, 1e-9);
  EXPECT_NEAR(cf::inputs_for(s).ser, 684.0731733, 1e-6);
  // The default payload (token ids) for comparison: 56 bytes up.
  const Scenario ids = scenario_of(
      {{"network", {{"uplink_mbps", 12}, {"downlink_mbps", 100}, {"header_bytes", 40}}},
       {"speculation", {{"gamma", 4}}}});
  EXPECT_NEAR(cf::inputs_for(ids).ser, 56.0 * 8 / 12e6 * 1e3 + down_ms, 1e-12);
}

// Protects: a topk payload charges 4 + 6k bytes per draft token in ser.
TEST(ModelClosedFormNetwork, TopKPayloadIsSerialisedInSer) {
  const Scenario s = scenario_of(
      {{"network", {{"uplink_mbps", 10}, {"downlink_mbps", 50}, {"header_bytes", 0}}},
       {"speculation", {{"gamma", 3}, {"payload", {{"kind", "topk"}, {"k", 8}}}}}});
  // Up: 3 x (4 + 48) = 156 bytes at 10 Mbit/s; down: 8 bytes at 50 Mbit/s.
  EXPECT_NEAR(cf::inputs_for(s).ser, 156.0 * 8 / 10e6 * 1e3 + 8.0 * 8 / 50e6 * 1e3, 1e-12);
}

}  // namespace
}  // namespace dsdsi
