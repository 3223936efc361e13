// Every case of tests/data/bad_scenarios.json must be refused with a ConfigError whose text holds
// each expected substring. The same table is run through the dsdsi binary elsewhere (exit 2).
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <set>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const std::filesystem::path kDataDir = std::filesystem::path(DSDSI_SOURCE_DIR) / "tests" / "data";

json read_cases() {
  std::ifstream in(kDataDir / "bad_scenarios.json");
  EXPECT_TRUE(in.is_open()) << "cannot open " << (kDataDir / "bad_scenarios.json");
  return json::parse(in);
}

// The error text for one case: parsing its --set arguments and loading it must fail.
std::optional<std::string> error_of(const json& entry) {
  try {
    std::vector<std::string> sets;
    if (entry.contains("set")) sets = entry.at("set").get<std::vector<std::string>>();
    load_scenario_json(entry.at("scenario"), "scenario.json", parse_overrides(sets), kDataDir);
  } catch (const ConfigError& error) {
    return std::string(error.what());
  }
  return std::nullopt;
}

TEST(ConfigBadScenarios, TableIsLargeAndWellFormed) {
  const json cases = read_cases();
  ASSERT_TRUE(cases.is_array());
  EXPECT_GE(cases.size(), 25u);
  std::set<std::string> names;
  bool some_expect_names_a_pointer = false;
  for (const auto& entry : cases) {
    ASSERT_TRUE(entry.contains("name") && entry.contains("scenario") && entry.contains("expect"))
        << entry.dump();
    EXPECT_TRUE(names.insert(entry.at("name").get<std::string>()).second) << entry.at("name");
    EXPECT_FALSE(entry.at("expect").empty()) << entry.at("name");
    for (const auto& expect : entry.at("expect")) {
      some_expect_names_a_pointer |= expect.get<std::string>().find(": /") != std::string::npos;
    }
  }
  EXPECT_TRUE(some_expect_names_a_pointer);
}

TEST(ConfigBadScenarios, EveryCaseIsRefusedWithTheExpectedProblems) {
  for (const auto& entry : read_cases()) {
    const std::string name = entry.at("name").get<std::string>();
    const auto error = error_of(entry);
    if (!error) {
      ADD_FAILURE() << name << ": loaded without a ConfigError";
      continue;
    }
    for (const auto& expect : entry.at("expect")) {
      EXPECT_NE(error->find(expect.get<std::string>()), std::string::npos)
          << name << ": expected \"" << expect.get<std::string>() << "\" in:\n"
          << *error;
    }
  }
}

}  // namespace
}  // namespace dsdsi
