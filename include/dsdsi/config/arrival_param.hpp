#pragma once
// The arrival process as a scenario parameter: `workload.arrival` is an object
// `{"kind": "closed_loop" | "poisson" | "trace", ...}` (model/request_source.hpp simulates it).
// The kinds and their parameters are declared here in the parameter table's style; a trace file
// is read and checked when the scenario is loaded. When `workload.arrival` is absent, its
// shorthand `workload.think_ms` (a closed loop with a fixed think time) applies.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

std::shared_ptr<const KindFamily> arrival_family();

// The row for the arrival process, optional: a trace's `client`s are checked against
// `workload.clients`. Stored with arrival_params_of().
Param arrival_param(std::string path, std::string meaning);

// The ArrivalParams a checked value stands for (its stored form: a trace's lines included).
ArrivalParams arrival_params_of(const nlohmann::json& stored);

}  // namespace dsdsi
