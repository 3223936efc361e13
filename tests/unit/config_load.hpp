#pragma once
// Loading a scenario document in a unit test, and the problems a load reports. The config tests
// each wrap these with the base folder and override style they need.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"

namespace dsdsi {

// Loads `document` as if it were the file "s.json" in `base_dir`, with --set `sets`.
inline LoadedScenario load_in(const std::filesystem::path& base_dir, const nlohmann::json& document,
                              const std::vector<std::string>& sets = {}) {
  return load_scenario_json(document, "s.json", parse_overrides(sets), base_dir);
}

// The problems that loading reports; a test failure if it reports none.
inline std::vector<std::string> problems_in(const std::filesystem::path& base_dir,
                                            const nlohmann::json& document,
                                            const std::vector<std::string>& sets = {}) {
  try {
    load_in(base_dir, document, sets);
  } catch (const ConfigError& error) {
    return error.problems();
  }
  ADD_FAILURE() << "expected a ConfigError for " << document.dump();
  return {};
}

}  // namespace dsdsi
