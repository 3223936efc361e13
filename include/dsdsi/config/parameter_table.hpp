#pragma once
// The scenario schema: every parameter declared once (ARCHITECTURE habit 3). The loader, the
// error messages, the resolved document and docs/scenario.md are all derived from this table.
#include <string>
#include <string_view>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

// In declaration order: a parameter that another's Condition depends on comes first.
const std::vector<ParamSpec>& parameter_table();

// The entry for a dotted path, or nullptr.
const ParamSpec* find_param(std::string_view dotted_path);

// The content of docs/scenario.md: a short introduction and one row per parameter.
std::string scenario_reference_markdown();

// The parameters whose path is `filter` or starts with it ("network" gives network.*,
// "network.rtt" gives network.rtt_ms), in table order; all of them for "".
std::vector<const ParamSpec*> parameters_matching(std::string_view filter);
// The rows of docs/scenario.md's parameter table for `params`, under the table's header.
std::string parameter_rows_markdown(const std::vector<const ParamSpec*>& params);
// The same facts as JSON objects: path, type, unit, default (absent when required or
// optional), required, valid_values, meaning.
nlohmann::ordered_json parameter_rows_json(const std::vector<const ParamSpec*>& params);

}  // namespace dsdsi
