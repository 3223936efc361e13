#pragma once
// The SimGrid options a user passes through (--cfg=KEY:VALUE, --log=...). dsdsi sets some
// SimGrid keys itself from scenario keys (the network model); a --cfg of one of those would be
// silently overridden, so it is reported with the scenario key to use instead. An unknown key
// is bad input, reported in one line (SimGrid itself would print every option and exit 1).
#include <string>
#include <vector>

namespace dsdsi {

struct SimgridOptions {
  std::vector<std::string> engine_args;  // --log=... and other arguments for the Engine itself
  std::vector<std::string> config;       // the KEY:VALUE of each --cfg= dsdsi leaves to SimGrid
  std::vector<std::string> warnings;     // one per --cfg that dsdsi overrides
};

// Sorts `args` (as given on the command line) into what the engine takes, what is set once
// it exists, and what dsdsi overrides. Needs no engine.
SimgridOptions sort_simgrid_options(const std::vector<std::string>& args);

// Applies the --cfg settings to the running engine, checking every key first: a key SimGrid
// does not know, or a value it refuses, throws ConfigError naming the argument (one line each,
// with a "did you mean" when a known key is close). Logs the warnings.
void apply_simgrid_config(const SimgridOptions& options);

// For commands that run no engine of their own (sweep, capacity) but hand the options to every
// point: checks them once, up front, in a throwaway engine, so that a typo is one error rather
// than a failure of every point. Does nothing when there is no --cfg.
void check_simgrid_options(const std::vector<std::string>& args);

}  // namespace dsdsi
