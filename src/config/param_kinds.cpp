// Checking a kinded value ("number or {"kind": ...}") against its family of kinds.
#include "dsdsi/config/param_kinds.hpp"

#include <cassert>

#include "dsdsi/config/did_you_mean.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "\"" : ", \"") + name + "\"";
  return text;
}

// Why `key` is not a parameter of `kind`: a close name of the kind, or the other kinds that do
// take it (the commonest slip is mixing two kinds' parameters).
std::string unknown_key_message(const std::string& key, const ParamKind& kind,
                                const KindFamily& family) {
  std::vector<std::string> known{family.kind_key};
  for (const auto& param : kind.params) known.push_back(param.path);
  std::string text = "unknown key" + did_you_mean(key, known);
  if (text != "unknown key") return text;
  std::vector<std::string> owners;
  for (const auto& other : family.kinds) {
    if (other.find_param(key)) owners.push_back(other.name);
  }
  if (owners.empty()) return text;
  const std::string& word = family.kind_key;
  return "not a parameter of " + word + " \"" + kind.name + "\" (it belongs to " + word + " " +
         quoted_list(owners) + ")";
}

// One parameter of a kind: its problems go to `problems`, relative to the object; returns the
// value shown and the value stored (a kinded parameter's expanded form), when valid.
struct CheckedParam {
  bool valid = false;
  json shown, stored;
};

CheckedParam check_kind_param(const ParamSpec& use, const ParamSpec& declared, const json& given,
                              const ResolveContext& context,
                              std::vector<NestedProblem>& problems) {
  const ParamSpec param = param_for_use(use, declared);
  if (param.type == ParamType::kinded) {
    KindedValue nested = check_kinded(param, given, context);
    for (auto& problem : nested.problems) {
      problem.where.insert(problem.where.begin(), param.path);
      problems.push_back(std::move(problem));
    }
    if (!nested.problems.empty()) return {};
    return {true, std::move(nested.shown), std::move(nested.stored)};
  }
  json checked = given;
  auto problem = check_value(param, checked);
  if (!problem && param.resolve) problem = param.resolve(checked, context);
  if (problem) {
    problems.push_back({{param.path}, *problem});
    return {};
  }
  json stored = checked;
  return {true, std::move(checked), std::move(stored)};
}

void check_object(const ParamSpec& spec, const json& value, const ResolveContext& context,
                  KindedValue& out) {
  const KindFamily& family = *spec.family;
  const std::string& kind_key = family.kind_key;
  const auto kind_value = value.find(kind_key);
  if (kind_value == value.end()) {
    out.problems.push_back({{kind_key},
                            "required: the " + family.name + "'s kind, one of " +
                                quoted_list(family.kind_names())});
    return;
  }
  const ParamKind* kind = kind_value->is_string()
                              ? family.find_kind(kind_value->get_ref<const std::string&>())
                              : nullptr;
  if (!kind) {
    std::string message =
        "must be one of " + quoted_list(family.kind_names()) + ", got " + show_value(*kind_value);
    if (kind_value->is_string()) {
      message += did_you_mean(kind_value->get_ref<const std::string&>(), family.kind_names());
    }
    out.problems.push_back({{kind_key}, message});
    return;  // which keys belong here depends on the kind
  }

  json shown = json::object();
  shown[kind_key] = kind->name;
  json stored = shown;
  for (const auto& [key, given] : value.items()) {
    if (key != kind_key && !kind->find_param(key)) {
      out.problems.push_back({{key}, unknown_key_message(key, *kind, family)});
    }
  }
  for (const auto& param : kind->params) {
    assert(!param.used_when && "a kind's parameters cannot be conditional");
    const auto given = value.find(param.path);
    if (given == value.end()) {
      if (param.presence == Presence::required) {
        out.problems.push_back(
            {{param.path}, "required for " + kind_key + " \"" + kind->name + "\""});
      } else if (param.presence == Presence::defaulted) {
        shown[param.path] = param.default_value;
        stored[param.path] = param.default_value;
      }
      continue;
    }
    CheckedParam checked = check_kind_param(spec, param, *given, context, out.problems);
    if (checked.valid) {
      shown[param.path] = std::move(checked.shown);
      stored[param.path] = std::move(checked.stored);
    }
  }
  if (!out.problems.empty()) return;

  out.stored = std::move(stored);
  if (kind->finish) out.problems = kind->finish(shown, out.stored);
  out.shown = std::move(shown);
}

}  // namespace

const ParamSpec* ParamKind::find_param(std::string_view name) const {
  for (const auto& param : params) {
    if (param.path == name) return &param;
  }
  return nullptr;
}

const ParamKind* KindFamily::find_kind(std::string_view name) const {
  for (const auto& kind : kinds) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

std::vector<std::string> KindFamily::kind_names() const {
  std::vector<std::string> names;
  for (const auto& kind : kinds) names.push_back(kind.name);
  return names;
}

const ParamSpec& KindFamily::number_spec() const {
  const ParamKind* kind = find_kind(number_kind);
  assert(kind && "a family's number_kind must be one of its kinds");
  const ParamSpec* spec = kind->find_param(number_param);
  assert(spec && spec->type == ParamType::number && "number_param must be a number parameter");
  return *spec;
}

ParamSpec param_for_use(const ParamSpec& use, const ParamSpec& kind_param) {
  ParamSpec param = kind_param;
  if (!kind_param.is_value || !use.value_spec) return param;
  const ParamSpec& value = *use.value_spec;
  const bool list =
      kind_param.type == ParamType::number_list || kind_param.type == ParamType::integer_list;
  if (list) {
    param.type =
        value.type == ParamType::integer ? ParamType::integer_list : ParamType::number_list;
  } else {
    param.type = value.type;
  }
  param.min = value.min;
  param.max = value.max;
  param.integer_storage = value.integer_storage;
  param.requirement = value.requirement;
  param.values_note = value.values_note;
  if (!value.unit.empty()) param.unit = value.unit;
  return param;
}

ParamSpec number_shorthand_spec(const ParamSpec& use) {
  return param_for_use(use, use.family->number_spec());
}

std::string kinded_requirement_text(const ParamSpec& spec) {
  const KindFamily& family = *spec.family;
  const std::string object = "an object whose \"" + family.kind_key + "\" is one of " +
                             quoted_list(family.kind_names());
  if (family.number_kind.empty()) return "must be " + object;
  // "must be a number > 0" from the number parameter's own range (or the use's).
  const std::string number = requirement_text(number_shorthand_spec(spec));
  return number + " (shorthand for {\"" + family.kind_key + "\": \"" + family.number_kind +
         "\", \"" + family.number_param + "\": ...}) or " + object;
}

KindedValue check_kinded(const ParamSpec& spec, const json& value, const ResolveContext& context) {
  assert(spec.type == ParamType::kinded && spec.family);
  KindedValue out;
  const KindFamily& family = *spec.family;
  if (value.is_number() && !family.number_kind.empty()) {
    json number = value;
    if (const auto problem = check_value(number_shorthand_spec(spec), number)) {
      // An integer too large for its field is in range as far as the words go: say why.
      const bool storage = problem->rfind("must fit", 0) == 0;
      out.problems.push_back(
          {{}, storage ? *problem : kinded_requirement_text(spec) + ", got " + show_value(value)});
      return out;
    }
    out.shown = number;
    out.stored = {{family.kind_key, family.number_kind}, {family.number_param, number}};
    return out;
  }
  if (!value.is_object()) {
    out.problems.push_back({{}, kinded_requirement_text(spec) + ", got " + show_value(value)});
    return out;
  }
  check_object(spec, value, context, out);
  return out;
}

}  // namespace dsdsi
