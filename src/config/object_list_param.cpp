#include "dsdsi/config/object_list_param.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "dsdsi/config/did_you_mean.hpp"

namespace dsdsi {

using nlohmann::json;

ObjectListValue check_object_list(const ParamSpec& spec, const json& value) {
  assert(spec.type == ParamType::object_list);
  ObjectListValue out;
  if (!value.is_array() || value.empty()) {
    out.problems.push_back({{}, requirement_text(spec) + ", got " + show_value(value)});
    return out;
  }
  std::vector<std::string> known;
  for (const auto& param : spec.element_params) known.push_back(param.path);
  out.shown = json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string index = std::to_string(i);
    const json& element = value[i];
    if (!element.is_object()) {
      out.problems.push_back({{index}, "must be an object, got " + show_value(element)});
      continue;
    }
    for (const auto& [key, given] : element.items()) {
      if (!spec.element_params.empty() &&
          std::find(known.begin(), known.end(), key) == known.end()) {
        out.problems.push_back({{index, key}, "unknown key" + did_you_mean(key, known)});
      }
    }
    json shown = json::object();
    for (const auto& param : spec.element_params) {
      assert(!param.used_when && param.type != ParamType::kinded);
      const auto given = element.find(param.path);
      if (given == element.end()) {
        if (param.presence == Presence::required) {
          out.problems.push_back({{index, param.path}, "required"});
        } else if (param.presence == Presence::defaulted) {
          shown[param.path] = param.default_value;
        }
        continue;
      }
      json checked = *given;
      if (const auto problem = check_value(param, checked)) {
        out.problems.push_back({{index, param.path}, *problem});
      } else {
        shown[param.path] = std::move(checked);
      }
    }
    out.shown.push_back(std::move(shown));
  }
  if (!out.problems.empty()) out.shown = json();
  return out;
}

}  // namespace dsdsi
