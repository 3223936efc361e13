#pragma once
// `edge.devices`: the kinds of edge device in a scenario, one object per class with its share of
// the clients, its draft speed and its power. sim/device_assignment.hpp assigns the clients.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/param_builder.hpp"

namespace dsdsi {

Param device_classes_param(std::string path, std::string meaning);
std::vector<DeviceClass> device_classes_of(const nlohmann::json& stored);

// A host's power from the optional keys `watts_busy` and `watts_idle` of `object`: both or
// neither, and busy at least idle. Problems are relative to `object`.
std::vector<NestedProblem> check_wattage_pair(const nlohmann::json& object);
// The Wattage those keys give (not `given` when they are absent); call once they are checked.
Wattage wattage_of(const nlohmann::json& object);

}  // namespace dsdsi
