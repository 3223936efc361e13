#pragma once
// The command line. Each command lives in its own file and registers itself on the CLI11 app
// with an add_<name>_command() function; dispatch() lists them, parses, and runs the chosen one.
// Commands return an exit code (0 ok, 2 bad input) and let ConfigError / OutputDirError
// propagate to main(), which maps them to exit code 2 and anything else to 1.
#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace dsdsi::cli {

// What every command may need from the process's command line.
struct Invocation {
  std::vector<std::string> simgrid_args;  // --cfg=... / --log=..., passed to SimGrid untouched
  std::vector<std::string> command_line;  // all arguments, for run.json
};

struct Command {
  CLI::App* app = nullptr;   // the subcommand, to ask whether it was chosen
  std::function<int()> run;  // runs it, once the command line is parsed
};

// A scenario file and its --set overrides: the arguments of every command that reads one.
struct ScenarioArgs {
  std::string scenario;
  std::vector<std::string> sets;
};
void add_scenario_args(CLI::App* command, ScenarioArgs& args);

Command add_run_command(CLI::App& app, const Invocation& invocation);
Command add_validate_command(CLI::App& app, const Invocation& invocation);
Command add_params_command(CLI::App& app, const Invocation& invocation);
Command add_sweep_command(CLI::App& app, const Invocation& invocation);
Command add_merge_command(CLI::App& app, const Invocation& invocation);
Command add_analyze_command(CLI::App& app, const Invocation& invocation);
Command add_capacity_command(CLI::App& app, const Invocation& invocation);
Command add_platform_command(CLI::App& app, const Invocation& invocation);
Command add_new_command(CLI::App& app, const Invocation& invocation);

// Parses argv and runs the chosen command.
int dispatch(int argc, char** argv);

}  // namespace dsdsi::cli
