// Checking one value against its ParamSpec, and the words used to say what is valid. Problems
// and docs/scenario.md share these words so that the two never disagree.
#include <cmath>
#include <cstdint>
#include <limits>

#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/object_list_param.hpp"
#include "dsdsi/config/param_kinds.hpp"
#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

std::string format_bound(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return json(value).dump();
}

std::string range_text(const ParamSpec& spec) {
  std::string text;
  if (spec.min) text += (spec.min->inclusive ? ">= " : "> ") + format_bound(spec.min->value);
  if (spec.max) {
    if (!text.empty()) text += " and ";
    text += (spec.max->inclusive ? "<= " : "< ") + format_bound(spec.max->value);
  }
  return text;
}

bool in_range(const ParamSpec& spec, double value) {
  if (spec.min && (spec.min->inclusive ? value < spec.min->value : value <= spec.min->value)) {
    return false;
  }
  if (spec.max && (spec.max->inclusive ? value > spec.max->value : value >= spec.max->value)) {
    return false;
  }
  return true;
}

std::string quoted_choices(const ParamSpec& spec, const char* quote, const char* separator) {
  std::string text;
  for (const auto& choice : spec.choices) {
    if (!text.empty()) text += separator;
    text += quote + choice + quote;
  }
  return text;
}

std::string got(const ParamSpec& spec, const json& value) {
  return requirement_text(spec) + ", got " + show_value(value);
}

// Whether the integer storage of `spec` can hold `value` (already known to be integral).
bool fits_storage(const ParamSpec& spec, const json& value) {
  constexpr double two_to_63 = 9223372036854775808.0;
  if (spec.integer_storage == IntegerStorage::signed64) {
    if (value.is_number_unsigned()) {
      return value.get<std::uint64_t>() <=
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    }
    if (value.is_number_float()) {
      const double x = value.get<double>();
      return x >= -two_to_63 && x < two_to_63;
    }
    return true;
  }
  if (spec.integer_storage == IntegerStorage::unsigned64) {
    if (value.is_number_unsigned()) return true;
    if (value.is_number_integer()) return value.get<std::int64_t>() >= 0;
    const double x = value.get<double>();
    return x >= 0 && x < 2 * two_to_63;
  }
  return true;
}

std::string storage_limit_text(const ParamSpec& spec) {
  if (spec.integer_storage == IntegerStorage::unsigned64) {
    return "must fit an unsigned 64-bit integer (0 to " +
           std::to_string(std::numeric_limits<std::uint64_t>::max()) + ")";
  }
  return "must fit a signed 64-bit integer (" +
         std::to_string(std::numeric_limits<std::int64_t>::min()) + " to " +
         std::to_string(std::numeric_limits<std::int64_t>::max()) + ")";
}

std::optional<std::string> check_integer(const ParamSpec& spec, json& value) {
  if (!value.is_number()) return got(spec, value);
  if (value.is_number_float()) {
    const double x = value.get<double>();
    if (std::trunc(x) != x) return got(spec, value);
  }
  if (!in_range(spec, value.get<double>())) return got(spec, value);
  if (!fits_storage(spec, value)) return storage_limit_text(spec) + ", got " + show_value(value);
  // 4.0 and 4 mean the same; the resolved document and the stored value see an integer.
  if (value.is_number_float()) {
    const double x = value.get<double>();
    if (x < 9223372036854775808.0) {
      value = static_cast<std::int64_t>(x);
    } else {
      value = static_cast<std::uint64_t>(x);
    }
  }
  return std::nullopt;
}

// Each element of a number_list or integer_list, checked like a number or integer parameter
// with the list's range.
std::optional<std::string> check_list(const ParamSpec& spec, json& value) {
  if (!value.is_array() || value.empty()) return got(spec, value);
  ParamSpec element = spec;
  element.type = spec.type == ParamType::integer_list ? ParamType::integer : ParamType::number;
  for (std::size_t i = 0; i < value.size(); ++i) {
    json& item = value[i];
    const bool ok = element.type == ParamType::integer
                        ? !check_integer(element, item)
                        : item.is_number() && in_range(element, item.get<double>());
    if (!ok) return got(spec, item) + " at index " + std::to_string(i);
  }
  return std::nullopt;
}

}  // namespace

std::string type_name(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::number:
      return "number";
    case ParamType::integer:
      return "integer";
    case ParamType::string:
      return "string";
    case ParamType::choice:
      return "string";
    case ParamType::boolean:
      return "boolean";
    case ParamType::object:
      return "object";
    case ParamType::kinded:
      return spec.family && spec.family->number_kind.empty() ? "object" : "number or object";
    case ParamType::number_list:
      return "list of numbers";
    case ParamType::integer_list:
      return "list of integers";
    case ParamType::object_list:
      return "list of objects";
  }
  return "?";
}

std::string requirement_text(const ParamSpec& spec) {
  if (!spec.requirement.empty()) return spec.requirement;
  const std::string range = range_text(spec);
  const std::string suffix = range.empty() ? "" : " " + range;
  switch (spec.type) {
    case ParamType::number:
      return "must be a number" + suffix;
    case ParamType::integer:
      return "must be an integer" + suffix;
    case ParamType::string:
      return "must be a string";
    case ParamType::choice:
      return "must be one of " + quoted_choices(spec, "\"", ", ");
    case ParamType::boolean:
      return "must be true or false";
    case ParamType::object:
      return "must be an object";
    case ParamType::kinded:
      return kinded_requirement_text(spec);
    case ParamType::number_list:
      return "must be a non-empty list of numbers" + suffix;
    case ParamType::integer_list:
      return "must be a non-empty list of integers" + suffix;
    case ParamType::object_list:
      return "must be a non-empty list of objects";
  }
  return "?";
}

std::string valid_values_text(const ParamSpec& spec) {
  if (!spec.values_note.empty()) return spec.values_note;
  if (spec.type == ParamType::choice) return quoted_choices(spec, "`", ", ");
  if (spec.type == ParamType::boolean) return "`true`, `false`";
  if (spec.type == ParamType::kinded) {
    const KindFamily& family = *spec.family;
    const std::string article =
        std::string("aeiou").find(family.name.front()) == std::string::npos ? "a " : "an ";
    if (family.number_kind.empty()) return article + family.name + " object";
    const ParamSpec number = number_shorthand_spec(spec);
    return std::string(number.type == ParamType::integer ? "an integer " : "a number ") +
           valid_values_text(number) + " (a `" + family.number_kind + "` " + family.name + ") or " +
           article + family.name + " object";
  }
  if (spec.type == ParamType::object_list) return "a non-empty list of objects (keys below)";
  const std::string range = range_text(spec);
  if (spec.type == ParamType::number_list || spec.type == ParamType::integer_list) {
    return range.empty() ? "a non-empty list" : "a non-empty list, each " + range;
  }
  if (range.empty()) return spec.type == ParamType::object ? "any object" : "any";
  return range;
}

std::optional<std::string> check_value(const ParamSpec& spec, json& value) {
  switch (spec.type) {
    case ParamType::number:
      if (!value.is_number() || !in_range(spec, value.get<double>())) return got(spec, value);
      return std::nullopt;
    case ParamType::integer:
      return check_integer(spec, value);
    case ParamType::string:
      if (!value.is_string()) return got(spec, value);
      // Paths and names are written to run.json and summaries, which must be valid JSON.
      if (!is_valid_utf8(value.get_ref<const std::string&>())) {
        return "must be valid UTF-8 text, got " + show_value(value);
      }
      return std::nullopt;
    case ParamType::choice: {
      if (!value.is_string()) return got(spec, value);
      const auto& name = value.get_ref<const std::string&>();
      for (const auto& choice : spec.choices) {
        if (choice == name) return std::nullopt;
      }
      return got(spec, value) + did_you_mean(name, spec.choices);
    }
    case ParamType::boolean:
      if (!value.is_boolean()) return got(spec, value);
      return std::nullopt;
    case ParamType::object:
      if (!value.is_object()) return got(spec, value);
      return std::nullopt;
    case ParamType::number_list:
    case ParamType::integer_list:
      return check_list(spec, value);
    case ParamType::kinded:
    case ParamType::object_list: {
      // The loader reports each problem at its own place (check_kinded, check_object_list); here
      // they are joined.
      std::vector<NestedProblem> problems;
      if (spec.type == ParamType::kinded) {
        KindedValue checked = check_kinded(spec, value, ResolveContext{});
        if (checked.problems.empty()) value = std::move(checked.shown);
        problems = std::move(checked.problems);
      } else {
        ObjectListValue checked = check_object_list(spec, value);
        if (checked.problems.empty()) value = std::move(checked.shown);
        problems = std::move(checked.problems);
      }
      if (problems.empty()) return std::nullopt;
      std::string text;
      for (const auto& problem : problems) {
        if (!text.empty()) text += "; ";
        if (!problem.where.empty()) text += to_pointer(problem.where) + ": ";
        text += problem.message;
      }
      return text;
    }
  }
  return std::nullopt;
}

std::string show_value(const json& value) {
  constexpr std::size_t kMaxShown = 60;
  return show_json_bounded(value, kMaxShown);
}

}  // namespace dsdsi
