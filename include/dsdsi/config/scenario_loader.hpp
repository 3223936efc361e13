#pragma once
// From a scenario file (plus --set overrides) to a typed, validated Scenario: the only way a
// Scenario is made. Every problem in the input is found before anything is simulated and
// reported at once (ConfigError), each as "<source>: <json-pointer>: <message>".
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

struct LoadedScenario {
  Scenario scenario;        // typed, validated, defaults applied
  nlohmann::json resolved;  // the same as a JSON document: every key of the table present
                            // (defaults filled in), overrides applied, platform path resolved
  std::string source;       // the scenario file path as given
};

// Reads, applies overrides, validates EVERYTHING and reports every problem at once (ConfigError).
LoadedScenario load_scenario(const std::string& path, const std::vector<Override>& overrides);

// The folder that a scenario file's relative paths ("platform", trace files) start from.
std::filesystem::path scenario_base_dir(const std::string& path);

// Same, for a document already in memory (tests, and a sweep's points). `source` names it in
// messages; `base_dir` is used to resolve a relative "platform" path.
LoadedScenario load_scenario_json(const nlohmann::json& document, const std::string& source,
                                  const std::vector<Override>& overrides,
                                  const std::filesystem::path& base_dir);

}  // namespace dsdsi
