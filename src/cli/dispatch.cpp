#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/config_error.hpp"

namespace dsdsi::cli {

namespace {

// SimGrid's own options (--cfg=name:value, --log=...) go to the engine untouched; CLI11 would
// reject them, and SimGrid would swallow --help, so they are split off first.
bool is_simgrid_arg(const std::string& arg) {
  return arg.rfind("--cfg=", 0) == 0 || arg.rfind("--log=", 0) == 0;
}

// `--set network.rtt_ms 80` would reach CLI11 as an option and a stray positional ("argument
// was not expected: 80"); the form is explained instead. Returns the problems found.
std::vector<std::string> set_without_equals(const std::vector<std::string>& args) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string value;
    if (args[i] == "--set" && i + 1 < args.size()) {
      value = args[i + 1];
    } else if (args[i].rfind("--set=", 0) == 0) {
      value = args[i].substr(6);
    } else {
      continue;
    }
    if (value.find('=') != std::string::npos || value.rfind("-", 0) == 0) continue;
    std::string given = "--set " + value;
    std::string example = value + "=VALUE";
    if (args[i] == "--set" && i + 2 < args.size() && args[i + 2].rfind("-", 0) != 0) {
      given += " " + args[i + 2];
      example = value + "=" + args[i + 2];
    }
    problems.push_back(given + ": --set takes PATH=VALUE as one argument, e.g. --set " + example);
  }
  return problems;
}

}  // namespace

void add_scenario_args(CLI::App* command, ScenarioArgs& args) {
  command->add_option("SCENARIO", args.scenario, "scenario JSON file")->required();
  command
      ->add_option("--set", args.sets,
                   "override a key by its dotted path, e.g. --set network.rtt_ms=80 "
                   "(VALUE is parsed as JSON, else taken as a string); repeatable")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

int dispatch(int argc, char** argv) {
  Invocation invocation;
  std::vector<std::string> cli_args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    (is_simgrid_arg(arg) ? invocation.simgrid_args : cli_args).push_back(arg);
    invocation.command_line.push_back(arg);
  }

  CLI::App app{
      "dsdsi: discrete-event simulation of edge-cloud speculative decoding on SimGrid.\n"
      "Docs: README.md, docs/scenario.md (every scenario key), docs/model.md (the model)."};
  app.name("dsdsi");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dsdsi ") + DSDSI_VERSION);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "log what dsdsi does, step by step, on stderr");
  // Global flags (-v, --version) are accepted after the subcommand too: CLI11 hands what a
  // subcommand does not know to its parent.
  app.fallthrough();

  const std::vector<Command> commands = {
      add_run_command(app, invocation),
      add_validate_command(app, invocation),
      add_params_command(app, invocation),
      add_sweep_command(app, invocation),
      add_merge_command(app, invocation),
      add_analyze_command(app, invocation),
      add_capacity_command(app, invocation),
      add_platform_command(app, invocation),
      add_new_command(app, invocation),
  };

  if (auto problems = set_without_equals(cli_args); !problems.empty()) {
    throw ConfigError(problems);
  }
  try {
    std::reverse(cli_args.begin(), cli_args.end());  // CLI11 takes them in reverse order
    app.parse(cli_args);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  // Diagnostics go to stderr, so that stdout carries only results.
  spdlog::set_default_logger(spdlog::stderr_color_st("dsdsi"));
  spdlog::set_pattern("[dsdsi %l] %v");
  spdlog::set_level(verbose ? spdlog::level::info : spdlog::level::warn);
  for (const auto& command : commands) {
    if (*command.app) return command.run();
  }
  return 2;  // unreachable: require_subcommand(1)
}

}  // namespace dsdsi::cli
