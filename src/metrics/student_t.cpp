#include "dsdsi/metrics/student_t.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace dsdsi {
namespace {

// The continued fraction of the incomplete beta function, evaluated by the modified Lentz
// method (Press et al., Numerical Recipes, 6.4); it converges fast for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEpsilon) return h;
  }
  throw std::runtime_error("incomplete beta: continued fraction did not converge");
}

// I_x(a, b), the regularized incomplete beta function, for x in [0, 1].
double regularized_incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges on one side of the mode; the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
  // covers the other.
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

void check_df(double df) {
  if (!(df > 0) || !std::isfinite(df)) {
    throw std::invalid_argument("Student t: degrees of freedom must be > 0, got " +
                                std::to_string(df));
  }
}

}  // namespace

double student_t_cdf(double t, double df) {
  check_df(df);
  if (std::isnan(t)) throw std::invalid_argument("Student t: t is NaN");
  const double x = df / (df + t * t);
  const double tail = 0.5 * regularized_incomplete_beta(df / 2, 0.5, x);  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
  check_df(df);
  if (!(p > 0 && p < 1)) {
    throw std::invalid_argument("Student t: p must be in (0, 1), got " + std::to_string(p));
  }
  if (p == 0.5) return 0;  // the median, by symmetry (bisection would only approach it)
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  // Bracket [0, high] with cdf(high) >= p, then halve it.
  double low = 0, high = 1;
  while (student_t_cdf(high, df) < p) {
    low = high;
    high *= 2;
    if (!std::isfinite(high)) throw std::runtime_error("Student t: quantile out of range");
  }
  for (int i = 0; i < 400 && high - low > 1e-13 * high; ++i) {
    const double mid = low + (high - low) / 2;
    (student_t_cdf(mid, df) < p ? low : high) = mid;
  }
  return low + (high - low) / 2;
}

}  // namespace dsdsi
