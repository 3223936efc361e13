// The profile reader (config/profile_file.hpp): what it accepts, the period each repeat keyword
// gives, and a client's view of a looping trace from its own offset.
#include <gtest/gtest.h>

#include "dsdsi/config/profile_file.hpp"

namespace dsdsi {
namespace {

Profile parsed(const std::string& text, ProfileQuantity q = ProfileQuantity::bandwidth) {
  ProfileRead read = parse_profile(text, "p.txt", q);
  EXPECT_TRUE(read.problems.empty()) << (read.problems.empty() ? "" : read.problems.front());
  return read.profile;
}

std::string first_problem(const std::string& text, ProfileQuantity q) {
  ProfileRead read = parse_profile(text, "p.txt", q);
  return read.problems.empty() ? "" : read.problems.front();
}

TEST(ProfileFile, PeriodicityAndLoopAfterGiveThePeriod) {
  const Profile periodic = parsed("# c\n% c\n\n0 100\n10 50\nPERIODICITY 30\n");
  EXPECT_DOUBLE_EQ(periodic.period_s, 30);
  EXPECT_DOUBLE_EQ(periodic.min_value, 50);
  EXPECT_DOUBLE_EQ(periodic.max_value, 100);
  // LOOPAFTER d: the profile plays again d seconds after its last change.
  EXPECT_DOUBLE_EQ(parsed("0 1\n5 0\n7 1\nLOOPAFTER 53\n", ProfileQuantity::state).period_s, 60);
  EXPECT_FALSE(parsed("0 1\n3 2\n").repeats());
}

TEST(ProfileFile, ValueAtWrapsAroundThePeriod) {
  const Profile p = parsed("2 100\n10 50\nPERIODICITY 30\n");
  EXPECT_DOUBLE_EQ(p.value_at(5), 100);
  EXPECT_DOUBLE_EQ(p.value_at(12), 50);
  EXPECT_DOUBLE_EQ(p.value_at(31), 50);  // before the first change: the last value still holds
  EXPECT_DOUBLE_EQ(p.value_at(33), 100);
}

TEST(ProfileFile, ShiftedProfileIsTheSameSignalSeenFromTheOffset) {
  const Profile p = parsed("0 100\n10 50\n20 80\nPERIODICITY 30\n");
  for (const double offset : {0.0, 4.0, 10.0, 25.5, 61.0}) {
    const Profile s = shifted_profile(p, offset);
    EXPECT_DOUBLE_EQ(s.period_s, 30);
    EXPECT_DOUBLE_EQ(s.points.front().date_s, 0);
    for (double t = 0; t < 90; t += 0.25) {
      EXPECT_DOUBLE_EQ(s.value_at(t), p.value_at(t + offset)) << offset << " " << t;
    }
    // What SimGrid is given reads back as the same profile.
    const Profile again = parsed(profile_text(s));
    ASSERT_EQ(again.points.size(), s.points.size());
    EXPECT_DOUBLE_EQ(again.period_s, s.period_s);
  }
}

TEST(ProfileFile, BadLinesNameFileAndLine) {
  EXPECT_NE(first_problem("0 1\n5 2\n3 1\n", ProfileQuantity::bandwidth).find("p.txt:3:"),
            std::string::npos);
  EXPECT_NE(first_problem("0 1\n5 -2\n", ProfileQuantity::bandwidth).find("p.txt:2: bandwidth"),
            std::string::npos);
  EXPECT_NE(first_problem("0 -0.1\n", ProfileQuantity::latency).find("p.txt:1: latency"),
            std::string::npos);
  EXPECT_NE(first_problem("0 0.5\n", ProfileQuantity::state).find("0 (off) or 1 (on)"),
            std::string::npos);
  EXPECT_NE(first_problem("0 1\nSTOCHASTIC\n", ProfileQuantity::state).find("p.txt:2: unknown"),
            std::string::npos);
  EXPECT_NE(first_problem("0 1 2\n", ProfileQuantity::state).find("two numbers"),
            std::string::npos);
  EXPECT_NE(first_problem("0 1\n5 1\nPERIODICITY 5\n", ProfileQuantity::state).find("p.txt:3:"),
            std::string::npos);
  EXPECT_NE(first_problem("# nothing\n", ProfileQuantity::state).find("no \"DATE VALUE\""),
            std::string::npos);
  EXPECT_NE(first_problem("0 nan\n", ProfileQuantity::speed).find("two numbers"),
            std::string::npos);
}

}  // namespace
}  // namespace dsdsi
