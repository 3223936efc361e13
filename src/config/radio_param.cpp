#include "dsdsi/config/radio_param.hpp"

#include <stdexcept>
#include <string>

#include "dsdsi/model/radio_presets.hpp"

namespace dsdsi {

namespace {

using nlohmann::json;

constexpr const char* kPresetMeaning =
    "The device's radio, whose energy is reported apart from the compute energy "
    "(docs/energy.md): `lte`, `3g` or `wifi` (AT&T ARO's parameters). Absent: the radio is not "
    "modelled.";

// `platform`: the single class's key, which a platform file's hosts do not take (yet).
ParamSpec preset_spec(const std::string& path, bool single_class) {
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& name : radio_preset_names()) names.emplace_back(name, name);
  Param param = Param::choice(path, kPresetMeaning);
  param.optional();
  if (single_class) {
    param.only_when_absent("platform", "platform files' hosts have no radio yet");
  }
  return param.store_enum<std::string>(names, &Scenario::edge, &EdgeParams::radio,
                                       &RadioChoice::preset);
}

Param override_param(const std::string& path, const RadioField& field) {
  return Param::number(path, field.unit, std::string(field.meaning) + " Overrides the preset's.")
      .optional()
      .at_least(0)
      .at_most(field.max);
}

}  // namespace

std::vector<ParamSpec> edge_radio_rows() {
  std::vector<ParamSpec> rows{preset_spec("edge.radio", true)};
  for (const RadioField& field : radio_fields()) {
    const std::string key = field.key;
    rows.push_back(override_param("edge.radio_" + key, field)
                       .store_with([key](Scenario& s, const json& value) {
                         s.edge.radio.overrides.emplace_back(key, value.get<double>());
                       }));
  }
  return rows;
}

std::vector<ParamSpec> device_radio_keys() {
  ParamSpec preset = preset_spec("radio", false);
  preset.store = nullptr;  // an element key: device_radio_of() reads it
  std::vector<ParamSpec> keys{preset};
  for (const RadioField& field : radio_fields()) {
    keys.push_back(override_param(std::string("radio_") + field.key, field).not_stored());
  }
  return keys;
}

void check_edge_radio(const Scenario& s, ProblemList& problems) {
  if (!s.edge.radio.preset.empty()) return;
  for (const auto& [key, value] : s.edge.radio.overrides) {
    problems.add({"edge", "radio_" + key},
                 "needs /edge/radio (the preset whose parameter it overrides)");
  }
}

std::vector<NestedProblem> check_device_radio(const json& element) {
  std::vector<NestedProblem> problems;
  if (element.contains("radio")) return problems;
  for (const RadioField& field : radio_fields()) {
    const std::string key = std::string("radio_") + field.key;
    if (element.contains(key)) {
      problems.push_back({{key}, "needs radio (the preset whose parameter it overrides)"});
    }
  }
  return problems;
}

RadioChoice device_radio_of(const json& element) {
  RadioChoice choice;
  if (!element.contains("radio")) return choice;
  choice.preset = element.at("radio").get<std::string>();
  for (const RadioField& field : radio_fields()) {
    const std::string key = std::string("radio_") + field.key;
    if (element.contains(key))
      choice.overrides.emplace_back(field.key, element.at(key).get<double>());
  }
  return choice;
}

std::optional<RadioParams> radio_of(const RadioChoice& choice) {
  if (choice.preset.empty()) return std::nullopt;
  std::optional<RadioParams> radio = radio_preset(choice.preset);
  if (!radio) throw std::logic_error("unknown radio preset " + choice.preset);
  for (const auto& [key, value] : choice.overrides) {
    bool known = false;
    for (const RadioField& field : radio_fields()) {
      if (key == field.key) {
        (*radio).*field.member = value;
        known = true;
      }
    }
    if (!known) throw std::logic_error("unknown radio parameter " + key);
  }
  return radio;
}

}  // namespace dsdsi
