#include "dsdsi/model/length_table_fit.hpp"

#include <algorithm>
#include <cstdio>

namespace dsdsi {

namespace {
// Decimal inputs such as 1.1, 1.2, 1.3 have equal steps that differ by ~1e-16 in binary; a step
// is "more than the step before" only beyond this, and alpha is then at most 1.
constexpr double kRoundoff = 1e-9;

std::string text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}
}  // namespace

LengthTableFit fit_length_table(const std::vector<double>& mean_length) {
  LengthTableFit fit;
  double previous_length = 1, previous_step = 1;  // E(0) = 1; d_0 = 1
  for (std::size_t k = 0; k < mean_length.size(); ++k) {
    const int gamma = static_cast<int>(k) + 1;
    const double step = mean_length[k] - previous_length;
    if (step < -kRoundoff) {
      fit.problem = {gamma, "mean length " + text(mean_length[k]) + " is below the " +
                                text(previous_length) + " at gamma " + std::to_string(gamma - 1) +
                                ": a longer window cannot accept fewer tokens in this model"};
      return fit;
    }
    if (step > previous_step + kRoundoff) {
      fit.problem = {gamma, "mean length " + text(mean_length[k]) + " grows by " + text(step) +
                                " over gamma " + std::to_string(gamma - 1) + ", more than the " +
                                text(previous_step) + " of the step before (alpha_" +
                                std::to_string(gamma) + " would be " + text(step / previous_step) +
                                " > 1): not realisable by per-position acceptance"};
      return fit;
    }
    const double alpha = previous_step > 0 ? std::clamp(step / previous_step, 0.0, 1.0) : 0.0;
    fit.alphas.push_back(alpha);
    previous_length = mean_length[k];
    previous_step = previous_step * alpha;
  }
  return fit;
}

}  // namespace dsdsi
