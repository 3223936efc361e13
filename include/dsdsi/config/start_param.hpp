#pragma once
// When closed-loop clients submit their first request, as a scenario parameter:
// `workload.start` is `{"kind": "together" | "ramp" | "stationary", ...}` (model/start_offsets.hpp
// draws the offsets). Absent: `stationary` with several clients, `together` with one
// (apply_workload_shorthands).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

std::shared_ptr<const KindFamily> start_family();

// The row for `workload.start`, optional.
Param start_param(std::string path, std::string meaning);

// The StartParams a checked value stands for.
StartParams start_params_of(const nlohmann::json& stored);

}  // namespace dsdsi
