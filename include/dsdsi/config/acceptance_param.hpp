#pragma once
// The acceptance model's parameters (`speculation.acceptance.*`, rows of the parameter table
// chosen by `speculation.acceptance.kind`) need three things the table's generic machinery does
// not do: reading an acceptance trace at load time, storing its records, and turning the
// geometric form of a positional model (alpha0, decay) into the list of alphas the model uses.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// Positions a positional model's alpha0/decay form is expanded to: 0..256, the most a window can
// ask for (gamma <= 256, and pipelined decoding draws gamma + 1 positions).
constexpr std::size_t kPositionalPositions = 257;

// The `speculation.acceptance.file` row's finish: reads the acceptance trace; its stored form is
// {"file": path, "records": [the checked lines]}.
std::vector<NestedProblem> read_acceptance_records(const nlohmann::json& value,
                                                   nlohmann::json& stored);
// Its store: the path and the records.
void store_acceptance_trace(Scenario& scenario, const nlohmann::json& stored);

// A positional model given as alpha0 and decay gets alphas[i] = alpha0 x decay^i for
// kPositionalPositions positions (whether the form is complete is a cross-field check).
void apply_acceptance_forms(Scenario& scenario, const nlohmann::json& resolved);

}  // namespace dsdsi
