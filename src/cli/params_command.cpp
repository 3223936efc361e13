#include <CLI/CLI.hpp>
#include <cstdio>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/parameter_table.hpp"

namespace dsdsi::cli {

Command add_params_command(CLI::App& app, const Invocation& /*invocation*/) {
  CLI::App* command = app.add_subcommand(
      "params",
      "Print every scenario key with its type, unit, default and valid values, as\n"
      "the Markdown of docs/scenario.md. Example: dsdsi params > docs/scenario.md");
  return {command, [] {
            std::fputs(scenario_reference_markdown().c_str(), stdout);
            return 0;
          }};
}

}  // namespace dsdsi::cli
