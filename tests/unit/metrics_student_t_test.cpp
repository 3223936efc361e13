// Student's t quantiles and cdf against closed forms (1, 2, 3 and 4 degrees of freedom) and the
// normal limit; the repeat statistics of sweep_summary.csv against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "dsdsi/metrics/repeat_stats.hpp"
#include "dsdsi/metrics/student_t.hpp"

namespace dsdsi {
namespace {

const double kPi = std::acos(-1.0);

// Closed-form quantiles (Hill 1970): df 1 is the Cauchy, df 2 and 4 have algebraic inverses.
double quantile_df1(double p) { return std::tan(kPi * (p - 0.5)); }
double quantile_df2(double p) { return (2 * p - 1) / std::sqrt(2 * p * (1 - p)); }
double quantile_df4(double p) {
  const double a = 4 * p * (1 - p);
  const double q = std::cos(std::acos(std::sqrt(a)) / 3) / std::sqrt(a);
  return (p < 0.5 ? -2 : 2) * std::sqrt(q - 1);
}
// The df 3 cdf: 1/2 + (u / (1 + u^2) + atan(u)) / pi with u = t / sqrt(3).
double cdf_df3(double t) {
  const double u = t / std::sqrt(3.0);
  return 0.5 + (u / (1 + u * u) + std::atan(u)) / kPi;
}

TEST(StudentT, QuantilesMatchTheClosedForms) {
  for (const double p : {0.6, 0.9, 0.975, 0.995, 0.025}) {
    EXPECT_NEAR(student_t_quantile(p, 1), quantile_df1(p), 1e-9 * std::abs(quantile_df1(p))) << p;
    EXPECT_NEAR(student_t_quantile(p, 2), quantile_df2(p), 1e-10) << p;
    EXPECT_NEAR(student_t_quantile(p, 4), quantile_df4(p), 1e-10) << p;
  }
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706204736174698, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.302652729749464, 1e-10);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764451051977987, 1e-10);
  EXPECT_DOUBLE_EQ(student_t_quantile(0.5, 7), 0.0);
}

TEST(StudentT, CdfMatchesTheClosedFormAndInvertsTheQuantile) {
  for (const double t : {-5.0, -1.0, 0.0, 0.5, 2.0, 3.182446305284263, 10.0}) {
    EXPECT_NEAR(student_t_cdf(t, 3), cdf_df3(t), 1e-13) << t;
  }
  for (const double df : {1.0, 3.0, 9.0, 29.0, 1000.0}) {
    EXPECT_NEAR(student_t_cdf(student_t_quantile(0.975, df), df), 0.975, 1e-12) << df;
  }
}

TEST(StudentT, ApproachesTheNormalQuantile) {
  // The standard normal's 97.5% point is 1.959963984540054; the Cornish-Fisher expansion
  // t = z + (z^3 + z) / (4 df) + (5 z^5 + 16 z^3 + 3 z) / (96 df^2) + O(df^-3), whose next
  // term at df 100 is about 2.6e-6.
  const double z = 1.959963984540054;
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), z, 3e-6);
  const double df = 100;
  const double expansion = z + (z * z * z + z) / (4 * df) +
                           (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * df * df);
  EXPECT_NEAR(student_t_quantile(0.975, df), expansion, 1e-5);
}

TEST(StudentT, BadArgumentsAreRefused) {
  EXPECT_THROW(student_t_quantile(0, 3), std::invalid_argument);
  EXPECT_THROW(student_t_quantile(1, 3), std::invalid_argument);
  EXPECT_THROW(student_t_quantile(0.975, 0), std::invalid_argument);
  EXPECT_THROW(student_t_cdf(1, -1), std::invalid_argument);
}

TEST(RepeatStats, MeanSdAndStudentHalfWidthByHand) {
  // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, sd sqrt(5/3);
  // half-width t_{0.975,3} sd / 2 with t_{0.975,3} = 3.182446305284263 (its cdf is checked
  // against the closed form above).
  const RepeatStats s = repeat_stats({1, 2, 3, 4});
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(*s.mean, 2.5);
  EXPECT_NEAR(*s.sd, std::sqrt(5.0 / 3.0), 1e-15);
  EXPECT_NEAR(*s.ci95, 3.182446305284263 * std::sqrt(5.0 / 3.0) / 2, 1e-12);
}

TEST(RepeatStats, UndefinedStatisticsAreAbsentNotMadeUp) {
  const RepeatStats one = repeat_stats({7});
  EXPECT_EQ(one.n, 1u);
  EXPECT_DOUBLE_EQ(*one.mean, 7);
  EXPECT_FALSE(one.sd.has_value());
  EXPECT_FALSE(one.ci95.has_value());
  const RepeatStats none = repeat_stats({});
  EXPECT_FALSE(none.mean.has_value());
  const RepeatStats same = repeat_stats({3, 3, 3});
  EXPECT_DOUBLE_EQ(*same.sd, 0);
  EXPECT_DOUBLE_EQ(*same.ci95, 0);
}

}  // namespace
}  // namespace dsdsi
