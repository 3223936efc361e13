// simgrid/version.h needs the macros that the s4u headers define, so it comes second.
// clang-format off
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/version.h>
// clang-format on

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/metrics/csv_sink.hpp"
#include "dsdsi/metrics/fanout_sink.hpp"
#include "dsdsi/metrics/human_summary.hpp"
#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"
#include "dsdsi/metrics/summary.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/sim/simulation.hpp"

namespace dsdsi::cli {

namespace {

std::string simgrid_version() {
  int major = 0, minor = 0, patch = 0;
  sg_version_get(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string();
}

// Where each client sits: a fact of the platform that the simulation used, hence an output.
void write_clients_csv(const std::filesystem::path& file, const PlatformLayout& layout) {
  std::ofstream out(file);
  out << "client,host,rtt_ms,draft_ms_per_token\n";
  char line[512];
  for (std::size_t c = 0; c < layout.clients.size(); ++c) {
    const auto& p = layout.clients[c];
    std::snprintf(line, sizeof(line), "%zu,%s,%.6f,%.6f\n", c, p.host->get_cname(), p.rtt_ms,
                  p.draft_ms_per_token);
    out << line;
  }
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// The closed-form per-token time, when MODEL.md's one-client, no-queueing assumptions hold.
void print_closed_form(const Scenario& s, const nlohmann::ordered_json& summary) {
  if (s.workload.clients != 1 || !s.platform_file.empty() ||
      s.network.model != NetworkModel::exact || summary["tpot_ms_mean"].is_null()) {
    return;
  }
  const double predicted = closed_form::tpot(s.mode, closed_form::inputs_for(s));
  std::printf("closed-form tpot (one client, steady state): %.4f ms (simulated mean %.4f ms)\n",
              predicted, summary["tpot_ms_mean"].get<double>());
}

}  // namespace

int run_command(const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const LoadedScenario loaded = load_scenario(options.scenario, parse_overrides(options.sets));
  const Scenario& s = loaded.scenario;
  // The platform is built (and checked) before anything is written: bad input leaves no trace.
  Simulation simulation(s, options.simgrid_args);
  StagedOutputDir out(options.out_dir.empty() ? default_run_dir("runs", options.scenario)
                                              : std::filesystem::path(options.out_dir),
                      options.force);

  CsvSink csv(out.staging());
  SummaryAccumulator summary_records;
  FanoutSink sink({&csv, &summary_records});
  const double makespan_ms = simulation.run(sink);
  csv.close();
  const nlohmann::ordered_json summary = summary_records.finish(makespan_ms);
  write_json_file(out.staging() / "summary.json", summary);
  write_clients_csv(out.staging() / "clients.csv", simulation.layout());

  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  nlohmann::ordered_json facts;
  facts["tool"] = "dsdsi";
  facts["version"] = DSDSI_VERSION;
  facts["simgrid_version"] = simgrid_version();
  facts["seed"] = s.seed;
  facts["scenario_file"] = options.scenario;
  facts["command_line"] = options.command_line;
  facts["host"] = host_name();
  facts["wall_time_s"] = wall_s;
  facts["scenario"] = loaded.resolved;
  write_json_file(out.staging() / "run.json", facts);
  out.commit();

  std::printf("dsdsi run %s: mode %s, %lld client(s), seed %llu\n", options.scenario.c_str(),
              std::string(to_string(s.mode)).c_str(), static_cast<long long>(s.workload.clients),
              static_cast<unsigned long long>(s.seed));
  std::fputs(format_human_summary(summary).c_str(), stdout);
  print_closed_form(s, summary);
  std::printf("wrote %s (%.2f s wall)\n", out.final_dir().c_str(), wall_s);
  return 0;
}

int validate_command(const RunOptions& options) {
  const LoadedScenario loaded = load_scenario(options.scenario, parse_overrides(options.sets));
  const Simulation simulation(loaded.scenario, options.simgrid_args);
  const auto& clients = simulation.layout().clients;
  double min_rtt = clients.front().rtt_ms, max_rtt = min_rtt;
  for (const auto& c : clients) {
    min_rtt = std::min(min_rtt, c.rtt_ms);
    max_rtt = std::max(max_rtt, c.rtt_ms);
  }
  std::printf("%s: ok (mode %s, %zu client(s), cloud host %s, client RTT %.3f..%.3f ms)\n",
              options.scenario.c_str(), std::string(to_string(loaded.scenario.mode)).c_str(),
              clients.size(), simulation.layout().cloud->get_cname(), min_rtt, max_rtt);
  return 0;
}

}  // namespace dsdsi::cli
