#pragma once
// One parameter of the scenario schema, declared once in the parameter table
// (parameter_table.cpp). Everything users see about a parameter (its check, its error text, its
// default, its line in docs/scenario.md) and where the loader stores it are derived from this
// record, so a default or a range is never repeated elsewhere.
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

enum class ParamType {
  number,   // any JSON number
  integer,  // a JSON number with no fractional part (4 and 4.0 alike)
  string,   // any JSON string
  choice,   // one of a fixed list of strings
  boolean,  // true or false
  object,   // any JSON object, kept as is for a later stage (e.g. `sweep`)
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
  ResolveFn resolve;  // may be empty
  StoreFn store;      // may be empty: kept only in the resolved document
};

// "number", "integer", "string", "true or false", "object".
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
