// dsdsi sweep: runs every point of a scenario's sweep block, each as its own `dsdsi run`
// process, and collects one row per point in DIR/sweep.csv (see docs/sweeps.md).
#include <sched.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/point_process.hpp"
#include "dsdsi/cli/sweep_output_dir.hpp"
#include "dsdsi/cli/sweep_progress.hpp"
#include "dsdsi/cli/sweep_summary.hpp"
#include "dsdsi/cli/sweep_table.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/sweep_plan.hpp"
#include "dsdsi/config/sweep_shard.hpp"
#include "dsdsi/metrics/csv_line.hpp"
#include "dsdsi/sim/simgrid_options.hpp"

namespace dsdsi::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct SweepOptions {
  ScenarioArgs args;
  std::string out_dir;
  std::size_t jobs = 0;  // 0: one per core this process may use
  bool resume = false;
  std::string shard;
  bool dry_run = false;
  std::string keep_traces = "summary";  // none | summary | all
  double progress_every_s = 5;
};

// What a point's folder keeps once its row is written (--keep-traces). The row needs only
// summary.json (and run.json for the timing); rounds.csv, one line per verification round, is
// most of a point's size, and no figure of tools/plot reads it.
void trim_point(const std::filesystem::path& dir, const std::string& keep) {
  if (keep == "all") return;
  std::error_code ignored;
  if (keep == "summary") {
    std::filesystem::remove(dir / "rounds.csv", ignored);
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir, ignored)) {
    const auto name = entry.path().filename();
    if (name != "summary.json" && name != "run.json") std::filesystem::remove(entry, ignored);
  }
}

// The cores this process may run on: under Slurm or taskset that is the allocation, not the
// machine.
std::size_t usable_cores() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<std::size_t>(CPU_COUNT(&set));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

nlohmann::ordered_json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return nlohmann::ordered_json::parse(in);
}

// What identifies a sweep: --resume and merge refuse to mix rows of two different ones.
nlohmann::ordered_json plan_record(const SweepPlan& plan, const SweepShard& shard,
                                   const SweepTable& table) {
  return {{"scenario", nlohmann::ordered_json::parse(plan.base.resolved.dump())},
          {"points_total", plan.points.size()},
          {"shard", shard.text()},
          {"columns", table.columns()}};
}

void print_plan(const SweepOptions& options, const SweepPlan& plan, const SweepShard& shard,
                const std::vector<const PlannedPoint*>& mine) {
  std::printf("%s: %zu point(s), shard %s holds %zu; nothing run (--dry-run)\n",
              options.args.scenario.c_str(), plan.points.size(), shard.text().c_str(), mine.size());
  std::vector<std::string> header{"point"};
  for (const auto& axis : plan.spec.axes) header.push_back(axis.path);
  header.push_back("repeat");
  header.push_back("seed");
  std::fputs(csv_line(header).c_str(), stdout);
  for (const PlannedPoint* p : mine) {
    std::vector<std::string> cells{p->point.id};
    for (const auto& value : p->point.axis_values) cells.push_back(axis_value_text(value));
    cells.push_back(std::to_string(p->point.repeat));
    cells.push_back(std::to_string(p->point.seed));
    std::fputs(csv_line(cells).c_str(), stdout);
  }
}

// Wall-clock totals, for sweep.json: how much of a point's time is the sweep's own.
struct Timing {
  double process_s = 0;     // fork to reap, summed over points run now
  double simulation_s = 0;  // each run's own wall_time_s (run.json), summed
  double cpu_s = 0;         // the points' processes' CPU time (user + system), summed
  std::size_t runs = 0;
};

class SweepRunner {
 public:
  SweepRunner(const SweepOptions& options, const Invocation& invocation, const SweepTable& table,
              SweepOutputDir& out)
      : options_(options), invocation_(invocation), table_(table), out_(out) {}

  void run(const std::vector<const PlannedPoint*>& todo, std::size_t jobs,
           SweepProgress& progress) {
    std::map<pid_t, Running> running;
    std::size_t next = 0;
    while (next < todo.size() || !running.empty()) {
      while (running.size() < jobs && next < todo.size()) {
        const PlannedPoint* point = todo[next++];
        const pid_t pid = start_dsdsi(arguments(*point), out_.point_log(point->point.id));
        running[pid] = {point, Clock::now()};
      }
      const ChildExit exit = wait_for_child();
      const auto found = running.find(exit.pid);
      if (found == running.end()) continue;
      const Running finished = found->second;
      running.erase(found);
      timing_.process_s += std::chrono::duration<double>(Clock::now() - finished.started).count();
      timing_.cpu_s += exit.cpu_s;
      progress.point_finished(record(*finished.point, exit));
    }
  }

  const Timing& timing() const { return timing_; }

 private:
  struct Running {
    const PlannedPoint* point;
    Clock::time_point started;
  };

  std::vector<std::string> arguments(const PlannedPoint& planned) const {
    std::vector<std::string> args{"run", options_.args.scenario};
    for (const auto& set : options_.args.sets) {
      args.push_back("--set");
      args.push_back(set);
    }
    for (const auto& override_ : planned.point.overrides) {
      args.push_back("--set");
      args.push_back(override_.text);
    }
    args.push_back("--out");
    args.push_back(out_.point_dir(planned.point.id).string());
    args.push_back("--force");  // replaces the outputs of a run whose row a kill prevented
    args.insert(args.end(), invocation_.simgrid_args.begin(), invocation_.simgrid_args.end());
    return args;
  }

  // Appends the point's row; returns whether it succeeded.
  bool record(const PlannedPoint& planned, const ChildExit& exit) {
    const std::string& id = planned.point.id;
    nlohmann::ordered_json summary;
    std::string error;
    if (exit.ok()) {
      try {
        summary = read_json(out_.point_dir(id) / "summary.json");
        timing_.simulation_s +=
            read_json(out_.point_dir(id) / "run.json").at("wall_time_s").get<double>();
        ++timing_.runs;
      } catch (const nlohmann::json::exception& e) {
        error = std::string("unreadable outputs: ") + e.what();
      } catch (const std::runtime_error& e) {
        error = std::string("unreadable outputs: ") + e.what();
      }
    } else {
      error = exit.describe();
      const std::string why = first_error_line(out_.point_log(id));
      if (!why.empty()) error += ": " + why;
    }
    std::error_code ignored;
    if (error.empty()) {
      std::filesystem::remove(out_.point_log(id), ignored);
      trim_point(out_.point_dir(id), options_.keep_traces);
    }
    out_.append(planned.point.index, error.empty(), table_.row_line(planned, summary, error));
    return error.empty();
  }

  const SweepOptions& options_;
  const Invocation& invocation_;
  const SweepTable& table_;
  SweepOutputDir& out_;
  Timing timing_;
};

int sweep(const SweepOptions& options, const Invocation& invocation) {
  const auto started = Clock::now();
  const SweepShard shard = options.shard.empty() ? SweepShard{} : parse_shard(options.shard);
  const SweepPlan plan = plan_sweep(options.args.scenario, options.args.sets);
  check_simgrid_options(invocation.simgrid_args);  // once here, not once per failing point
  std::vector<const PlannedPoint*> mine;
  for (const auto& planned : plan.points) {
    if (shard.holds(planned.point.index)) mine.push_back(&planned);
  }
  if (options.dry_run) {
    print_plan(options, plan, shard, mine);
    return 0;
  }
  if (options.out_dir.empty()) throw ConfigError({"dsdsi sweep: --out DIR is required"});

  const SweepTable table(plan.spec);
  const nlohmann::ordered_json plan_json = plan_record(plan, shard, table);
  const std::size_t total = plan.points.size();
  SweepOutputDir out(options.out_dir, options.resume, plan_json, table.columns(),
                     table.header_line(),
                     [&](std::size_t index) { return index < total && shard.holds(index); });
  std::filesystem::remove(out.path() / kSweepSummaryFile);  // rewritten from the final rows
  std::vector<const PlannedPoint*> todo;
  for (const PlannedPoint* p : mine) {
    if (!out.done(p->point.index)) todo.push_back(p);
  }
  const std::size_t jobs = options.jobs > 0 ? options.jobs : usable_cores();
  SweepRunner runner(options, invocation, table, out);
  {
    SweepProgress progress(mine.size(), mine.size() - todo.size(),
                           std::chrono::milliseconds(
                               static_cast<long long>(options.progress_every_s * 1000)));
    runner.run(todo, jobs, progress);
  }
  out.publish_in_point_order();
  write_sweep_summary(out.path(), table.columns(), out.rows(), plan.spec.repeats);
  if (todo.empty() && out.earlier_facts().value("state", "") == "done") {
    // Nothing ran: the earlier run's record (its timing above all) stays as it was.
    out.write_facts(out.earlier_facts());
    std::printf("dsdsi sweep %s: all %zu point(s) already done; nothing run, %s kept\n",
                options.args.scenario.c_str(), mine.size(), (out.path() / "sweep.json").c_str());
    return 0;
  }

  std::vector<std::string> failed;
  for (const PlannedPoint* p : mine) {
    if (!out.done(p->point.index)) failed.push_back(p->point.id);
  }
  const double wall_s = std::chrono::duration<double>(Clock::now() - started).count();
  const Timing& timing = runner.timing();
  nlohmann::ordered_json facts = {{"plan", plan_json}, {"state", "done"}};
  facts["tool"] = "dsdsi";
  facts["version"] = DSDSI_VERSION;
  facts["scenario_file"] = options.args.scenario;
  facts["command_line"] = invocation.command_line;
  facts["jobs"] = jobs;
  facts["points_in_shard"] = mine.size();
  facts["points_resumed"] = out.resumed();
  facts["points_run"] = todo.size();
  facts["points_failed"] = failed.size();
  facts["failed_points"] = failed;
  facts["wall_time_s"] = wall_s;
  facts["points_process_wall_time_s"] = timing.process_s;
  facts["points_simulation_wall_time_s"] = timing.simulation_s;
  // Per point run now: its process's life minus the simulation's own wall time (run.json), i.e.
  // fork, exec, loading libraries and the scenario, writing outputs, reaping.
  facts["overhead_ms_per_point"] =
      timing.runs == 0 ? nlohmann::ordered_json(nullptr)
                       : nlohmann::ordered_json(1e3 * (timing.process_s - timing.simulation_s) /
                                                static_cast<double>(timing.runs));
  // The CPU time of a point's process, simulation included: unlike wall times it does not grow
  // when other work shares the machine, so it bounds the overhead reliably for tiny points.
  facts["points_cpu_time_s"] = timing.cpu_s;
  facts["cpu_ms_per_point"] =
      todo.empty() ? nlohmann::ordered_json(nullptr)
                   : nlohmann::ordered_json(1e3 * timing.cpu_s / static_cast<double>(todo.size()));
  out.write_facts(facts);

  std::printf("dsdsi sweep %s: %zu point(s)", options.args.scenario.c_str(), mine.size());
  if (shard.n > 1) std::printf(" (shard %s of %zu)", shard.text().c_str(), total);
  std::printf(", %zu ok, %zu failed (%zu run now, %zu kept from before); wrote %s (%.2f s wall)\n",
              mine.size() - failed.size(), failed.size(), todo.size(), out.resumed(),
              (out.path() / "sweep.csv").c_str(), wall_s);
  for (std::size_t i = 0; i < failed.size() && i < 10; ++i) {
    std::fprintf(stderr, "failed: point %s (log: %s)\n", failed[i].c_str(),
                 out.point_log(failed[i]).c_str());
  }
  if (failed.size() > 10) std::fprintf(stderr, "failed: ... and %zu more\n", failed.size() - 10);
  return failed.empty() ? 0 : 1;
}

}  // namespace

Command add_sweep_command(CLI::App& app, const Invocation& invocation) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* command = app.add_subcommand(
      "sweep",
      "Run every point of the scenario's \"sweep\" block (grid axes form a product, zip axes\n"
      "move together, repeats vary the seed), each as its own `dsdsi run`, and write one row\n"
      "per point to DIR/sweep.csv (axis values, seed, status, every summary metric, the\n"
      "closed-form predictions) and each point's outputs to DIR/points/<id>/. Every point is\n"
      "validated before any runs. Exit code 0 when all points succeeded, 1 when some failed,\n"
      "2 on bad input. See docs/sweeps.md.\n"
      "Example: dsdsi sweep scenarios/rtt_sweep_modes.json --out runs/rtt --jobs 2\n"
      "         dsdsi sweep scenarios/rtt_sweep_modes.json --out runs/rtt-3 --shard 3/8");
  add_scenario_args(command, options->args);
  command->add_option("--out", options->out_dir,
                      "output folder (new, empty, or with --resume); required unless --dry-run");
  command
      ->add_option("--jobs", options->jobs,
                   "points run at the same time (default: the cores this process may use)")
      ->check(CLI::Range(1, 4096));
  command->add_flag("--resume", options->resume,
                    "continue the sweep in --out: skip the points that succeeded, run the rest "
                    "(failed ones again)");
  command
      ->add_option("--shard", options->shard,
                   "run only shard K of N: the points whose index i has i % N == K-1, for "
                   "a cluster job array; join the shards with `dsdsi merge`")
      ->type_name("K/N");
  command->add_flag("--dry-run", options->dry_run,
                    "validate every point and list the points, without running anything");
  command
      ->add_option("--keep-traces", options->keep_traces,
                   "what each point's folder keeps: all (every file), summary (all but "
                   "rounds.csv, the per-round trace: what tools/plot reads), none (summary.json "
                   "and run.json only)")
      ->capture_default_str()
      ->check(CLI::IsMember({"none", "summary", "all"}));
  command
      ->add_option("--progress-every", options->progress_every_s,
                   "when stderr is not a terminal (a batch log), print a progress line every "
                   "this many seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 86400.0));
  return {command, [options, &invocation] { return sweep(*options, invocation); }};
}

}  // namespace dsdsi::cli
