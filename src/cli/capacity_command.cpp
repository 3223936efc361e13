// `dsdsi capacity`: the largest number of clients that meets every SLO, found by bisection, one
// simulation process per probe; per mode, with the modes' ratio.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "dsdsi/cli/capacity_search.hpp"
#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/point_process.hpp"
#include "dsdsi/cli/slo.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"

namespace dsdsi::cli {

namespace {

namespace fs = std::filesystem;

struct CapacityOptions {
  ScenarioArgs args;
  std::vector<std::string> slos;
  std::int64_t min_clients = 1;
  std::int64_t max_clients = 1024;
  std::string modes;  // comma-separated; empty: the scenario's mode
  std::string out_dir;
  bool force = false;
  bool keep_probes = false;
  int jobs = 0;  // 0: one per core
};

struct Probe {
  std::int64_t clients = 0;
  bool pass = false;
  nlohmann::json summary;
};

struct ModeSearch {
  std::string mode;
  CapacitySearch search;
  std::vector<Probe> probes;  // in the order they ran
  bool running = false;
};

std::vector<std::string> split_modes(const std::string& text, const std::string& scenario_mode) {
  std::vector<std::string> modes;
  std::stringstream in(text);
  std::string mode;
  while (std::getline(in, mode, ',')) modes.push_back(mode);
  if (modes.empty()) modes.push_back(scenario_mode);
  std::vector<std::string> problems;
  for (const auto& m : modes) {
    if (!parse_decoding_mode(m)) problems.push_back("--modes: unknown mode \"" + m + "\"");
  }
  if (!problems.empty()) throw ConfigError(problems);
  return modes;
}

void check_range(const CapacityOptions& o) {
  std::vector<std::string> problems;
  if (o.min_clients < 1) problems.push_back("--min: must be >= 1");
  if (o.max_clients < o.min_clients) problems.push_back("--max: must be >= --min");
  if (o.max_clients > limits::kMaxClients) {
    problems.push_back("--max: must be <= " + std::to_string(limits::kMaxClients) +
                       " (workload.clients' limit)");
  }
  if (o.jobs < 0) problems.push_back("--jobs: must be >= 1");
  if (!problems.empty()) throw ConfigError(problems);
}

// A probe's own folder keeps its summary; its traces are removed unless --keep-probes (a search
// at thousands of clients would otherwise write gigabytes).
void trim_probe(const fs::path& dir) {
  for (const char* file : {"requests.csv", "rounds.csv", "clients.csv", "servers.csv"}) {
    fs::remove(dir / file);
  }
}

void write_capacity_csv(const fs::path& file, const std::vector<ModeSearch>& searches,
                        const std::vector<Slo>& slos) {
  std::ofstream out(file);
  out << "mode,clients";
  for (const auto& slo : slos) out << ',' << slo.metric;
  out << ",pass,server_busy_fraction,throughput_tokens_per_s\n";
  const auto cell = [](const nlohmann::json& summary, const std::string& key) {
    const auto it = summary.find(key);
    return it == summary.end() || it->is_null() ? std::string() : it->dump();
  };
  for (const auto& s : searches) {
    for (const auto& p : s.probes) {
      out << s.mode << ',' << p.clients;
      for (const auto& slo : slos) out << ',' << cell(p.summary, slo.metric);
      out << ',' << (p.pass ? "true" : "false") << ',' << cell(p.summary, "server_busy_fraction")
          << ',' << cell(p.summary, "throughput_tokens_per_s") << '\n';
    }
  }
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void print_answer(const CapacityOptions& o, const std::vector<ModeSearch>& searches,
                  const std::vector<Slo>& slos) {
  std::printf("capacity of %s (clients %lld..%lld) under", o.args.scenario.c_str(),
              static_cast<long long>(o.min_clients), static_cast<long long>(o.max_clients));
  for (const auto& slo : slos) std::printf(" %s <= %g ms", slo.metric.c_str(), slo.max_value);
  std::printf(":\n");
  for (const auto& s : searches) {
    const auto c = s.search.capacity();
    if (!c) {
      std::printf("  %-14s none: %lld client(s) already miss the SLO\n", s.mode.c_str(),
                  static_cast<long long>(o.min_clients));
    } else {
      std::printf("  %-14s %s%lld clients\n", s.mode.c_str(), s.search.capped_at_max() ? ">= " : "",
                  static_cast<long long>(*c));
    }
  }
  const auto& first = searches.front();
  for (std::size_t i = 1; i < searches.size(); ++i) {
    const auto a = first.search.capacity(), b = searches[i].search.capacity();
    if (a && b) {
      std::printf("  %s / %s = %.3f\n", first.mode.c_str(), searches[i].mode.c_str(),
                  static_cast<double>(*a) / static_cast<double>(*b));
    }
  }
}

int capacity(const CapacityOptions& o, const Invocation& invocation) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<Slo> slos = parse_slos(o.slos);
  check_range(o);
  const std::vector<Override> overrides = parse_overrides(o.args.sets);
  const LoadedScenario base = load_scenario(o.args.scenario, overrides);
  std::vector<ModeSearch> searches;
  for (const auto& mode : split_modes(o.modes, std::string(to_string(base.scenario.mode)))) {
    // Every probe's scenario is checked before the first runs: bad input costs no simulation.
    for (const std::int64_t clients : {o.min_clients, o.max_clients}) {
      auto with = overrides;
      with.push_back({"mode", mode, "mode=" + mode, "--modes " + mode});
      with.push_back({"workload.clients", clients, "workload.clients=" + std::to_string(clients),
                      clients == o.min_clients ? "--min" : "--max"});
      load_scenario(o.args.scenario, with);
    }
    searches.push_back({mode, CapacitySearch(o.min_clients, o.max_clients), {}, false});
  }

  const fs::path out_dir =
      o.out_dir.empty() ? default_run_dir("runs", o.args.scenario) : fs::path(o.out_dir);
  StagedOutputDir out(out_dir, o.force);
  fs::create_directories(out.staging() / "probes");
  const int jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());

  // Modes are searched side by side, one probe per mode at a time (bisection is sequential).
  std::map<pid_t, std::pair<std::size_t, std::int64_t>> running;  // pid -> (search, clients)
  const auto probe_dir = [&](std::size_t s, std::int64_t clients) {
    return out.staging() / "probes" / (searches[s].mode + "-" + std::to_string(clients));
  };
  for (;;) {
    for (std::size_t s = 0; s < searches.size() && static_cast<int>(running.size()) < jobs; ++s) {
      const auto next = searches[s].search.next_probe();
      if (searches[s].running || !next) continue;
      std::vector<std::string> args{"run", o.args.scenario, "--out", probe_dir(s, *next).string(),
                                    "--force"};
      for (const auto& set : o.args.sets) args.insert(args.end(), {"--set", set});
      args.insert(args.end(), {"--set", "mode=" + searches[s].mode, "--set",
                               "workload.clients=" + std::to_string(*next)});
      args.insert(args.end(), invocation.simgrid_args.begin(), invocation.simgrid_args.end());
      const fs::path log =
          out.staging() / "probes" / (searches[s].mode + "-" + std::to_string(*next) + ".log");
      running[start_dsdsi(args, log)] = {s, *next};
      searches[s].running = true;
      spdlog::info("probe {} with {} clients", searches[s].mode, *next);
    }
    if (running.empty()) break;
    const ChildExit exit = wait_for_child();
    const auto [s, clients] = running.at(exit.pid);
    running.erase(exit.pid);
    searches[s].running = false;
    const fs::path log =
        out.staging() / "probes" / (searches[s].mode + "-" + std::to_string(clients) + ".log");
    if (!exit.ok()) {
      // The scenario was validated above, so a failing probe is not bad input.
      throw std::runtime_error("probe " + searches[s].mode + " with " + std::to_string(clients) +
                               " clients failed (" + exit.describe() +
                               "): " + first_error_line(log));
    }
    Probe probe{clients, true, nlohmann::json()};
    std::ifstream in(probe_dir(s, clients) / "summary.json");
    probe.summary = nlohmann::json::parse(in);
    for (const auto& slo : slos) probe.pass = probe.pass && meets(slo, probe.summary);
    if (!o.keep_probes) trim_probe(probe_dir(s, clients));
    searches[s].search.record(clients, probe.pass);
    searches[s].probes.push_back(std::move(probe));
  }

  write_capacity_csv(out.staging() / "capacity.csv", searches, slos);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  nlohmann::ordered_json facts;
  facts["tool"] = "dsdsi";
  facts["version"] = DSDSI_VERSION;
  facts["command_line"] = invocation.command_line;
  facts["wall_time_s"] = wall_s;
  write_json_file(out.staging() / "capacity.json", facts);
  out.commit();
  print_answer(o, searches, slos);
  std::size_t probes = 0;
  for (const auto& s : searches) probes += s.probes.size();
  std::printf("wrote %s (%zu probes, %.1f s wall)\n", out.final_dir().c_str(), probes, wall_s);
  return 0;
}

}  // namespace

Command add_capacity_command(CLI::App& app, const Invocation& invocation) {
  auto o = std::make_shared<CapacityOptions>();
  CLI::App* command = app.add_subcommand(
      "capacity",
      "Find the largest number of clients that meets every SLO, by bisection; each probe is its\n"
      "own simulation. Writes capacity.csv (one row per probe) and prints the answer; with\n"
      "--modes, per mode, side by side, with their ratio. Assumes that more clients never make\n"
      "an SLO easier to meet.\n"
      "Example: dsdsi capacity scenarios/quickstart.json --slo tpot_ms_p95=60 --max 512 "
      "--modes dsd_sync,colocated_sd");
  add_scenario_args(command, o->args);
  command
      ->add_option("--slo", o->slos,
                   "METRIC=MS: a latency metric of summary.json that must not exceed MS, "
                   "e.g. tpot_ms_p95=50 (also spelt tpot_p95_ms); repeatable")
      ->required();
  command->add_option("--min", o->min_clients, "fewest clients to consider (default 1)");
  command->add_option("--max", o->max_clients, "most clients to consider (default 1024)");
  command->add_option("--modes", o->modes,
                      "comma-separated decoding modes to search (default: the scenario's)");
  command->add_option("--out", o->out_dir, "output folder (default: a new folder under runs/)");
  command->add_flag("--force", o->force, "replace the output folder if it exists");
  command->add_flag("--keep-probes", o->keep_probes,
                    "keep every probe's CSV traces (by default only its summary.json)");
  command->add_option("--jobs", o->jobs, "probes run at a time (default: the number of cores)");
  return {command, [o, &invocation] { return capacity(*o, invocation); }};
}

}  // namespace dsdsi::cli
