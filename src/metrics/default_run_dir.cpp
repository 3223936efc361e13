#include <ctime>
#include <string>

#include "dsdsi/metrics/staged_output_dir.hpp"

namespace fs = std::filesystem;

namespace dsdsi {

fs::path default_run_dir(const fs::path& runs_root, const std::string& scenario_path,
                         std::time_t now) {
  std::string stem = fs::path(scenario_path).stem().string();
  if (stem.empty()) stem = "run";
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  const std::string base = stem + "-" + stamp;
  fs::path candidate = runs_root / base;
  // Two runs of one scenario within a second get distinct folders. symlink_status so that a
  // dangling link also counts as taken.
  for (int suffix = 2; fs::exists(fs::symlink_status(candidate)); ++suffix) {
    candidate = runs_root / (base + "-" + std::to_string(suffix));
  }
  return candidate;
}

fs::path default_run_dir(const fs::path& runs_root, const std::string& scenario_path) {
  return default_run_dir(runs_root, scenario_path, std::time(nullptr));
}

}  // namespace dsdsi
