#pragma once
// The command line: `dsdsi run`, `dsdsi validate`, `dsdsi params`. Commands return an exit code
// (0 ok, 2 bad input) and let ConfigError / OutputDirError propagate to main(), which maps
// them to exit code 2 and anything else to 1.
#include <string>
#include <vector>

namespace dsdsi::cli {

struct RunOptions {
  std::string scenario;
  std::vector<std::string> sets;          // --set PATH=VALUE
  std::string out_dir;                    // empty: a new folder under runs/
  bool force = false;                     // replace an existing non-empty --out
  std::vector<std::string> simgrid_args;  // --cfg=... / --log=..., passed to SimGrid untouched
  std::vector<std::string> command_line;  // for run.json
};

int run_command(const RunOptions& options);
int validate_command(const RunOptions& options);
int params_command();

// Parses argv and runs the chosen command.
int dispatch(int argc, char** argv);

}  // namespace dsdsi::cli
