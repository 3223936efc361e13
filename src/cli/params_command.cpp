#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/parameter_table.hpp"

namespace dsdsi::cli {
namespace {

struct ParamsOptions {
  std::string filter;
  bool json = false;
};

int params(const ParamsOptions& o) {
  if (o.filter.empty() && !o.json) {
    std::fputs(scenario_reference_markdown().c_str(), stdout);
    return 0;
  }
  const auto found = parameters_matching(o.filter);
  if (found.empty()) {
    std::vector<std::string> known;
    for (const auto& spec : parameter_table()) known.push_back(spec.path);
    throw ConfigError({"dsdsi params " + o.filter + ": no scenario key is or starts with \"" +
                       o.filter + "\"" + did_you_mean(o.filter, known)});
  }
  if (o.json) {
    std::puts(parameter_rows_json(found).dump(2).c_str());
  } else {
    std::fputs(parameter_rows_markdown(found).c_str(), stdout);
  }
  return 0;
}

}  // namespace

Command add_params_command(CLI::App& app, const Invocation& /*invocation*/) {
  auto o = std::make_shared<ParamsOptions>();
  CLI::App* command = app.add_subcommand(
      "params",
      "Print every scenario key with its type, unit, default and valid values, as\n"
      "the Markdown of docs/scenario.md; with KEY, only the keys that are or start with it.\n"
      "Example: dsdsi params > docs/scenario.md\n"
      "         dsdsi params network.rtt        # network.rtt_ms\n"
      "         dsdsi params cloud --json       # every cloud.* key, as a JSON array");
  command->add_option("KEY", o->filter,
                      "a dotted path or its beginning, e.g. network or cloud.max");
  command->add_flag("--json", o->json,
                    "print a JSON array of {path, type, unit, default, required, valid_values, "
                    "meaning}");
  return {command, [o] { return params(*o); }};
}

}  // namespace dsdsi::cli
