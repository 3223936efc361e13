#pragma once
// Parameters whose value is one of several kinds, each with its own parameters: a latency model
// is `{"kind": "affine", "base_ms": 18, "per_token_ms": 0.02}` or `{"kind": "table", "file": ...}`.
// Each kind's parameters are ParamSpec rows like the table's (paths relative to the object), so
// their checks, error text and docs come from the same declarations as every other parameter.
// A bare number is accepted as the shorthand for one kind (`20` is `{"kind": "constant",
// "ms": 20}`).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

struct ParamKind {
  std::string name;               // the value of "kind"
  std::string meaning;            // one sentence, for the docs
  nlohmann::json example;         // a valid object of this kind, shown in the docs (and tested)
  std::vector<ParamSpec> params;  // paths relative to the object ("ms"); no conditions
  // Problems that involve several of the kind's parameters, or what they refer to (a table's
  // file). Runs only when every parameter passed its own check. May add to `stored` what the
  // store needs beyond the object shown in the resolved document (a table's points). Optional.
  std::function<std::vector<NestedProblem>(const nlohmann::json& object, nlohmann::json& stored)>
      finish;

  const ParamSpec* find_param(std::string_view name) const;
};

struct KindFamily {
  std::string name;          // "latency model": used in messages and as the docs' section title
  std::string description;   // the docs' introduction to the family (markdown)
  std::string number_kind;   // a bare number x stands for {"kind": number_kind, number_param: x};
  std::string number_param;  // both empty: the family has no number shorthand
  std::vector<ParamKind> kinds;
  std::string kind_key = "kind";  // the key that names the kind (distributions: "dist")

  const ParamKind* find_kind(std::string_view name) const;
  std::vector<std::string> kind_names() const;
  // The ParamSpec a bare number is checked against (the family must have a number shorthand).
  const ParamSpec& number_spec() const;
};

// A kind's parameter as one use checks it: a parameter marked is_value takes the type and range
// of the use's value_spec, when the use has one (a list parameter, for each element).
ParamSpec param_for_use(const ParamSpec& use, const ParamSpec& kind_param);
// The ParamSpec a bare number given for `use` is checked against.
ParamSpec number_shorthand_spec(const ParamSpec& use);

// A kinded value after its checks.
struct KindedValue {
  std::vector<NestedProblem> problems;  // empty: valid
  nlohmann::json shown;   // as the resolved document shows it: a bare number as given, an object
                          // with its defaults filled in and its paths resolved
  nlohmann::json stored;  // an object with "kind" (a bare number expanded), plus what the kind's
                          // finish() added
};

// Checks `value` for the kinded parameter `spec`: every problem at once, each at its place in the
// object (unknown keys with a suggestion, a key of another kind named as such). A kind's own
// kinded parameters (a closed loop's think time, a distribution) are checked the same way, and
// their problems placed inside it.
KindedValue check_kinded(const ParamSpec& spec, const nlohmann::json& value,
                         const ResolveContext& context);

// "must be a number > 0 (shorthand for {"kind": "constant", "ms": ...}) or an object whose
// "kind" is one of ..."; without a number shorthand, "must be an object whose ...".
std::string kinded_requirement_text(const ParamSpec& spec);

}  // namespace dsdsi
