// The one parser of user JSON: limits on depth and numbers, duplicate keys with their path, and
// the bounded echo of values in messages.
#include <gtest/gtest.h>

#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/key_path.hpp"

namespace dsdsi {
namespace {

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(ConfigJsonText, NumbersBeyondADoubleAreRefusedWithTheirPath) {
  const auto parsed = parse_json_text(R"({"network": {"rtt_ms": [1, 1e400]}})");
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ(parsed.error->kind, JsonTextErrorKind::number_overflow);
  EXPECT_EQ(to_pointer(parsed.error->where), "/network/rtt_ms/1");
  EXPECT_NE(parsed.error->reason.find("1e400"), std::string::npos) << parsed.error->reason;
}

TEST(ConfigJsonText, NestingIsLimitedAtTheStatedDepth) {
  EXPECT_FALSE(parse_json_text(nested(kMaxJsonDepth)).error);
  const auto deeper = parse_json_text(nested(kMaxJsonDepth + 1));
  ASSERT_TRUE(deeper.error);
  EXPECT_EQ(deeper.error->kind, JsonTextErrorKind::too_deep);
  EXPECT_EQ(deeper.error->where.size(), kMaxJsonDepth);
  // Far deeper text is refused as quickly, without recursion.
  const auto huge = parse_json_text(R"({"description": )" + nested(200000) + "}");
  ASSERT_TRUE(huge.error);
  EXPECT_EQ(huge.error->kind, JsonTextErrorKind::too_deep);
  EXPECT_EQ(huge.error->where.front(), "description");
}

TEST(ConfigJsonText, MalformedTextKeepsItsByteOffset) {
  const auto parsed = parse_json_text("{\n  \"a\": ,\n}");
  ASSERT_TRUE(parsed.error);
  EXPECT_EQ(parsed.error->kind, JsonTextErrorKind::malformed);
  EXPECT_EQ(parsed.error->byte, 10u);
}

TEST(ConfigJsonText, DuplicateKeysAreFoundAtAnyDepth) {
  const auto parsed = parse_json_text(R"({"a": 1, "b": [{"c": 1, "c": 2}], "a": 3})");
  ASSERT_FALSE(parsed.error);
  ASSERT_EQ(parsed.duplicate_keys.size(), 2u);
  EXPECT_EQ(to_pointer(parsed.duplicate_keys[0]), "/b/0/c");
  EXPECT_EQ(to_pointer(parsed.duplicate_keys[1]), "/a");
}

TEST(ConfigJsonText, BoundedEchoIsCutAndNeverRecurses) {
  EXPECT_EQ(show_json_bounded(nlohmann::json::parse(R"({"a":[1,2],"b":"x"})"), 60),
            R"({"a":[1,2],"b":"x"})");
  // A value built in memory deeper than any parser allows (a --set value is parsed with the
  // limit; this checks the printer itself).
  nlohmann::json deep = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) deep = nlohmann::json::array({std::move(deep)});
  const std::string shown = show_json_bounded(deep, 20);
  EXPECT_EQ(shown, std::string(17, '[') + "...");
  EXPECT_EQ(show_json_bounded(nlohmann::json(std::string(1000, 'x')), 10), "\"xxxxxx...");
}

TEST(ConfigJsonText, Utf8IsChecked) {
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));
}

}  // namespace
}  // namespace dsdsi
