#pragma once
// Parameters whose value is a list of objects with fixed keys (`edge.devices`: one object per
// device class). Each element's keys are ParamSpec rows like the table's, so their checks,
// error text and docs come from one declaration; problems are placed at [index, key].
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

struct ObjectListValue {
  std::vector<NestedProblem> problems;  // empty: valid
  nlohmann::json shown;                 // the list, each element with its defaults filled in
};

ObjectListValue check_object_list(const ParamSpec& spec, const nlohmann::json& value);

}  // namespace dsdsi
