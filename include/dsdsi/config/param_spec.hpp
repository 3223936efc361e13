#pragma once
// One parameter of the scenario schema, declared once in the parameter table
// (parameter_table.cpp). Everything users see about a parameter (its check, its error text, its
// default, its line in docs/scenario.md) and where the loader stores it are derived from this
// record, so a default or a range is never repeated elsewhere.
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

struct KindFamily;  // param_kinds.hpp

enum class ParamType {
  number,        // any JSON number
  integer,       // a JSON number with no fractional part (4 and 4.0 alike)
  string,        // any JSON string
  choice,        // one of a fixed list of strings
  boolean,       // true or false
  object,        // any JSON object, kept as is for a later stage (e.g. `sweep`)
  kinded,        // a number (shorthand for one kind) or an object {"kind": ..., that kind's
                 // parameters}, e.g. a latency model; the kinds are declared in `family`
  number_list,   // a non-empty JSON array of numbers; min and max bound each element
  integer_list,  // the same, of integers
  object_list,   // a non-empty JSON array of objects, each with the keys of `element_params`
};

enum class Presence {
  required,   // absent -> problem
  defaulted,  // absent -> default_value
  optional,   // absent -> stays absent (and means something, e.g. no platform file)
};

// One end of a numeric range.
struct Bound {
  double value = 0;
  bool inclusive = true;
};

// The storage of an integer parameter, so that a value it cannot hold is refused instead of
// wrapping around silently.
enum class IntegerStorage { none, signed64, unsigned64 };

// A parameter that only means something in some scenarios: giving it elsewhere is an error
// (a value that is silently ignored is a value the user believes was used).
struct Condition {
  std::string controller;           // dotted path of a parameter declared earlier in the table
  std::vector<std::string> values;  // used when the controller is one of these;
                                    // empty: used only when the controller is absent
  std::string why;                  // optional explanation appended to the problem
  // The two are alternative spellings of one thing (a shorthand and its full form): giving both
  // is a problem at both paths. Only with an empty `values`.
  bool exclusive = false;
};

// What a resolve hook may need to turn a checked value into the stored one.
struct ResolveContext {
  std::filesystem::path scenario_dir;  // directory of the scenario file
};

// Turns a value that passed its check into the value stored and shown in the resolved document
// (a relative file path into an absolute one), or returns why it cannot.
using ResolveFn =
    std::function<std::optional<std::string>(nlohmann::json& value, const ResolveContext&)>;
// Copies a checked value into its field of Scenario.
using StoreFn = std::function<void(Scenario&, const nlohmann::json&)>;

// A problem inside a parameter's value, at a path relative to the parameter ({} is the value).
struct NestedProblem {
  KeyPath where;
  std::string message;
};
// The checked value of another parameter by dotted path; nullptr when it is absent or invalid.
using ValueLookup = std::function<const nlohmann::json*(const std::string& dotted_path)>;
// Reads what a checked, resolved value refers to (a trace file) when the scenario is loaded, so
// that a bad file is refused before anything runs: returns the problems, at places relative to
// the parameter, and may complete `stored` (which starts as the value) with what the store needs.
using FinishFn =
    std::function<std::vector<NestedProblem>(const nlohmann::json& value, nlohmann::json& stored)>;
// A check that needs other parameters (a latency table must cover the batches that max_batch and
// gamma allow). Runs once every parameter has been checked, only on a valid value; gets the
// stored form of the value (for a kinded parameter, with what its kind loaded).
using ContextCheckFn =
    std::function<std::vector<NestedProblem>(const nlohmann::json& stored, const ValueLookup&)>;

struct ParamSpec {
  std::string path;  // dotted, e.g. "network.rtt_ms"
  ParamType type = ParamType::number;
  std::string unit;     // "" when the value has none
  std::string meaning;  // one sentence, for the docs
  Presence presence = Presence::defaulted;
  nlohmann::json default_value;  // when presence is defaulted
  std::optional<Bound> min;
  std::optional<Bound> max;
  std::vector<std::string> choices;  // for ParamType::choice
  std::string requirement;           // replaces the generated "must be ..." text when not empty
  std::string values_note;           // the docs' "valid values" when type and range do not say it
  std::optional<Condition> used_when;
  IntegerStorage integer_storage = IntegerStorage::none;
  ResolveFn resolve;                         // may be empty
  StoreFn store;                             // may be empty: kept only in the resolved document
  std::shared_ptr<const KindFamily> family;  // for ParamType::kinded
  // For ParamType::kinded, optional: what one value of the quantity must be for this use (token
  // counts: integers >= 1; a think time: a number >= 0). It checks the bare-number shorthand and
  // the kinds' parameters marked `is_value` (a distribution's `value`, `min`, `max`, `values`),
  // so one family serves uses with different ranges.
  std::shared_ptr<const ParamSpec> value_spec;
  bool is_value = false;         // in a kind: a value of the quantity, checked against the use's
                                 // value_spec when it has one (its own type and range otherwise)
  // For ParamType::object_list: the keys of each element (paths relative to the element; no
  // conditions). The list's finish() sees the elements with their defaults filled in.
  std::vector<ParamSpec> element_params;
  // Parameters (declared earlier) that this one may not be given together with, and why: both
  // given is a problem here. Unlike `used_when`, a default of either is no conflict.
  std::vector<std::pair<std::string, std::string>> not_with;
  FinishFn finish;               // may be empty; not for kinded parameters (their kinds finish)
  ContextCheckFn context_check;  // may be empty
};

// "number", "integer", "string", "boolean", "object", "number or object", "list of numbers".
std::string type_name(const ParamSpec& spec);
// What a valid value is, as used in problems: "must be an integer >= 1 and <= 256".
std::string requirement_text(const ParamSpec& spec);
// The same for the docs' "valid values" column: ">= 1 and <= 256", "`exact`, `tcp`", "any".
std::string valid_values_text(const ParamSpec& spec);

// Checks a value given for `spec`. An integral number given for an integer parameter is
// rewritten as an integer (4.0 -> 4). Returns the problem, without position, if any.
std::optional<std::string> check_value(const ParamSpec& spec, nlohmann::json& value);

// A JSON value as shown after "got": its JSON text, shortened when long.
std::string show_value(const nlohmann::json& value);

}  // namespace dsdsi
