#include "dsdsi/metrics/staged_output_dir.hpp"

#include <fcntl.h>   // AT_FDCWD
#include <signal.h>  // kill
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc, _GNU_SOURCE)
#include <cstdlib>
#include <regex>
#include <string>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace dsdsi {

std::string quoted_path(const fs::path& path) { return "'" + path.string() + "'"; }

namespace {

// "runs/x/" and "runs/x" must name the same folder, and its name must be non-empty to build the
// sibling staging name from.
fs::path without_trailing_separator(fs::path path) {
  path = path.lexically_normal();
  if (path.filename().empty() && path.has_relative_path()) path = path.parent_path();
  return path;
}

// --force replaces a folder wholesale. A mistyped --out (".", "..", "~", "/") must not delete
// the user's working tree or home folder: those are never an output folder.
void refuse_precious(const fs::path& final_dir) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(final_dir, ec), ec);
  if (ec) return;  // unresolvable (permissions...): the existence checks that follow decide
  const auto is = [&](const fs::path& other) {
    std::error_code other_ec;
    return !other.empty() && fs::equivalent(target, other, other_ec) && !other_ec;
  };
  bool precious = target == target.root_path();
  if (const char* home = std::getenv("HOME")) precious = precious || is(home);
  // The current folder and all its parents.
  for (fs::path dir = fs::current_path(ec); !ec && !precious; dir = dir.parent_path()) {
    precious = is(dir);
    if (dir == dir.root_path()) break;
  }
  if (precious) {
    throw OutputDirError("output folder " + quoted_path(final_dir) +
                         " is the root, home or current folder (or a parent of it); choose "
                         "another --out");
  }
}

// A hidden sibling of `final_dir` that does not exist yet, created here. The process id keeps
// concurrent runs apart; the counter, leftovers of a killed run with a recycled id.
fs::path create_sibling(const fs::path& final_dir, const char* kind) {
  const std::string prefix = "." + final_dir.filename().string() + "." + kind + "-" +
                             std::to_string(static_cast<long>(::getpid())) + "-";
  for (int attempt = 0;; ++attempt) {
    const fs::path candidate = final_dir.parent_path() / (prefix + std::to_string(attempt));
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) return candidate;
    if (ec || attempt >= 1000) {
      throw OutputDirError("cannot create folder " + quoted_path(candidate) + ": " +
                           (ec ? ec.message() : std::string("too many leftovers")));
    }
  }
}

// Hidden siblings that a killed dsdsi left behind (".NAME.staging-PID-N", ".NAME.old-PID-N"),
// removed before a new run of the same folder starts. Only folders that carry exactly that name,
// belong to this user, and whose process no longer exists: a running dsdsi's staging folder, or
// anything else in the parent folder, is never touched.
void remove_stale_siblings(const fs::path& final_dir) {
  const std::string name = final_dir.filename().string();
  const fs::path parent = final_dir.has_parent_path() ? final_dir.parent_path() : fs::path(".");
  std::error_code ec;
  static const std::regex suffix(R"((staging|old)-([0-9]{1,9})-[0-9]{1,9})");
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string file = entry.path().filename().string();
    const std::string prefix = "." + name + ".";
    std::smatch m;
    const std::string rest = file.rfind(prefix, 0) == 0 ? file.substr(prefix.size()) : "";
    if (!std::regex_match(rest, m, suffix)) continue;
    const auto pid = static_cast<pid_t>(std::stol(m[2].str()));
    if (pid == ::getpid() || (::kill(pid, 0) == 0 || errno != ESRCH))
      continue;  // alive (or unsure)
    struct stat info {};
    if (::lstat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
        info.st_uid != ::geteuid()) {
      continue;  // a symbolic link, a file, or someone else's
    }
    std::error_code removed;
    fs::remove_all(entry.path(), removed);
  }
}

bool is_non_empty_directory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && !fs::is_empty(path, ec);
}

// Swaps two paths atomically. False when the system or file system cannot (then nothing moved).
bool exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
  (void)a;
  (void)b;
  return false;
#endif
}

}  // namespace

StagedOutputDir::StagedOutputDir(fs::path final_dir, bool replace_existing)
    : final_dir_(without_trailing_separator(std::move(final_dir))),
      replace_existing_(replace_existing) {
  refuse_precious(final_dir_);
  std::error_code ec;
  const fs::file_status status = fs::status(final_dir_, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      throw OutputDirError("output folder " + quoted_path(final_dir_) +
                           " exists and is not a folder; choose another --out");
    }
    if (!replace_existing_ && is_non_empty_directory(final_dir_)) {
      throw OutputDirError("output folder " + quoted_path(final_dir_) +
                           " exists and is not empty; use --force to replace it, or choose "
                           "another --out");
    }
  }
  if (final_dir_.has_parent_path()) {
    // Remember the folders created here, so that a run that fails leaves none of them behind.
    for (fs::path dir = final_dir_.parent_path(); !dir.empty() && !fs::exists(dir, ec);
         dir = dir.parent_path()) {
      created_parents_.push_back(dir);
      if (dir == dir.parent_path()) break;
    }
    fs::create_directories(final_dir_.parent_path(), ec);
    if (ec) {
      remove_created_parents();
      throw OutputDirError("cannot create folder " + quoted_path(final_dir_.parent_path()) + ": " +
                           ec.message());
    }
  }
  remove_stale_siblings(final_dir_);
  try {
    staging_ = create_sibling(final_dir_, "staging");
  } catch (...) {
    remove_created_parents();
    throw;
  }
}

StagedOutputDir::~StagedOutputDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);  // best effort: a destructor must not throw
  remove_created_parents();
}

void StagedOutputDir::remove_created_parents() noexcept {
  // Deepest first; fs::remove leaves a folder that something else has filled meanwhile.
  for (const auto& dir : created_parents_) {
    std::error_code ec;
    fs::remove(dir, ec);
  }
  created_parents_.clear();
}

void StagedOutputDir::commit() {
  if (committed_) throw std::logic_error("StagedOutputDir::commit called twice");
  if (is_non_empty_directory(final_dir_)) {
    // Created or filled since the constructor checked, or replacement was asked for.
    if (!replace_existing_) {
      throw OutputDirError("output folder " + quoted_path(final_dir_) +
                           " appeared during the run and is not empty; use --force to replace "
                           "it, or choose another --out");
    }
    replace_existing_final();
  } else {
    // rename() also replaces an empty folder, atomically.
    std::error_code ec;
    fs::rename(staging_, final_dir_, ec);
    if (ec) {
      throw OutputDirError("cannot move " + quoted_path(staging_) + " to " +
                           quoted_path(final_dir_) + ": " + ec.message());
    }
  }
  committed_ = true;
}

void StagedOutputDir::replace_existing_final() {
  std::error_code ec;
  fs::path old_contents;
  if (exchange(staging_, final_dir_)) {
    old_contents = staging_;  // the swap left the previous output at the staging path
  } else {
    // Not atomic: for a moment final_dir does not exist, but it is never half-written.
    old_contents = create_sibling(final_dir_, "old");
    fs::rename(final_dir_, old_contents, ec);  // replaces the empty placeholder just created
    if (ec) {
      std::error_code ignored;
      fs::remove(old_contents, ignored);
      throw OutputDirError("cannot replace " + quoted_path(final_dir_) + ": " + ec.message());
    }
    fs::rename(staging_, final_dir_, ec);
    if (ec) {
      // Put the previous output back; if even that fails, it stays (hidden) in old_contents,
      // which the message names so nothing is lost.
      std::error_code ignored;
      fs::rename(old_contents, final_dir_, ignored);
      throw OutputDirError("cannot move " + quoted_path(staging_) + " to " +
                           quoted_path(final_dir_) + ": " + ec.message() +
                           " (previous contents in " + quoted_path(old_contents) +
                           " if not restored)");
    }
  }
  // The new output is in place; failing to delete the old one is not worth failing the run.
  fs::remove_all(old_contents, ec);
}

}  // namespace dsdsi
