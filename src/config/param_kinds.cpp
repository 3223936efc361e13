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
  std::vector<std::string> known{"kind"};
  for (const auto& param : kind.params) known.push_back(param.path);
  std::string text = "unknown key" + did_you_mean(key, known);
  if (text != "unknown key") return text;
  std::vector<std::string> owners;
  for (const auto& other : family.kinds) {
    if (other.find_param(key)) owners.push_back(other.name);
  }
  if (owners.empty()) return text;
  return "not a parameter of kind \"" + kind.name + "\" (it belongs to kind " +
         quoted_list(owners) + ")";
}

void check_object(const ParamSpec& spec, const json& value, const ResolveContext& context,
                  KindedValue& out) {
  const KindFamily& family = *spec.family;
  const auto kind_value = value.find("kind");
  if (kind_value == value.end()) {
    out.problems.push_back(
        {{"kind"},
         "required: the " + family.name + "'s kind, one of " + quoted_list(family.kind_names())});
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
    out.problems.push_back({{"kind"}, message});
    return;  // which keys belong here depends on the kind
  }

  json shown = json::object();
  shown["kind"] = kind->name;
  for (const auto& [key, given] : value.items()) {
    if (key != "kind" && !kind->find_param(key)) {
      out.problems.push_back({{key}, unknown_key_message(key, *kind, family)});
    }
  }
  for (const auto& param : kind->params) {
    assert(!param.used_when && "a kind's parameters cannot be conditional");
    const auto given = value.find(param.path);
    if (given == value.end()) {
      if (param.presence == Presence::required) {
        out.problems.push_back({{param.path}, "required for kind \"" + kind->name + "\""});
      } else if (param.presence == Presence::defaulted) {
        shown[param.path] = param.default_value;
      }
      continue;
    }
    json checked = *given;
    auto problem = check_value(param, checked);
    if (!problem && param.resolve) problem = param.resolve(checked, context);
    if (problem) {
      out.problems.push_back({{param.path}, *problem});
    } else {
      shown[param.path] = std::move(checked);
    }
  }
  if (!out.problems.empty()) return;

  out.stored = shown;
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

std::string kinded_requirement_text(const ParamSpec& spec) {
  const KindFamily& family = *spec.family;
  // "must be a number > 0" from the number parameter's own range.
  const std::string number = requirement_text(family.number_spec());
  return number + " (shorthand for {\"kind\": \"" + family.number_kind + "\", \"" +
         family.number_param + "\": ...}) or an object whose \"kind\" is one of " +
         quoted_list(family.kind_names());
}

KindedValue check_kinded(const ParamSpec& spec, const json& value, const ResolveContext& context) {
  assert(spec.type == ParamType::kinded && spec.family);
  KindedValue out;
  if (value.is_number()) {
    json number = value;
    if (check_value(spec.family->number_spec(), number)) {
      out.problems.push_back({{}, kinded_requirement_text(spec) + ", got " + show_value(value)});
      return out;
    }
    out.shown = value;
    out.stored = {{"kind", spec.family->number_kind}, {spec.family->number_param, value}};
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
