#pragma once
// Each sweep point runs `dsdsi run` in a process of its own: SimGrid allows one engine per
// process, and a point that crashes takes nothing else down. The child is
// this very binary (/proc/self/exe: the same build for every point, even if the file is
// replaced during the sweep), and it is killed if the sweep dies (PR_SET_PDEATHSIG), so a
// killed sweep leaves no orphan writing into its folder.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace dsdsi::cli {

// Starts `dsdsi <args...>` with stdin from /dev/null and stdout and stderr into `log_file`
// (created or truncated). Returns the child's process id; throws std::runtime_error when it
// cannot start.
pid_t start_dsdsi(const std::vector<std::string>& args, const std::filesystem::path& log_file);

struct ChildExit {
  pid_t pid = -1;
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  double cpu_s = 0;    // user + system CPU time the child used
  bool ok() const { return signal == 0 && exit_code == 0; }
  std::string describe() const;  // "exit code 2", "killed by signal 9 (Killed)"
};

// Waits for any child of this process to end. Throws std::runtime_error when there is none.
ChildExit wait_for_child();

// The line of a failed run's output that says why: the first "error: ..." or
// "internal error: ..." line (without "error: "), else the last non-empty line, else "".
std::string first_error_line(const std::filesystem::path& log_file);

}  // namespace dsdsi::cli
