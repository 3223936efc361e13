// CSV lines with free-text cells (a sweep's error column): quoting and splitting round-trip.
#include <gtest/gtest.h>

#include "dsdsi/metrics/csv_line.hpp"

namespace dsdsi {
namespace {

TEST(SweepCsvLine, QuotesOnlyWhenNeededAndRoundTrips) {
  const std::vector<std::string> fields = {"0007", "", "plain", "a,b", "say \"hi\"", "x\ny", ","};
  const std::string line = csv_line(fields);
  EXPECT_EQ(line, "0007,,plain,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\",\"\n");
  EXPECT_EQ(split_csv_line(line.substr(0, line.size() - 1)), fields);
}

TEST(SweepCsvLine, EmptyTrailingFieldIsKept) {
  EXPECT_EQ(split_csv_line("a,b,"), (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(split_csv_line(""), (std::vector<std::string>{""}));
}

TEST(SweepCsvLine, MalformedLinesThrow) {
  EXPECT_THROW(split_csv_line("\"unterminated,1"), std::invalid_argument);
  EXPECT_THROW(split_csv_line("\"a\"b,1"), std::invalid_argument);
}

}  // namespace
}  // namespace dsdsi
