#pragma once
// Fluent construction of ParamSpec records, so that each row of the parameter table reads as one
// declaration:
//
//   Param::number("network.rtt_ms", "ms", "Round-trip latency ...")
//       .default_to(50).at_least(0).store(&Scenario::network, &NetworkParams::rtt_ms),
//
// Where a value is stored is a chain of member pointers; store() derives the setter from the
// chain with a fold expression, and checks that the field's C++ type suits the JSON type, so a
// number can never be truncated into an integer field.
#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

// (s .* m1 .* m2 ...): the field that a chain of member pointers designates inside `s`.
template <typename... Members>
auto& field_of(Scenario& s, Members... members) {
  return (s.*....*members);
}

class Param {
 public:
  static Param number(std::string path, std::string unit, std::string meaning) {
    return Param(std::move(path), ParamType::number, std::move(unit), std::move(meaning));
  }
  static Param integer(std::string path, std::string unit, std::string meaning) {
    return Param(std::move(path), ParamType::integer, std::move(unit), std::move(meaning));
  }
  static Param string(std::string path, std::string meaning) {
    return Param(std::move(path), ParamType::string, "", std::move(meaning));
  }
  // The choices come with their stored values, in store_enum().
  static Param choice(std::string path, std::string meaning) {
    return Param(std::move(path), ParamType::choice, "", std::move(meaning));
  }
  static Param boolean(std::string path, std::string meaning) {
    return Param(std::move(path), ParamType::boolean, "", std::move(meaning));
  }
  // A non-empty list of numbers (integers); at_least() and the like bound each element.
  static Param number_list(std::string path, std::string unit, std::string meaning) {
    return Param(std::move(path), ParamType::number_list, std::move(unit), std::move(meaning));
  }
  static Param integer_list(std::string path, std::string unit, std::string meaning) {
    return Param(std::move(path), ParamType::integer_list, std::move(unit), std::move(meaning));
  }
  // A non-empty list of objects whose keys are `element_params` (paths relative to an element).
  static Param object_list(std::string path, std::string meaning,
                           std::vector<ParamSpec> element_params) {
    Param param(std::move(path), ParamType::object_list, "", std::move(meaning));
    param.spec_.element_params = std::move(element_params);
    return param;
  }
  static Param object(std::string path, std::string meaning) {
    return Param(std::move(path), ParamType::object, "", std::move(meaning));
  }
  // A number or an object of one of `family`'s kinds (param_kinds.hpp). Stored with
  // store_converted(), from the expanded object.
  static Param kinded(std::string path, std::string unit, std::string meaning,
                      std::shared_ptr<const KindFamily> family) {
    Param param(std::move(path), ParamType::kinded, std::move(unit), std::move(meaning));
    param.spec_.family = std::move(family);
    return param;
  }

  Param& default_to(nlohmann::json value) {
    spec_.presence = Presence::defaulted;
    spec_.default_value = std::move(value);
    return *this;
  }
  Param& required() {
    spec_.presence = Presence::required;
    return *this;
  }
  Param& optional() {
    spec_.presence = Presence::optional;
    return *this;
  }
  Param& at_least(double value) { return min(value, true); }
  Param& above(double value) { return min(value, false); }
  Param& at_most(double value) { return max(value, true); }
  Param& below(double value) { return max(value, false); }
  // Replaces the generated "must be ..." when the generated words would not say why.
  Param& requirement(std::string text) {
    spec_.requirement = std::move(text);
    return *this;
  }
  // For the docs, when the type and range do not say what is valid (e.g. "a readable file").
  Param& values_note(std::string text) {
    spec_.values_note = std::move(text);
    return *this;
  }
  Param& only_when_absent(std::string controller, std::string why) {
    spec_.used_when = Condition{std::move(controller), {}, std::move(why)};
    return *this;
  }
  Param& only_when(std::string controller, std::vector<std::string> values, std::string why = "") {
    spec_.used_when = Condition{std::move(controller), std::move(values), std::move(why)};
    return *this;
  }
  // Giving this parameter and `other` (declared earlier) is a problem at this one's path.
  Param& not_with(std::string other, std::string why) {
    spec_.not_with.emplace_back(std::move(other), std::move(why));
    return *this;
  }
  // This parameter is a shorthand for `controller` (declared earlier): used when the controller
  // is absent, and giving both is a problem at both paths.
  Param& alternative_to(std::string controller, std::string why) {
    spec_.used_when = Condition{std::move(controller), {}, std::move(why), true};
    return *this;
  }
  // A kinded parameter: what one value of its quantity must be for this use (ParamSpec::
  // value_spec), e.g. Param::integer("value", "tokens", "").at_least(1).
  Param& values_as(const Param& value) {
    ParamSpec spec = value.spec_;
    // Integer values end up in 64-bit fields (token counts): refuse what those cannot hold.
    if (spec.type == ParamType::integer && spec.integer_storage == IntegerStorage::none) {
      spec.integer_storage = IntegerStorage::signed64;
    }
    spec_.value_spec = std::make_shared<const ParamSpec>(std::move(spec));
    return *this;
  }
  // A kind's parameter that is a value of the quantity (ParamSpec::is_value).
  Param& quantity_value() {
    spec_.is_value = true;
    return *this;
  }
  Param& finish_with(FinishFn finish) {
    spec_.finish = std::move(finish);
    return *this;
  }
  Param& check_in_context(ContextCheckFn check) {
    spec_.context_check = std::move(check);
    return *this;
  }
  Param& resolve_with(ResolveFn resolve) {
    spec_.resolve = std::move(resolve);
    return *this;
  }

  // Stores a number, integer, string or boolean into the field designated by `members`.
  template <typename... Members>
  ParamSpec store(Members... members) const {
    using Field =
        std::remove_reference_t<decltype(field_of(std::declval<Scenario&>(), members...))>;
    ParamSpec spec = spec_;
    if constexpr (std::is_same_v<Field, bool>) {
      assert(spec.type == ParamType::boolean);
    } else if constexpr (std::is_integral_v<Field>) {
      static_assert(sizeof(Field) == 8, "integer parameters are stored in 64-bit fields");
      assert(spec.type == ParamType::integer);
      spec.integer_storage =
          std::is_signed_v<Field> ? IntegerStorage::signed64 : IntegerStorage::unsigned64;
    } else if constexpr (std::is_floating_point_v<Field>) {
      assert(spec.type == ParamType::number);
    } else {
      static_assert(std::is_same_v<Field, std::string>, "store(): unsupported field type");
      assert(spec.type == ParamType::string);
    }
    spec.store = [members...](Scenario& s, const nlohmann::json& value) {
      field_of(s, members...) = value.get<Field>();
    };
    return spec;
  }

  // Stores a choice: `names` lists every accepted spelling with the value it stands for, and is
  // the one place the choices are spelt.
  template <typename Enum, typename... Members>
  ParamSpec store_enum(std::vector<std::pair<std::string, Enum>> names, Members... members) const {
    assert(spec_.type == ParamType::choice);
    ParamSpec spec = spec_;
    for (const auto& entry : names) spec.choices.push_back(entry.first);
    spec.store = [names, members...](Scenario& s, const nlohmann::json& value) {
      const auto& text = value.get_ref<const std::string&>();
      for (const auto& [name, stored] : names) {
        if (name == text) field_of(s, members...) = stored;
      }
    };
    return spec;
  }

  // Stores convert(value) into the field designated by `members` (a kinded value, whose stored
  // form is an object with "kind").
  template <typename Convert, typename... Members>
  ParamSpec store_converted(Convert convert, Members... members) const {
    ParamSpec spec = spec_;
    spec.store = [convert, members...](Scenario& s, const nlohmann::json& value) {
      field_of(s, members...) = convert(value);
    };
    return spec;
  }

  // Stores with `store` itself, for a value that fills several fields (a trace file's path and
  // the records its finish() loaded).
  ParamSpec store_with(StoreFn store) const {
    ParamSpec spec = spec_;
    spec.store = std::move(store);
    return spec;
  }

  // Kept in the resolved document only (a later stage reads it from there).
  ParamSpec not_stored() const { return spec_; }

 private:
  Param(std::string path, ParamType type, std::string unit, std::string meaning) {
    spec_.path = std::move(path);
    spec_.type = type;
    spec_.unit = std::move(unit);
    spec_.meaning = std::move(meaning);
  }
  Param& min(double value, bool inclusive) {
    spec_.min = Bound{value, inclusive};
    return *this;
  }
  Param& max(double value, bool inclusive) {
    spec_.max = Bound{value, inclusive};
    return *this;
  }

  ParamSpec spec_;
};

}  // namespace dsdsi
