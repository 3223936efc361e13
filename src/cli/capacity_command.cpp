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

#include "dsdsi/cli/capacity_progress.hpp"
#include "dsdsi/cli/capacity_queueing.hpp"
#include "dsdsi/cli/capacity_report.hpp"
#include "dsdsi/cli/capacity_search.hpp"
#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/load_scaling.hpp"
#include "dsdsi/cli/point_process.hpp"
#include "dsdsi/cli/slo.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"
#include "dsdsi/sim/simgrid_options.hpp"

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

struct ModeSearch {
  CapacitySearch search;
  ModeOutcome outcome;  // its probes so far; the answer once the search ends
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

// A probe's own folder keeps its summary; its traces (every CSV a run writes) are removed unless
// --keep-probes (a search at thousands of clients would otherwise write gigabytes).
void trim_probe(const fs::path& dir) {
  std::vector<fs::path> traces;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".csv") traces.push_back(entry.path());
  }
  for (const auto& trace : traces) fs::remove(trace);
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
    for (const auto& p : s.outcome.probes) {
      out << s.outcome.mode << ',' << p.clients;
      for (const auto& slo : slos) out << ',' << cell(p.summary, slo.metric);
      out << ',' << (p.pass ? "true" : "false") << ',' << cell(p.summary, "server_busy_fraction")
          << ',' << cell(p.summary, "throughput_tokens_per_s") << '\n';
    }
  }
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// A search over clients is meaningful only when more clients offer more load (load_scaling.hpp).
void check_load_grows(const CapacityOptions& o, const Scenario& scenario) {
  const std::string why = why_load_does_not_grow(scenario.workload.arrival);
  if (!why.empty()) {
    throw ConfigError({o.args.scenario + ": /workload/arrival: dsdsi capacity searches over " +
                       "workload.clients, but " + why});
  }
}

// The probes of every mode's search, run as `dsdsi run` processes, `jobs` at a time. Each probe
// changes only the mode and workload.clients: everything else (warm-up, horizon, arrivals) is
// the scenario's, with the user's --set.
class ProbeRunner {
 public:
  ProbeRunner(const CapacityOptions& o, const Invocation& invocation, const std::vector<Slo>& slos,
              std::vector<ModeSearch>& searches, const fs::path& probes_dir, int jobs)
      : o_(o),
        invocation_(invocation),
        slos_(slos),
        searches_(searches),
        probes_dir_(probes_dir),
        jobs_(jobs),
        started_(Clock::now()) {}

  void run() {
    for (;;) {
      start_probes();
      if (running_.empty()) break;
      finish(wait_for_child());
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Running {
    std::size_t search;
    std::int64_t clients;
    Clock::time_point started;
  };

  fs::path probe_dir(std::size_t s, std::int64_t clients) const {
    return probes_dir_ / (searches_[s].outcome.mode + "-" + std::to_string(clients));
  }
  fs::path probe_log(std::size_t s, std::int64_t clients) const {
    return probe_dir(s, clients).string() + ".log";
  }

  // Modes are searched side by side, one probe per mode at a time (bisection is sequential).
  void start_probes() {
    for (std::size_t s = 0; s < searches_.size() && static_cast<int>(running_.size()) < jobs_;
         ++s) {
      const auto next = searches_[s].search.next_probe();
      if (searches_[s].running || !next) continue;
      const std::string& mode = searches_[s].outcome.mode;
      std::vector<std::string> args{"run", o_.args.scenario, "--out", probe_dir(s, *next).string(),
                                    "--force"};
      for (const auto& set : o_.args.sets) args.insert(args.end(), {"--set", set});
      args.insert(args.end(),
                  {"--set", "mode=" + mode, "--set", "workload.clients=" + std::to_string(*next)});
      args.insert(args.end(), invocation_.simgrid_args.begin(), invocation_.simgrid_args.end());
      running_[start_dsdsi(args, probe_log(s, *next))] = {s, *next, Clock::now()};
      searches_[s].running = true;
      spdlog::info("probe {} with {} clients", mode, *next);
    }
  }

  void finish(const ChildExit& exit) {
    const auto found = running_.find(exit.pid);
    if (found == running_.end()) return;
    const Running probe_run = found->second;
    running_.erase(found);
    ModeSearch& search = searches_[probe_run.search];
    search.running = false;
    const std::int64_t clients = probe_run.clients;
    if (!exit.ok()) {
      // The scenario was validated up front, so a failing probe is not bad input.
      throw std::runtime_error("probe " + search.outcome.mode + " with " + std::to_string(clients) +
                               " clients failed (" + exit.describe() +
                               "): " + first_error_line(probe_log(probe_run.search, clients)));
    }
    CapacityProbe probe{clients, true, nlohmann::json()};
    std::ifstream in(probe_dir(probe_run.search, clients) / "summary.json");
    probe.summary = nlohmann::json::parse(in);
    for (const auto& slo : slos_) probe.pass = probe.pass && meets(slo, probe.summary);
    if (!o_.keep_probes) trim_probe(probe_dir(probe_run.search, clients));
    search.search.record(clients, probe.pass);

    const auto now = Clock::now();
    const double probe_s = std::chrono::duration<double>(now - probe_run.started).count();
    probe_s_total_ += probe_s;
    ++probes_done_;
    std::int64_t left = 0;
    std::size_t searching = 0;
    for (const auto& s : searches_) {
      left += s.search.probes_left_at_most();
      searching += s.search.probes_left_at_most() > 0 ? 1 : 0;
    }
    ProbeProgress progress;
    progress.number = probes_done_;
    progress.mode = search.outcome.mode;
    progress.clients = clients;
    progress.pass = probe.pass;
    progress.verdict_detail = slo_verdict_detail(slos_, probe.summary);
    progress.probe_s = probe_s;
    progress.elapsed_s = std::chrono::duration<double>(now - started_).count();
    progress.probes_left = left;
    progress.eta_s =
        capacity_eta_s(probes_done_, probe_s_total_, left, std::min<std::size_t>(searching, jobs_));
    std::fputs(capacity_progress_line(progress).c_str(), stderr);
    std::fflush(stderr);
    search.outcome.probes.push_back(std::move(probe));
  }

  const CapacityOptions& o_;
  const Invocation& invocation_;
  const std::vector<Slo>& slos_;
  std::vector<ModeSearch>& searches_;
  fs::path probes_dir_;
  int jobs_;
  Clock::time_point started_;
  std::map<pid_t, Running> running_;
  std::size_t probes_done_ = 0;
  double probe_s_total_ = 0;
};

int capacity(const CapacityOptions& o, const Invocation& invocation) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<Slo> slos = parse_slos(o.slos);
  check_range(o);
  const std::vector<Override> overrides = parse_overrides(o.args.sets);
  const LoadedScenario base = load_scenario(o.args.scenario, overrides);
  check_load_grows(o, base.scenario);
  check_simgrid_options(invocation.simgrid_args);  // once here, not once per failing probe
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
    ModeSearch search{CapacitySearch(o.min_clients, o.max_clients), ModeOutcome{}, false};
    search.outcome.mode = mode;
    searches.push_back(std::move(search));
  }

  const fs::path out_dir =
      o.out_dir.empty() ? default_run_dir("runs", o.args.scenario) : fs::path(o.out_dir);
  StagedOutputDir out(out_dir, o.force);
  fs::create_directories(out.staging() / "probes");
  const int jobs =
      o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ProbeRunner(o, invocation, slos, searches, out.staging() / "probes", jobs).run();

  std::vector<ModeOutcome> outcomes;
  for (auto& s : searches) {
    s.outcome.capacity = s.search.capacity();
    s.outcome.lower_bound = s.search.capped_at_max();
    s.outcome.queueing_warning = queueing_warning(s.outcome, slos);
    outcomes.push_back(s.outcome);
  }
  const CapacityRange range{o.min_clients, o.max_clients};
  write_capacity_csv(out.staging() / "capacity.csv", searches, slos);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  nlohmann::ordered_json report = capacity_results(outcomes, slos, range);
  report["scenario"] = o.args.scenario;
  report["tool"] = "dsdsi";
  report["version"] = DSDSI_VERSION;
  report["command_line"] = invocation.command_line;
  report["wall_time_s"] = wall_s;
  write_json_file(out.staging() / "capacity.json", report);
  out.commit();
  std::fputs(capacity_answer_text(o.args.scenario, outcomes, slos, range).c_str(), stdout);
  for (const auto& outcome : outcomes) {
    if (outcome.queueing_warning) spdlog::warn("{}", *outcome.queueing_warning);
  }
  std::size_t probes = 0;
  for (const auto& outcome : outcomes) probes += outcome.probes.size();
  std::printf("wrote %s (%zu probes, %.1f s wall)\n", out.final_dir().c_str(), probes, wall_s);
  return 0;
}

}  // namespace

Command add_capacity_command(CLI::App& app, const Invocation& invocation) {
  auto o = std::make_shared<CapacityOptions>();
  CLI::App* command = app.add_subcommand(
      "capacity",
      "Find the largest number of clients that meets every SLO, by bisection; each probe is its\n"
      "own `dsdsi run` of the scenario with only the mode and workload.clients changed (its\n"
      "warm-up, horizon and arrivals apply). With --modes, per mode, side by side, with their\n"
      "ratio. A capacity at --max is a lower bound (>= N), and so is any ratio built on it.\n"
      "Writes capacity.json (the answer, bounds, binding SLO, every probe) and capacity.csv\n"
      "(one row per probe); one progress line per probe on stderr. Assumes that more clients\n"
      "never make an SLO easier to meet; refuses arrivals whose load does not grow with the\n"
      "clients (Poisson rate_per_s, a trace). Warns when only TPOT bounds the answer and the\n"
      "p95 TTFT at capacity is over 10x its value at --min. See docs/sweeps.md.\n"
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
