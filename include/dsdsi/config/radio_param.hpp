#pragma once
// The radio keys of a device class (model/radio_presets.hpp): the preset and one optional key
// per parameter it may override. The single class has them as `edge.radio` and
// `edge.radio_<parameter>`, each class of `edge.devices` as `radio` and `radio_<parameter>`.
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/model/radio_model.hpp"

namespace dsdsi {

// The rows `edge.radio` and `edge.radio_<parameter>` of the parameter table.
std::vector<ParamSpec> edge_radio_rows();
// The keys `radio` and `radio_<parameter>` of an `edge.devices` element.
std::vector<ParamSpec> device_radio_keys();
// The single class's overrides need its preset (problems at their paths).
void check_edge_radio(const Scenario& s, ProblemList& problems);
// An element's overrides need its preset. Problems are relative to the element.
std::vector<NestedProblem> check_device_radio(const nlohmann::json& element);
// The RadioChoice of a checked `edge.devices` element.
RadioChoice device_radio_of(const nlohmann::json& element);

// The radio a choice describes: its preset with the overrides applied; none without a preset.
std::optional<RadioParams> radio_of(const RadioChoice& choice);

}  // namespace dsdsi
