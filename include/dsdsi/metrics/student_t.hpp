#pragma once
// Student's t distribution, for confidence intervals of a mean estimated from few independent
// values (repeats of a sweep point): the half-width of a 95% interval over n values with sample
// standard deviation s is t_{0.975, n-1} s / sqrt(n).
namespace dsdsi {

// P(T <= t) for T with `df` degrees of freedom (df > 0, need not be an integer), through the
// regularized incomplete beta function: P(T <= t) = 1 - I_x(df/2, 1/2) / 2 for t >= 0, with
// x = df / (df + t^2). Accurate to about 1e-14. Throws std::invalid_argument for df <= 0.
double student_t_cdf(double t, double df);

// The quantile: the t with P(T <= t) = p, for p in (0, 1), found by bisection on the cdf to
// relative 1e-13. Throws std::invalid_argument for p outside (0, 1) or df <= 0.
double student_t_quantile(double p, double df);

}  // namespace dsdsi
