#pragma once
// Where a file that a scenario names is looked for: its "platform", its latency tables. Shipped
// scenarios name shipped files ("platforms/edge_star.xml", "latency/llama3-8b-h100.csv") and must
// work whether dsdsi runs from the source tree, the build tree or elsewhere, so a relative path is
// tried against several directories in a fixed order.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

// Where the shipped data lives: `<prefix>/share/dsdsi` for an installed binary (found relative to
// the binary itself), else the source directory dsdsi was built from.
std::filesystem::path shipped_data_dir();

// In order: the scenario file's directory, the current working directory, and the shipped data
// directory (shipped_data_dir()).
std::vector<std::filesystem::path> platform_search_dirs(const std::filesystem::path& scenario_dir);

// An absolute path is used as is; a relative one is tried against each of `search_dirs` and the
// first regular, readable file wins. Returns the absolute, normalised path, or why none was found
// (naming the places tried).
struct PathResolution {
  std::optional<std::filesystem::path> path;
  std::string problem;  // when path is empty
};
PathResolution find_readable_file(const std::string& given,
                                  const std::vector<std::filesystem::path>& search_dirs);

// The parameter table's resolve hook for a file path ("platform", a latency table's "file"):
// replaces the value by the absolute path found, or returns why none was.
std::optional<std::string> resolve_input_file(nlohmann::json& value, const ResolveContext& context);
// The same, under the name the "platform" row has always used.
std::optional<std::string> resolve_platform_path(nlohmann::json& value,
                                                 const ResolveContext& context);

}  // namespace dsdsi
