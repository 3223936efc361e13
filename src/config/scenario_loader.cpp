#include "dsdsi/config/scenario_loader.hpp"

#include "dsdsi/config/acceptance_param.hpp"
#include "dsdsi/config/cross_checks.hpp"
#include "dsdsi/config/key_groups.hpp"
#include "dsdsi/config/latency_shorthands.hpp"
#include "dsdsi/config/workload_shorthands.hpp"

#include <cassert>
#include <map>
#include <set>

#include "dsdsi/config/document_shape.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/object_list_param.hpp"
#include "dsdsi/config/param_kinds.hpp"
#include "dsdsi/config/parameter_table.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/scenario_file.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// What the document says about one parameter once it has been checked.
struct ParamState {
  bool present = false;  // a value is in effect (given, or the default)
  bool given = false;    // the document (or a --set) gives it
  bool valid = true;     // false: it has a problem (already reported) or could not be reached
  json value;            // when present and valid: the checked, resolved value
  json stored;           // what the store gets: `value`, or a kinded value's expanded form
};

enum class Use { yes, no, unknown };

struct Lookup {
  const json* value = nullptr;  // nullptr: absent
  bool blocked = false;         // a section on the way is not an object (already reported)
};

Lookup lookup(const json& document, const KeyPath& path) {
  const json* node = &document;
  for (const auto& key : path) {
    if (!node->is_object()) return {nullptr, true};
    const auto found = node->find(key);
    if (found == node->end()) return {};
    node = &*found;
  }
  return {node, false};
}

// What a Condition's values are compared with: the controller's value, or for a kinded
// controller (`workload.arrival`) the name of its kind.
json condition_subject(const std::string& controller, const json& value) {
  const ParamSpec* spec = find_param(controller);
  if (!spec || spec->type != ParamType::kinded) return value;
  const KindFamily& family = *spec->family;
  if (value.is_object()) return value.value(family.kind_key, json());
  return family.number_kind;  // a bare number
}

// Whether a conditional parameter is used, given what its controller turned out to be.
Use use_of(const ParamSpec& spec, const std::map<std::string, ParamState>& states) {
  if (!spec.used_when) return Use::yes;
  const Condition& condition = *spec.used_when;
  const auto controller = states.find(condition.controller);
  assert(controller != states.end() && "a Condition's controller must be declared before it");
  const ParamState& state = controller->second;
  if (condition.values.empty()) return state.present ? Use::no : Use::yes;
  if (!state.present || !state.valid) return Use::unknown;
  const json subject = condition_subject(condition.controller, state.value);
  for (const auto& value : condition.values) {
    if (subject == value) return Use::yes;
  }
  return Use::no;
}

std::string not_used_message(const Condition& condition, const ParamState& controller) {
  const std::string where = to_pointer(split_dotted(condition.controller));
  std::string text;
  if (condition.values.empty()) {
    text = "not used when " + where + " is set";
  } else {
    std::string allowed;
    for (const auto& value : condition.values) {
      allowed += (allowed.empty() ? "\"" : " or \"") + value + "\"";
    }
    const json subject = condition_subject(condition.controller, controller.value);
    const bool by_kind = subject != controller.value;
    if (!by_kind && split_dotted(condition.controller).back() == "kind") {
      // A parameter of one kind in a section chosen by its "kind" key reads as in a kinded
      // object: `speculation.acceptance.alpha` with `"kind": "beta"`.
      std::string owners;
      for (const auto& value : condition.values) {
        owners += (owners.empty() ? "\"" : ", \"") + value + "\"";
      }
      text = "not a parameter of kind " + show_value(subject) + " (it belongs to kind " + owners +
             ")";
    } else {
      text = "not used when " + where + " is " + (by_kind ? "of kind " : "") +
             show_value(subject) + " (only when it is " + (by_kind ? "of kind " : "") + allowed +
             ")";
    }
  }
  return condition.why.empty() ? text : text + ": " + condition.why;
}

ParamState check_param(const ParamSpec& spec, const json& document, Use use,
                       const std::map<std::string, ParamState>& states,
                       const ResolveContext& context, ProblemList& problems) {
  const KeyPath path = split_dotted(spec.path);
  const Lookup given = lookup(document, path);
  if (given.blocked) return {false, false, false, {}, {}};
  if (use == Use::no) {
    if (given.value && spec.used_when->exclusive) {
      // A shorthand and its full form: neither is preferred silently, both places are named.
      const std::string& controller = spec.used_when->controller;
      const std::string why = spec.used_when->why.empty() ? "" : ": " + spec.used_when->why;
      problems.add(split_dotted(controller),
                   "given together with " + to_pointer(path) + why + "; give one of the two");
      problems.add(path, "given together with " + to_pointer(split_dotted(controller)) + why +
                             "; give one of the two");
    } else if (given.value) {
      problems.add(path, not_used_message(*spec.used_when, states.at(spec.used_when->controller)));
    }
    return {false, false, true, {}, {}};
  }
  if (!given.value) {
    switch (spec.presence) {
      case Presence::required:
        // Whether it is needed depends on a controller that is itself wrong (reported).
        if (use == Use::unknown) return {false, false, false, {}, {}};
        problems.add(path, "required");
        return {false, false, false, {}, {}};
      case Presence::defaulted:
        return {true, false, true, spec.default_value, spec.default_value};
      case Presence::optional:
        return {false, false, true, {}, {}};
    }
  }
  const auto add_nested = [&](const std::vector<NestedProblem>& nested) {
    for (const auto& problem : nested) {
      KeyPath where = path;
      where.insert(where.end(), problem.where.begin(), problem.where.end());
      problems.add(where, problem.message);
    }
  };
  if (spec.type == ParamType::kinded) {
    KindedValue checked = check_kinded(spec, *given.value, context);
    add_nested(checked.problems);
    if (!checked.problems.empty()) return {true, true, false, {}, {}};
    return {true, true, true, std::move(checked.shown), std::move(checked.stored)};
  }
  json value = *given.value;
  if (spec.type == ParamType::object_list) {
    ObjectListValue checked = check_object_list(spec, value);
    add_nested(checked.problems);
    if (!checked.problems.empty()) return {true, true, false, {}, {}};
    value = std::move(checked.shown);
  } else {
    auto problem = check_value(spec, value);
    if (!problem && spec.resolve) problem = spec.resolve(value, context);
    if (problem) {
      problems.add(path, *problem);
      return {true, true, false, {}, {}};
    }
  }
  json stored = value;
  if (spec.finish) {
    const auto file_problems = spec.finish(value, stored);
    add_nested(file_problems);
    if (!file_problems.empty()) return {true, true, false, {}, {}};
  }
  return {true, true, true, std::move(value), std::move(stored)};
}

// Parameters given together with one they exclude (ParamSpec::not_with): a problem at both.
void check_exclusions(const std::map<std::string, ParamState>& states, ProblemList& problems) {
  for (const auto& spec : parameter_table()) {
    if (!states.at(spec.path).given) continue;
    for (const auto& [other, why] : spec.not_with) {
      assert(states.count(other) && "not_with must name a parameter declared earlier");
      if (!states.at(other).given) continue;
      const KeyPath here = split_dotted(spec.path), there = split_dotted(other);
      const std::string reason = (why.empty() ? "" : ": " + why) + "; give one of the two";
      problems.add(here, "given together with " + to_pointer(there) + reason);
      problems.add(there, "given together with " + to_pointer(here) + reason);
    }
  }
}

// The defaults that a given parameter excludes (ParamSpec::not_with) are not in effect: they
// stay out of the resolved document (which must itself load, and must not show a value no
// client uses). One pass over the table: asking this of every parameter in turn compared every
// pair of rows, which made each load (and a sweep's plan, one load per point) quadratic in the
// table's size.
std::set<std::string> excluded_defaults(const std::map<std::string, ParamState>& states) {
  std::set<std::string> excluded;
  for (const auto& spec : parameter_table()) {
    if (!states.at(spec.path).given) continue;
    for (const auto& other : spec.not_with) {
      if (!states.at(other.first).given) excluded.insert(other.first);
    }
  }
  return excluded;
}

// A checked parameter's value by dotted path; null when it is absent or invalid.
ValueLookup lookup_in(const std::map<std::string, ParamState>& states) {
  return [&states](const std::string& dotted) -> const json* {
    const auto found = states.find(dotted);
    if (found == states.end() || !found->second.present || !found->second.valid) return nullptr;
    return &found->second.value;
  };
}

// The parameters' checks that need other parameters, once every parameter has been checked.
void check_in_context(const std::map<std::string, ParamState>& states, ProblemList& problems) {
  const ValueLookup value_of = lookup_in(states);
  for (const auto& spec : parameter_table()) {
    const ParamState& state = states.at(spec.path);
    if (!spec.context_check || !state.present || !state.valid) continue;
    for (const auto& problem : spec.context_check(state.stored, value_of)) {
      KeyPath where = split_dotted(spec.path);
      where.insert(where.end(), problem.where.begin(), problem.where.end());
      problems.add(where, problem.message);
    }
  }
}

void set_at(json& document, const KeyPath& path, json value) {
  json* node = &document;
  for (const auto& key : path) node = &(*node)[key];
  *node = std::move(value);
}

LoadedScenario load_document(json document, const std::string& source,
                             const std::vector<Override>& overrides,
                             const std::filesystem::path& base_dir, ProblemList& problems) {
  if (!document.is_object()) {
    problems.add({}, "must be an object (a scenario document), got " + show_value(document));
    problems.throw_if_any();
  }
  apply_overrides(document, overrides, problems);
  check_document_shape(document, parameter_table(), problems);

  const ResolveContext context{base_dir};
  std::map<std::string, ParamState> states;
  for (const auto& spec : parameter_table()) {
    const Use use = use_of(spec, states);
    states[spec.path] = check_param(spec, document, use, states, context, problems);
  }
  check_exclusions(states, problems);
  check_in_context(states, problems);
  check_key_groups(lookup_in(states), problems);
  problems.throw_if_any();

  LoadedScenario loaded{Scenario{}, json::object(), source};
  const std::set<std::string> excluded = excluded_defaults(states);
  for (const auto& spec : parameter_table()) {
    const ParamState& state = states.at(spec.path);
    if (!state.present || excluded.count(spec.path)) continue;
    if (spec.store) spec.store(loaded.scenario, state.stored);
    set_at(loaded.resolved, split_dotted(spec.path), state.value);
  }
  apply_latency_shorthands(loaded.scenario, loaded.resolved);
  apply_workload_shorthands(loaded.scenario, loaded.resolved);
  apply_acceptance_forms(loaded.scenario, loaded.resolved);
  apply_key_groups(loaded.scenario, loaded.resolved);
  check_cross_fields(loaded.scenario, loaded.resolved, problems);
  problems.throw_if_any();
  return loaded;
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  ProblemList problems(path);
  json document = read_scenario_file(path, problems);
  return load_document(std::move(document), path, overrides, scenario_base_dir(path), problems);
}

std::filesystem::path scenario_base_dir(const std::string& path) {
  std::error_code ec;
  std::filesystem::path base_dir = std::filesystem::absolute(path, ec).parent_path();
  if (ec) base_dir.clear();
  return base_dir;
}

LoadedScenario load_scenario_json(const json& document, const std::string& source,
                                  const std::vector<Override>& overrides,
                                  const std::filesystem::path& base_dir) {
  ProblemList problems(source);
  return load_document(document, source, overrides, base_dir, problems);
}

}  // namespace dsdsi
