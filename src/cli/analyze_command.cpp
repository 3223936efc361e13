// dsdsi analyze: what the model's closed forms predict for a scenario's parameters, without
// simulating: each mode's per-token time, where DSD stops paying, the best gamma, the
// pipelining window and the capacity ratio.
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>

#include "dsdsi/cli/analyze_output.hpp"
#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/model/closed_form_analysis.hpp"

namespace dsdsi::cli {
namespace {

namespace cf = closed_form;
using nlohmann::ordered_json;

struct AnalyzeOptions {
  ScenarioArgs args;
  bool json = false;
};

// Where the scenario leaves the closed forms' assumptions (one client, steady state, no
// queueing, a transfer = latency + size / bandwidth): the numbers are then a reference, not a
// prediction.
std::vector<std::string> caveats(const Scenario& s) {
  std::vector<std::string> notes;
  if (s.workload.clients > 1) {
    notes.push_back(std::to_string(s.workload.clients) +
                    " clients share the verifier: queueing and batching make simulated times "
                    "longer than these one-client forms");
  }
  if (s.network.model != NetworkModel::exact) {
    notes.push_back(
        "network.model is tcp: SimGrid's TCP model stretches latency (about 13x) "
        "beyond the RTT these forms use");
  }
  return notes;
}

void print_text(const std::string& scenario, const cf::Analysis& a,
                const std::vector<std::string>& notes) {
  const cf::Inputs& in = a.inputs;
  std::printf(
      "dsdsi analyze %s: the closed forms of docs/model.md (one client, steady state, "
      "no queueing)\n",
      scenario.c_str());
  std::printf(
      "inputs: alpha %g, gamma %d, t_de %g ms, t_dc %g ms, t_v %g ms, t_ar %g ms, "
      "RTT %g ms, ser %.4f ms\n",
      in.alpha, in.gamma, in.t_de, in.t_dc, in.t_v, in.t_ar, in.rtt, in.ser);
  std::printf("expected tokens per round E      %.4f\n", a.expected_tokens_per_round);
  std::printf("per-token time (ms)\n");
  for (const auto& [mode, tpot] : a.tpot_ms) {
    std::printf("  %-15s %10.4f\n", std::string(to_string(mode)).c_str(), tpot);
  }
  std::printf("break-even RTT (the other parameters fixed)\n");
  std::printf("  dsd_sync beats cloud_ar          %s\n",
              break_even_text(a.sync_beats_cloud_ar_below_rtt_ms).c_str());
  std::printf("  dsd_sync beats colocated_sd      %s\n",
              break_even_text(a.sync_beats_colocated_below_rtt_ms).c_str());
  std::printf("  dsd_pipelined beats cloud_ar     %s\n",
              break_even_text(a.pipelined_beats_cloud_ar_below_rtt_ms).c_str());
  std::printf("  dsd_pipelined beats colocated_sd %s\n",
              break_even_text(a.pipelined_beats_colocated_below_rtt_ms).c_str());
  std::printf("optimal gamma for dsd_sync at RTT %g ms: %d (per-token %.4f ms, ser taken as 0)\n",
              in.rtt, a.optimal_gamma_sync, a.tpot_ms_at_optimal_gamma);
  std::printf(
      "pipelining window (gamma+1) t_de: %.4f ms; a window's round trip is hidden when "
      "RTT <= %.4f ms\n",
      a.pipelining_window_ms, a.pipelining_hides_rtt_up_to_ms);
  std::printf(
      "capacity ratio DSD / co-located SD (serial verifier): %.4f (saturated: %.1f vs "
      "%.1f tokens/s)\n",
      a.capacity_ratio, a.saturated_dsd_tokens_per_s, a.saturated_colocated_tokens_per_s);
  for (const auto& note : notes) std::printf("note: %s\n", note.c_str());
}

ordered_json rtt_json(std::optional<double> rtt) {
  if (!rtt) return "never";
  if (std::isinf(*rtt)) return "always";
  return *rtt;
}

}  // namespace

std::string break_even_text(std::optional<double> rtt) {
  if (!rtt) return "never (not even at RTT 0)";
  if (std::isinf(*rtt)) return "at every RTT";
  char text[64];
  std::snprintf(text, sizeof text, "below %.2f ms", *rtt);
  return text;
}

ordered_json analysis_json(const cf::Analysis& a) {
  const cf::Inputs& in = a.inputs;
  ordered_json out;
  out["inputs"] = {{"alpha", in.alpha},  {"gamma", in.gamma}, {"t_de_ms", in.t_de},
                   {"t_dc_ms", in.t_dc}, {"t_v_ms", in.t_v},  {"t_ar_ms", in.t_ar},
                   {"rtt_ms", in.rtt},   {"ser_ms", in.ser}};
  out["expected_tokens_per_round"] = a.expected_tokens_per_round;
  for (const auto& [mode, tpot] : a.tpot_ms) out["tpot_ms"][std::string(to_string(mode))] = tpot;
  out["dsd_sync_beats_cloud_ar_below_rtt_ms"] = rtt_json(a.sync_beats_cloud_ar_below_rtt_ms);
  out["dsd_sync_beats_colocated_sd_below_rtt_ms"] = rtt_json(a.sync_beats_colocated_below_rtt_ms);
  out["dsd_pipelined_beats_cloud_ar_below_rtt_ms"] =
      rtt_json(a.pipelined_beats_cloud_ar_below_rtt_ms);
  out["dsd_pipelined_beats_colocated_sd_below_rtt_ms"] =
      rtt_json(a.pipelined_beats_colocated_below_rtt_ms);
  out["optimal_gamma_dsd_sync"] = a.optimal_gamma_sync;
  out["tpot_ms_dsd_sync_at_optimal_gamma"] = a.tpot_ms_at_optimal_gamma;
  out["pipelining_window_ms"] = a.pipelining_window_ms;
  out["pipelining_hides_rtt_up_to_ms"] = a.pipelining_hides_rtt_up_to_ms;
  out["capacity_ratio"] = a.capacity_ratio;
  out["saturated_throughput_tokens_per_s"] = {{"dsd", a.saturated_dsd_tokens_per_s},
                                              {"colocated_sd", a.saturated_colocated_tokens_per_s}};
  return out;
}

namespace {

int analyze(const AnalyzeOptions& options, const Invocation& invocation) {
  const LoadedScenario loaded =
      load_scenario(options.args.scenario, parse_overrides(options.args.sets));
  const Scenario& s = loaded.scenario;
  if (!s.platform_file.empty()) {
    return analyze_platform_routes(options.args.scenario, s, options.json,
                                   invocation.simgrid_args);
  }
  if (const auto reason = cf::not_applicable(s)) {
    throw ConfigError({options.args.scenario + ": the closed forms do not apply: " + *reason});
  }
  const cf::Analysis analysis = cf::analyze(cf::inputs_for(s));
  const auto notes = caveats(s);
  if (options.json) {
    ordered_json out = analysis_json(analysis);
    out["notes"] = notes;
    std::puts(out.dump(2).c_str());
  } else {
    print_text(options.args.scenario, analysis, notes);
  }
  return 0;
}

}  // namespace

Command add_analyze_command(CLI::App& app, const Invocation& invocation) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* command = app.add_subcommand(
      "analyze",
      "Print what the model's closed forms (docs/model.md) predict for the scenario's\n"
      "parameters, without simulating: every mode's per-token time, the RTT below which DSD\n"
      "beats cloud AR (and co-located SD), the optimal gamma, the pipelining window and the\n"
      "capacity ratio. On a platform file: the same for each edge host's route.\n"
      "Example: dsdsi analyze scenarios/quickstart.json --set network.rtt_ms=80 --json\n"
      "         dsdsi analyze scenarios/modes_over_access_networks.json");
  add_scenario_args(command, options->args);
  command->add_flag("--json", options->json, "print one JSON object instead of text");
  return {command, [options, &invocation] { return analyze(*options, invocation); }};
}

}  // namespace dsdsi::cli
