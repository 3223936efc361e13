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

}  // namespace dsdsi
