#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/config/sweep_plan.hpp"
#include "dsdsi/sim/simulation.hpp"

namespace dsdsi::cli {

namespace {

int validate(const ScenarioArgs& options, const Invocation& invocation) {
  const LoadedScenario loaded = load_scenario(options.scenario, parse_overrides(options.sets));
  // The sweep block too, with the sweep's own checks (axis names, zip lengths, every point's
  // scenario): `run` ignores the block, but a misspelt axis should not wait for `sweep`.
  std::size_t sweep_points = 0;
  if (loaded.resolved.contains("sweep")) {
    sweep_points = plan_sweep(options.scenario, options.sets).points.size();
  }
  const Simulation simulation(loaded.scenario, invocation.simgrid_args);
  simulation.check_actor_budget();
  const auto& clients = simulation.layout().clients;
  double min_rtt = clients.front().rtt_ms, max_rtt = min_rtt;
  for (const auto& c : clients) {
    min_rtt = std::min(min_rtt, c.rtt_ms);
    max_rtt = std::max(max_rtt, c.rtt_ms);
  }
  std::printf(
      "%s: ok (mode %s, %zu client(s), %zu server(s), first cloud host %s, client RTT %.3f..%.3f "
      "ms)\n",
      options.scenario.c_str(), std::string(to_string(loaded.scenario.mode)).c_str(),
      clients.size(), simulation.layout().servers.size(),
      simulation.layout().servers.front().host->get_cname(), min_rtt, max_rtt);
  if (sweep_points > 0) {
    std::printf("%s: sweep ok (%zu points, each point's scenario valid)\n",
                options.scenario.c_str(), sweep_points);
  }
  return 0;
}

}  // namespace

Command add_validate_command(CLI::App& app, const Invocation& invocation) {
  auto args = std::make_shared<ScenarioArgs>();
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check a scenario, its platform and its sweep block (every point) without running it;\n"
      "lists every problem.\n"
      "Example: dsdsi validate scenarios/quickstart.json --set speculation.gamma=8");
  add_scenario_args(command, *args);
  return {command, [args, &invocation] { return validate(*args, invocation); }};
}

}  // namespace dsdsi::cli
