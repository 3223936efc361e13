// Suggestions for misspelt keys: close typos and missing units get one, unrelated words none.
#include <gtest/gtest.h>

#include "dsdsi/config/did_you_mean.hpp"

namespace dsdsi {
namespace {

const std::vector<std::string> kNetworkKeys = {"rtt_ms",          "uplink_mbps", "downlink_mbps",
                                               "cloud_link_gbps", "model",       "header_bytes"};

TEST(ConfigDidYouMean, EditDistanceCountsSwapsAsOne) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("gama", "gamma"), 1u);
  EXPECT_EQ(edit_distance("alpah", "alpha"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ConfigDidYouMean, SuggestsCloseTyposAndMissingUnits) {
  EXPECT_EQ(closest_name("rtt", kNetworkKeys), "rtt_ms");
  EXPECT_EQ(closest_name("rtt_msec", kNetworkKeys), "rtt_ms");
  EXPECT_EQ(closest_name("uplink", kNetworkKeys), "uplink_mbps");
  EXPECT_EQ(closest_name("uplink_kbps", kNetworkKeys), "uplink_mbps");
  EXPECT_EQ(closest_name("modle", kNetworkKeys), "model");
  EXPECT_EQ(closest_name("header", kNetworkKeys), "header_bytes");
}

TEST(ConfigDidYouMean, NoSuggestionForUnrelatedWords) {
  EXPECT_EQ(closest_name("latency", kNetworkKeys), std::nullopt);
  EXPECT_EQ(closest_name("x", kNetworkKeys), std::nullopt);
  EXPECT_EQ(closest_name("colour", {"cloud", "edge"}), std::nullopt);
  EXPECT_EQ(closest_name("edge", {"mode"}), std::nullopt);
  EXPECT_EQ(did_you_mean("bandwidth", kNetworkKeys), "");
}

TEST(ConfigDidYouMean, FormatsTheSuggestion) {
  EXPECT_EQ(did_you_mean("rtt", kNetworkKeys), " (did you mean \"rtt_ms\"?)");
}

TEST(ConfigDidYouMean, PrefersTheClosestThenTheFirst) {
  EXPECT_EQ(closest_name("dsd", {"dsd_sync", "dsd_pipelined"}), "dsd_sync");
  EXPECT_EQ(closest_name("dsd_pipelind", {"dsd_sync", "dsd_pipelined"}), "dsd_pipelined");
}

}  // namespace
}  // namespace dsdsi
