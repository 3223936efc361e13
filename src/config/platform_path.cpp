#include "dsdsi/config/platform_path.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "dsdsi/config/input_file.hpp"

// DSDSI_SOURCE_DIR is the source tree dsdsi was built from; DSDSI_DATA_FROM_BINDIR is where
// `cmake --install` puts the shipped data (platforms, latency tables, scenarios) relative to the
// installed binary ("../share/dsdsi"). Both come from CMakeLists.txt; without them the
// corresponding directory is simply not searched.
#ifndef DSDSI_SOURCE_DIR
#define DSDSI_SOURCE_DIR ""
#endif
#ifndef DSDSI_DATA_FROM_BINDIR
#define DSDSI_DATA_FROM_BINDIR ""
#endif

namespace dsdsi {
namespace fs = std::filesystem;

fs::path shipped_data_dir() {
  std::error_code ec;
  const std::string from_bindir = DSDSI_DATA_FROM_BINDIR;
  // An installed binary finds its data next to it, wherever the prefix was moved; a binary in a
  // build tree has no such directory and falls back to the source tree it was built from.
  if (!from_bindir.empty()) {
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      const fs::path installed = (exe.parent_path() / from_bindir).lexically_normal();
      if (fs::is_directory(installed, ec)) return installed;
    }
  }
  return fs::path(DSDSI_SOURCE_DIR);
}

std::vector<fs::path> platform_search_dirs(const fs::path& scenario_dir) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  const auto add = [&dirs, &ec](const fs::path& dir) {
    if (dir.empty()) return;
    const fs::path normal = fs::absolute(dir, ec).lexically_normal();
    if (ec) return;
    if (std::find(dirs.begin(), dirs.end(), normal) == dirs.end()) dirs.push_back(normal);
  };
  add(scenario_dir);
  const fs::path cwd = fs::current_path(ec);
  if (!ec) add(cwd);
  add(shipped_data_dir());
  return dirs;
}

PathResolution find_readable_file(const std::string& given,
                                  const std::vector<fs::path>& search_dirs) {
  if (given.empty()) return {std::nullopt, "must be a file path, got \"\""};
  if (given.find('\0') != std::string::npos) {
    return {std::nullopt, "the path contains a NUL byte (it would name another file)"};
  }
  const fs::path relative_or_absolute(given);
  std::vector<fs::path> candidates;
  if (relative_or_absolute.is_absolute()) {
    candidates.push_back(relative_or_absolute.lexically_normal());
  } else {
    for (const auto& dir : search_dirs) {
      candidates.push_back((dir / relative_or_absolute).lexically_normal());
    }
  }
  std::string tried;
  bool found_unusable = false;  // something of that name exists: a FIFO, a device, too large...
  for (const auto& candidate : candidates) {
    std::string note;
    const auto why = input_file_problem(candidate.string(), kMaxReferencedFileBytes);
    if (!why) {
      if (std::ifstream(candidate).is_open()) return {candidate, ""};
      note = " (exists but cannot be read)";
    } else if (*why != "no such file") {
      note = " (" + *why + ")";
    }
    found_unusable = found_unusable || !note.empty();
    if (!tried.empty()) tried += ", ";
    tried += candidate.string() + note;
  }
  if (tried.empty()) tried = "nowhere: no directory to search";
  // "Not found" only when nothing of that name exists: a FIFO or a device is no missing file.
  const std::string what = found_unusable ? "no usable file" : "file not found";
  return {std::nullopt, what + ": \"" + given + "\" (tried " + tried + ")"};
}

std::optional<std::string> resolve_platform_path(nlohmann::json& value,
                                                 const ResolveContext& context) {
  return resolve_input_file(value, context);
}

std::optional<std::string> resolve_input_file(nlohmann::json& value,
                                              const ResolveContext& context) {
  const auto found =
      find_readable_file(value.get<std::string>(), platform_search_dirs(context.scenario_dir));
  if (!found.path) return found.problem;
  value = found.path->string();
  return std::nullopt;
}

}  // namespace dsdsi
