#include "dsdsi/config/device_param.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "dsdsi/config/device_memory_param.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/radio_param.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// Shares are fractions of the clients: they must add up to 1, up to rounding in the file.
constexpr double kShareTolerance = 1e-6;

std::string decimal_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

std::vector<ParamSpec> device_keys() {
  std::vector<ParamSpec> keys{
      Param::string("class",
                    "Name of the class, unique in the list (summary.json's by_class "
                    "keys).")
          .required()
          .not_stored(),
      Param::number("share", "", "Fraction of the clients of this class; the shares add up to 1.")
          .required()
          .above(0)
          .at_most(1)
          .not_stored(),
      Param::number("draft_ms_per_token", "ms/token",
                    "Time this device's draft model takes per token.")
          .required()
          .at_least(limits::kMinStepMs)
          .at_most(limits::kMaxMs)
          .not_stored(),
      Param::number("watts_busy", "W", "Power while drafting or prefilling; with `watts_idle`.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .not_stored(),
      Param::number("watts_idle", "W",
                    "Power while waiting for the network or the verifier; with `watts_busy`.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .not_stored(),
  };
  for (auto& key : device_radio_keys()) keys.push_back(std::move(key));
  for (auto& key : device_memory_keys()) keys.push_back(std::move(key));
  return keys;
}

std::vector<NestedProblem> finish_devices(const json& value, json&) {
  std::vector<NestedProblem> problems;
  std::set<std::string> names;
  double total = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const json& device = value[i];
    const std::string index = std::to_string(i);
    const auto& name = device.at("class").get_ref<const std::string&>();
    if (name.empty()) {
      problems.push_back({{index, "class"}, "must not be empty"});
    } else if (!names.insert(name).second) {
      problems.push_back({{index, "class"}, "\"" + name + "\" is already the name of a class"});
    }
    total += device.at("share").get<double>();
    auto pair_problems = check_wattage_pair(device);
    for (auto& problem : check_device_radio(device)) pair_problems.push_back(std::move(problem));
    for (auto& problem : pair_problems) {
      problem.where.insert(problem.where.begin(), index);
      problems.push_back(std::move(problem));
    }
  }
  if (std::abs(total - 1) > kShareTolerance) {
    problems.push_back({{}, "the shares must add up to 1, got " + decimal_text(total)});
  }
  return problems;
}

}  // namespace

Wattage wattage_of(const json& object) {
  Wattage w;
  if (object.contains("watts_busy")) {
    w.given = true;
    w.busy_w = object.at("watts_busy").get<double>();
    w.idle_w = object.at("watts_idle").get<double>();
  }
  return w;
}

std::vector<NestedProblem> check_wattage_pair(const json& object) {
  const bool busy = object.contains("watts_busy"), idle = object.contains("watts_idle");
  if (busy && !idle) return {{{"watts_busy"}, "needs watts_idle too (a host has both powers)"}};
  if (idle && !busy) return {{{"watts_idle"}, "needs watts_busy too (a host has both powers)"}};
  if (busy && object.at("watts_busy").get<double>() < object.at("watts_idle").get<double>()) {
    return {{{"watts_busy"},
             "must be >= watts_idle (" + decimal_text(object.at("watts_idle").get<double>()) +
                 "), got " + decimal_text(object.at("watts_busy").get<double>())}};
  }
  return {};
}

Param device_classes_param(std::string path, std::string meaning) {
  return Param::object_list(std::move(path), std::move(meaning), device_keys())
      .finish_with(finish_devices);
}

std::vector<DeviceClass> device_classes_of(const json& stored) {
  std::vector<DeviceClass> classes;
  for (const auto& device : stored) {
    DeviceClass c;
    c.name = device.at("class").get<std::string>();
    c.share = device.at("share").get<double>();
    c.draft_ms_per_token = device.at("draft_ms_per_token").get<double>();
    c.watts = wattage_of(device);
    c.radio = device_radio_of(device);
    c.memory = device_memory_of(device);
    classes.push_back(std::move(c));
  }
  return classes;
}

}  // namespace dsdsi
