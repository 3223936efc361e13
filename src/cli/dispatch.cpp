#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "dsdsi/cli/commands.hpp"

namespace dsdsi::cli {

namespace {

// SimGrid's own options (--cfg=name:value, --log=...) go to the engine untouched; CLI11 would
// reject them, and SimGrid would swallow --help (SIMGRID_NOTES.md), so they are split off first.
bool is_simgrid_arg(const std::string& arg) {
  return arg.rfind("--cfg=", 0) == 0 || arg.rfind("--log=", 0) == 0;
}

void add_scenario_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("SCENARIO", o.scenario, "scenario JSON file")->required();
  cmd->add_option("--set", o.sets,
                  "override a key by its dotted path, e.g. --set network.rtt_ms=80 "
                  "(VALUE is parsed as JSON, else taken as a string); repeatable")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

}  // namespace

int dispatch(int argc, char** argv) {
  RunOptions options;
  std::vector<std::string> cli_args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    (is_simgrid_arg(arg) ? options.simgrid_args : cli_args).push_back(arg);
    options.command_line.push_back(arg);
  }

  CLI::App app{
      "dsdsi: discrete-event simulation of edge-cloud speculative decoding on SimGrid.\n"
      "Docs: docs/scenario.md (every scenario key), shared MODEL.md (the model)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("dsdsi ") + DSDSI_VERSION);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "log what dsdsi does, step by step, on stderr");

  auto* run = app.add_subcommand(
      "run",
      "Run one simulation and write summary.json, requests.csv, rounds.csv, clients.csv "
      "and run.json into the output folder.\n"
      "Example: dsdsi run scenarios/quickstart.json --set network.rtt_ms=80 --out runs/rtt80\n"
      "SimGrid options (--cfg=..., --log=...) are passed to the engine.");
  add_scenario_options(run, options);
  run->add_option("--out", options.out_dir,
                  "output folder (default: a new folder runs/<scenario>-<date>-<time>); "
                  "must not exist or be empty unless --force");
  run->add_flag("--force", options.force, "replace the output folder if it exists");

  auto* validate = app.add_subcommand(
      "validate",
      "Check a scenario and its platform without running it; lists every problem.\n"
      "Example: dsdsi validate scenarios/quickstart.json --set speculation.gamma=8");
  add_scenario_options(validate, options);

  app.add_subcommand("params",
                     "Print every scenario key with its type, unit, default and valid values, as\n"
                     "the Markdown of docs/scenario.md. Example: dsdsi params > docs/scenario.md");

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
  if (*run) return run_command(options);
  if (*validate) return validate_command(options);
  return params_command();
}

}  // namespace dsdsi::cli
