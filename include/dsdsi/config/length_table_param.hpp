#pragma once
// `speculation.acceptance.kind: "length_table"`: acceptance given as the published mean accepted
// length per gamma, `"mean_length": {"1": 1.83, "2": 2.43, ...}`. The row's finish checks the
// table (keys "1".."G" without gaps, numbers, realisable: model/length_table_fit.hpp), its store
// turns it into the positional model's alphas, and a cross-field check refuses a window longer
// than the table (the table says nothing about it).
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// Largest gamma a table may give: the most a window can be (speculation.gamma <= 256).
constexpr int kLengthTableMaxGamma = 256;

std::vector<NestedProblem> check_mean_length(const nlohmann::json& value, nlohmann::json& stored);
void store_mean_length(Scenario& scenario, const nlohmann::json& stored);
void check_length_table_covers_gamma(const Scenario& scenario, ProblemList& problems);

}  // namespace dsdsi
