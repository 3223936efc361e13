// `dsdsi platform inspect FILE`: loads a platform XML exactly as a run does (same engine set-up,
// same network model, same checks: src/sim/platform_file.cpp), then lists its hosts and what
// each edge host's route to the cloud gives it. It is stricter than a run in two ways: errors
// that SimGrid throws while loading other than its ParseError (a duplicate host, a route naming
// an unknown link) are bad input here, not an internal error; and links a run cannot use (WiFi,
// zero bandwidth, negative latency) are problems (platform_inspection.cpp).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <simgrid/Exception.hpp>
#include <stdexcept>
#include <string>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/platform_inspection.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/sim/simulation.hpp"

namespace dsdsi::cli {

namespace {

struct InspectArgs {
  std::string file;
  bool json = false;
};

int inspect(const InspectArgs& args, const Invocation& invocation) {
  // A relative path is looked for where a scenario's "platform" would be (the current folder,
  // then the dsdsi source tree), so `dsdsi platform inspect platforms/mobile-4g.xml` works
  // from anywhere.
  const auto found = find_readable_file(args.file, platform_search_dirs(std::filesystem::path()));
  if (!found.path) throw ConfigError({args.file + ": " + found.problem});

  Scenario scenario;  // only what building the platform reads
  scenario.platform_file = found.path->string();
  scenario.network.model = NetworkModel::exact;
  scenario.workload.clients = kClientsToListEdgeHosts;
  // SimGrid's warnings (a unit-less latency read as seconds, ...) are worth seeing here; a
  // --log= given on the command line comes later and wins.
  // The energy plugin warns about every host without wattage: that is no problem of the file.
  std::vector<std::string> simgrid_args{"--log=root.thres:warning",
                                        "--log=host_energy.thres:error"};
  simgrid_args.insert(simgrid_args.end(), invocation.simgrid_args.begin(),
                      invocation.simgrid_args.end());
  std::unique_ptr<Simulation> simulation;
  try {
    simulation = std::make_unique<Simulation>(scenario, simgrid_args);
  } catch (const simgrid::Exception& e) {  // e.g. "Refusing to create a second host named ..."
    throw ConfigError({scenario.platform_file + ": SimGrid rejects it: " + e.what()});
  } catch (const std::invalid_argument& e) {  // e.g. "Link not found: ..." in a <route>
    throw ConfigError({scenario.platform_file + ": SimGrid rejects it: " + e.what()});
  }

  PlatformFacts facts = inspect_platform(scenario.platform_file, simulation->layout());
  for (const auto& warning : facts.warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
  const std::string text = args.json ? platform_facts_json(facts) : platform_facts_table(facts);
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace

Command add_platform_command(CLI::App& app, const Invocation& invocation) {
  CLI::App* platform =
      app.add_subcommand("platform",
                         "Work with SimGrid platform XMLs (docs/platforms.md).\n"
                         "Example: dsdsi platform inspect platforms/mobile-4g.xml");
  platform->require_subcommand(1);
  auto args = std::make_shared<InspectArgs>();
  CLI::App* command = platform->add_subcommand(
      "inspect",
      "Load a platform XML the way a run does, check it, and list its hosts with their roles "
      "and, for each edge host, the RTT to the (first) cloud host and the bottleneck bandwidth "
      "of its route each way. Exit 0 when dsdsi can run on it, 2 with one line per problem "
      "(file:line) when not.\n"
      "Example: dsdsi platform inspect platforms/home-broadband.xml\n"
      "         dsdsi platform inspect my-platform.xml --json");
  command->add_option("FILE", args->file, "platform XML (SimGrid format 4.1)")->required();
  command->add_flag("--json", args->json, "print the facts as JSON instead of a table");
  return {platform, [args, &invocation] { return inspect(*args, invocation); }};
}

}  // namespace dsdsi::cli
