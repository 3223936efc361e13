#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/run_outputs.hpp"
#include "dsdsi/config/device_memory_param.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/radio_param.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/metrics/csv_sink.hpp"
#include "dsdsi/metrics/fanout_sink.hpp"
#include "dsdsi/metrics/human_summary.hpp"
#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/radio_sink.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"
#include "dsdsi/metrics/summary.hpp"
#include "dsdsi/metrics/timeline_sink.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/model/radio_presets.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "dsdsi/sim/simulation.hpp"

namespace dsdsi::cli {

namespace {

// The closed-form per-token time, when docs/model.md's one-client, no-queueing assumptions hold.
void print_closed_form(const Scenario& s, const nlohmann::ordered_json& summary) {
  if (s.workload.clients != 1 || closed_form::not_applicable(s) ||
      s.network.model != NetworkModel::exact || summary["tpot_ms_mean"].is_null()) {
    return;
  }
  const double predicted = closed_form::tpot(s.mode, closed_form::inputs_for(s));
  std::printf("closed-form tpot (one client, steady state): %.4f ms (simulated mean %.4f ms)\n",
              predicted, summary["tpot_ms_mean"].get<double>());
}

struct RunOptions {
  ScenarioArgs args;
  std::string out_dir;  // empty: a new folder under runs/
  bool force = false;   // replace an existing non-empty --out
};

// Each client's radio: its platform host's radio property, or its class's (`edge.radio`,
// `edge.devices[].radio`).
std::vector<std::optional<RadioParams>> client_radios(const Scenario& s,
                                                      const PlatformLayout& layout) {
  std::vector<std::optional<RadioParams>> radios;
  for (const ClientPlacement& place : layout.clients) {
    std::optional<RadioParams> radio;
    if (!place.radio.empty()) {
      radio = radio_preset(place.radio);
    } else if (s.edge.devices.empty()) {
      radio = radio_of(s.edge.radio);
    }
    for (const DeviceClass& c : s.edge.devices) {
      if (c.name == place.device_class) radio = radio_of(c.radio);
    }
    radios.push_back(radio);
  }
  return radios;
}

// Some device class limits the context its memory holds (`kv_bytes_per_token`).
bool has_context_limit(const Scenario& s) {
  bool limited = context_capacity_tokens(s.edge.memory).has_value();
  for (const DeviceClass& c : s.edge.devices) {
    limited = limited || context_capacity_tokens(c.memory).has_value();
  }
  return limited;
}

int run(const RunOptions& options, const Invocation& invocation) {
  const auto started = std::chrono::steady_clock::now();
  const LoadedScenario loaded =
      load_scenario(options.args.scenario, parse_overrides(options.args.sets));
  const Scenario& s = loaded.scenario;
  spdlog::info("{}: mode {}, {} client(s), seed {}", options.args.scenario, to_string(s.mode),
               s.workload.clients, s.seed);
  // The platform is built (and checked) before anything is written: bad input leaves no trace.
  Simulation simulation(s, invocation.simgrid_args);
  simulation.check_actor_budget();
  spdlog::info("platform ready: {} server(s), {} client(s)", simulation.layout().servers.size(),
               simulation.layout().clients.size());
  const std::filesystem::path out_dir = options.out_dir.empty()
                                            ? default_run_dir("runs", options.args.scenario)
                                            : std::filesystem::path(options.out_dir);
  StagedOutputDir out(out_dir, options.force);
  if (options.force && std::filesystem::exists(out_dir)) {
    spdlog::warn("--force: {} will be replaced when the run succeeds", out_dir.string());
  }

  std::vector<std::optional<RadioParams>> radios = client_radios(s, simulation.layout());
  const bool with_radio = std::any_of(radios.begin(), radios.end(),
                                      [](const auto& radio) { return radio.has_value(); });
  const bool local_fallback = s.edge.on_failure == kOnFailureLocal;
  CsvSink csv(out.staging(), MeasureWindow::of(s.measure), with_radio, local_fallback);
  SummaryAccumulator summary_records(s.measure, has_context_limit(s), local_fallback);
  std::vector<RecordSink*> sinks{&csv, &summary_records};
  std::unique_ptr<TimelineSink> timeline;
  const bool timeline_deliveries = local_fallback || simulation.network_can_fail();
  if (s.measure.timeline_ms > 0) {
    timeline = std::make_unique<TimelineSink>(
        s.measure, uses_cloud(s.mode) ? simulation.layout().servers.size() : 0, local_fallback,
        timeline_deliveries);
    sinks.push_back(timeline.get());
  }
  // Each reply's arrival is kept per request only for the sinks that read it.
  simulation.keep_reply_times(with_radio || (timeline && timeline_deliveries));
  FanoutSink fanout(sinks);
  // Fills each ClientRecord's radio before the other sinks see it.
  RadioSink sink(std::move(radios), fanout);
  const double makespan_ms = simulation.run(sink);
  csv.close();
  if (timeline) timeline->write(out.staging() / "timeline.csv", makespan_ms);
  const nlohmann::ordered_json summary = summary_records.finish(makespan_ms);
  write_json_file(out.staging() / "summary.json", summary);

  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_json_file(out.staging() / "run.json",
                  run_facts(invocation, options.args.scenario, loaded, wall_s));
  out.commit();
  spdlog::info("simulated {:.3f} s in {:.3f} s wall", makespan_ms / 1e3, wall_s);

  std::printf("dsdsi run %s: mode %s, %lld client(s), seed %llu\n", options.args.scenario.c_str(),
              std::string(to_string(s.mode)).c_str(), static_cast<long long>(s.workload.clients),
              static_cast<unsigned long long>(s.seed));
  std::fputs(format_human_summary(summary).c_str(), stdout);
  print_closed_form(s, summary);
  std::printf("wrote %s (%.2f s wall)\n", out.final_dir().c_str(), wall_s);
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app, const Invocation& invocation) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Run one simulation and write summary.json, requests.csv, rounds.csv, servers.csv, "
      "clients.csv, timeline.csv (unless measure.timeline_ms is 0) and run.json into the output "
      "folder.\n"
      "Example: dsdsi run scenarios/quickstart.json --set network.rtt_ms=80 --out runs/rtt80\n"
      "SimGrid options (--cfg=..., --log=...) are passed to the engine.");
  add_scenario_args(command, options->args);
  command->add_option("--out", options->out_dir,
                      "output folder (default: a new folder runs/<scenario>-<date>-<time>); "
                      "must not exist or be empty unless --force");
  command->add_flag("--force", options->force, "replace the output folder if it exists");
  return {command, [options, &invocation] { return run(*options, invocation); }};
}

}  // namespace dsdsi::cli
