#pragma once
// The speculation policy as a scenario parameter: `speculation.policy` is an object
// `{"kind": "fixed" | "analytic_optimal" | "aimd" | "awc", ...}` (model/speculation_policy.hpp
// and model/speculation/ implement them; docs/policies.md explains them). The kinds and their
// parameters are declared here in the parameter table's style. Adding a policy means: its kind
// here (a ParamKind and its name in the kind list), its PolicyKind, its class in
// src/model/speculation/ and its line in make_speculation_policy().
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

std::shared_ptr<const KindFamily> speculation_policy_family();

// The row for `speculation.policy`, optional: absent is fixed (and keeps runs' resolved scenarios
// as they were before policies existed). A policy other than fixed is refused in
// modes that do not draft on the edge (it would choose nothing), and its range must contain
// speculation.gamma (the window it starts from). Stored with policy_params_of().
Param speculation_policy_param(std::string path, std::string meaning);

// The PolicyParams a checked value stands for (its stored form, defaults filled in).
PolicyParams policy_params_of(const nlohmann::json& stored);

}  // namespace dsdsi
