// The parameter table checks itself: a mistake in a row (a default outside its own range, a
// condition on a parameter declared later) would otherwise surface only in some scenario.
#include <gtest/gtest.h>

#include <set>

#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/param_kinds.hpp"
#include "dsdsi/config/parameter_table.hpp"

namespace dsdsi {
namespace {

TEST(ConfigTable, PathsAreUniqueAndNoneIsAPrefixOfAnother) {
  std::set<std::string> seen;
  for (const auto& spec : parameter_table()) {
    EXPECT_TRUE(seen.insert(spec.path).second) << spec.path << " declared twice";
    for (const auto& other : parameter_table()) {
      if (&other == &spec) continue;
      EXPECT_FALSE(is_prefix(split_dotted(spec.path), split_dotted(other.path)))
          << spec.path << " is both a parameter and a section (" << other.path << ")";
    }
  }
}

TEST(ConfigTable, EveryRowIsDocumentedAndStoredOrKept) {
  for (const auto& spec : parameter_table()) {
    EXPECT_FALSE(spec.meaning.empty()) << spec.path;
    EXPECT_EQ(spec.meaning.back(), '.') << spec.path << ": meaning is one sentence";
    if (spec.type != ParamType::object) {
      EXPECT_TRUE(spec.store) << spec.path << " is not stored";
    }
    if (spec.type == ParamType::choice) {
      EXPECT_FALSE(spec.choices.empty()) << spec.path;
    }
  }
}

TEST(ConfigTable, DefaultsPassTheirOwnChecks) {
  for (const auto& spec : parameter_table()) {
    if (spec.presence != Presence::defaulted) continue;
    nlohmann::json value = spec.default_value;
    const auto problem = check_value(spec, value);
    EXPECT_FALSE(problem) << spec.path << ": default " << spec.default_value << ": " << *problem;
  }
}

TEST(ConfigTable, ConditionsDependOnEarlierParametersAndValidValues) {
  std::set<std::string> earlier;
  for (const auto& spec : parameter_table()) {
    if (spec.used_when) {
      const auto& condition = *spec.used_when;
      EXPECT_TRUE(earlier.count(condition.controller))
          << spec.path << " depends on " << condition.controller << ", not declared before it";
      const ParamSpec* controller = find_param(condition.controller);
      ASSERT_NE(controller, nullptr) << condition.controller;
      for (const auto& value : condition.values) {
        if (controller->type == ParamType::kinded) {
          // A kinded controller is compared by the name of its kind.
          EXPECT_NE(controller->family->find_kind(value), nullptr)
              << spec.path << ": " << condition.controller << " has no kind " << value;
          continue;
        }
        nlohmann::json json_value = value;
        EXPECT_FALSE(check_value(*controller, json_value))
            << spec.path << ": " << condition.controller << " can never be " << value;
      }
    }
    earlier.insert(spec.path);
  }
}

TEST(ConfigTable, FindParamFindsDeclaredPathsOnly) {
  ASSERT_NE(find_param("speculation.gamma"), nullptr);
  EXPECT_EQ(find_param("speculation.gamma")->type, ParamType::integer);
  EXPECT_EQ(find_param("speculation"), nullptr);
  EXPECT_EQ(find_param("gamma"), nullptr);
}

TEST(ConfigTable, RequirementTextsReadNaturally) {
  EXPECT_EQ(requirement_text(*find_param("network.uplink_mbps")),
            "must be a number >= 0.001 and <= 1000000000");
  EXPECT_EQ(requirement_text(*find_param("network.rtt_ms")),
            "must be a number >= 0 and <= 1000000000 (shorthand for {\"dist\": \"fixed\", "
            "\"value\": ...}) or an "
            "object whose \"dist\" is one of \"fixed\", \"uniform\", \"lognormal\", \"list\"");
  EXPECT_EQ(requirement_text(*find_param("network.uplink_mbps")),
            "must be a number >= 0.001 and <= 1000000000");
  EXPECT_EQ(requirement_text(*find_param("speculation.acceptance.alpha")),
            "must be a number >= 0 and <= 1");
  EXPECT_EQ(requirement_text(*find_param("description")), "must be a string");
  EXPECT_EQ(requirement_text(*find_param("network.model")), "must be one of \"exact\", \"tcp\"");
  EXPECT_EQ(valid_values_text(*find_param("network.model")), "`exact`, `tcp`");
  EXPECT_EQ(valid_values_text(*find_param("cloud.max_batch")), ">= 1 and <= 65536");
  EXPECT_EQ(valid_values_text(*find_param("description")), "any");
}

}  // namespace
}  // namespace dsdsi

namespace dsdsi {
namespace {

// Every number a scenario gives is bounded on both sides (limits.hpp says why each bound keeps
// the engine's arithmetic finite and within 64 bits): a row without a maximum is a way to make
// `validate` accept what the run cannot do. Integers may instead rely on their storage's range
// when they are only identifiers (a seed).
void expect_bounded(const ParamSpec& spec, const std::string& where) {
  const bool numeric = spec.type == ParamType::number || spec.type == ParamType::integer ||
                       spec.type == ParamType::number_list || spec.type == ParamType::integer_list;
  if (!numeric) return;
  const bool has_min = spec.min.has_value() || spec.is_value;
  const bool has_max = spec.max.has_value() || spec.is_value ||
                       spec.integer_storage != IntegerStorage::none || spec.path == "seed";
  EXPECT_TRUE(has_min) << where << spec.path << " has no minimum";
  EXPECT_TRUE(has_max) << where << spec.path << " has no maximum";
}

void expect_bounded_tree(const ParamSpec& spec, const std::string& where) {
  expect_bounded(spec, where);
  if (spec.value_spec) expect_bounded(*spec.value_spec, where + spec.path + " (value): ");
  for (const auto& element : spec.element_params) {
    expect_bounded_tree(element, where + spec.path + "[]: ");
  }
  if (spec.family) {
    for (const auto& kind : spec.family->kinds) {
      for (const auto& param : kind.params) {
        // A value of the quantity takes its range from the use: the use must give one.
        if (param.is_value) {
          EXPECT_TRUE(spec.value_spec) << where << spec.path << " (" << kind.name
                                       << "): " << param.path << " has no range from its use";
        }
        expect_bounded_tree(param, where + spec.path + " (" + kind.name + "): ");
      }
    }
  }
}

TEST(ConfigTable, EveryNumberHasAFiniteRange) {
  for (const auto& spec : parameter_table()) expect_bounded_tree(spec, "");
}

}  // namespace
}  // namespace dsdsi
