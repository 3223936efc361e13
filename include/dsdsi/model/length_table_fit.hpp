#pragma once
// Acceptance given as published: the mean accepted length per round E(gamma) for gamma = 1..G
// (engines and benchmarks report "acceptance length", counting the target's bonus token), turned
// into the per-position acceptance probabilities of the positional model, so that the closed
// forms' E(gamma) = 1 + sum over i = 1..gamma of alpha_1 x ... x alpha_i reproduces every given
// value exactly.
//
// The fit is sequential: d_i = E(i) - E(i-1) (with E(0) = 1) is the probability that the first i
// draft tokens are all accepted, so alpha_1 = d_1 and alpha_i = d_i / d_(i-1). A table is
// realisable by such a chain iff 0 <= d_i <= d_(i-1) for every i (d_0 = 1): the mean length
// never falls and grows by no more than it grew the step before. Curves measured with a separate
// run per gamma (a different drafter configuration each) need not satisfy this; they are refused
// rather than bent into shape.
#include <optional>
#include <string>
#include <vector>

namespace dsdsi {

struct LengthTableFit {
  std::vector<double> alphas;  // alphas[i]: acceptance probability of draft position i (from 0)
  // The first problem found: the gamma (1-based) whose value cannot be realised, and why.
  std::optional<std::pair<int, std::string>> problem;
};

// `mean_length[k]` is E(k + 1). When d_(i-1) = 0 every later d must be 0 too, and alpha_i is
// set to 0 (any value gives the same lengths).
LengthTableFit fit_length_table(const std::vector<double>& mean_length);

}  // namespace dsdsi
