#pragma once
// The output folder of a run. Files are written into a hidden staging folder next to the final
// one (same file system, so the final move is a rename); commit() renames it into place. An
// interrupted or failed run therefore never leaves a half-written output folder behind, and a
// reader never sees summary.json without the CSVs it summarises.
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace dsdsi {

// The output folder cannot be used (it exists, or the file system refused). Bad input, not a bug.
class OutputDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How an OutputDirError message names a folder or file: in single quotes, so that a name with
// spaces (or an empty one) reads unambiguously.
std::string quoted_path(const std::filesystem::path& path);

class StagedOutputDir {
 public:
  // Creates the parent folders of `final_dir` if needed and the staging folder, after removing
  // the staging folders that killed dsdsi processes left next to `final_dir` (only hidden
  // folders of dsdsi's own name pattern, owned by this user, whose process is gone). Throws
  // OutputDirError when `final_dir` exists and is not an empty folder and replace_existing is
  // false (the message says to use --force or another --out), when it exists and is not a
  // folder, when it is the file system root, the home folder, the current folder or one of its
  // parents (never replaced, even with replace_existing), or when the staging folder cannot be
  // created.
  StagedOutputDir(std::filesystem::path final_dir, bool replace_existing);
  // Removes the staging folder, and the parent folders the constructor created (when empty),
  // if commit() was not reached. Never throws.
  ~StagedOutputDir();
  StagedOutputDir(const StagedOutputDir&) = delete;
  StagedOutputDir& operator=(const StagedOutputDir&) = delete;

  const std::filesystem::path& staging() const { return staging_; }  // write files here
  const std::filesystem::path& final_dir() const { return final_dir_; }

  // Renames the staging folder to final_dir. An existing non-empty final_dir (allowed only with
  // replace_existing) is swapped out atomically where the file system supports it (Linux
  // renameat2 RENAME_EXCHANGE), otherwise moved aside first, then deleted. Throws OutputDirError
  // on failure (the staging folder is then removed by the destructor); std::logic_error if
  // called twice.
  void commit();

 private:
  void replace_existing_final();
  void remove_created_parents() noexcept;

  std::filesystem::path final_dir_;
  std::vector<std::filesystem::path> created_parents_;  // deepest first
  std::filesystem::path staging_;
  bool replace_existing_;
  bool committed_ = false;
};

// A default output folder: runs_root/<scenario file stem>-<YYYYmmdd-HHMMSS> (local time), with
// -2, -3... appended while the name is taken. Only picks a name; creates nothing.
std::filesystem::path default_run_dir(const std::filesystem::path& runs_root,
                                      const std::string& scenario_path);
// The same at a given time, so that tests do not depend on the clock.
std::filesystem::path default_run_dir(const std::filesystem::path& runs_root,
                                      const std::string& scenario_path, std::time_t now);

}  // namespace dsdsi
