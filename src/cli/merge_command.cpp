// dsdsi merge: joins the output folders of a sharded sweep (--shard K/N) into one sweep.csv,
// in point order, equal row for row to what the unsharded sweep writes.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/sweep_output_dir.hpp"
#include "dsdsi/cli/sweep_summary.hpp"
#include "dsdsi/cli/sweep_table.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/metrics/csv_line.hpp"
#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"

namespace fs = std::filesystem;

namespace dsdsi::cli {
namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string out_dir;
};

struct Shard {
  fs::path dir;
  nlohmann::ordered_json plan;  // without "shard"
  std::string header;
  std::vector<SweepRow> rows;
};

struct MergedRow {
  SweepRow row;
  fs::path from;
};

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read it");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reads one shard's folder; problems go to `problems`.
Shard read_shard(const fs::path& dir, std::vector<std::string>& problems) {
  Shard shard{dir, {}, {}, {}};
  const fs::path facts = dir / "sweep.json";
  try {
    shard.plan = nlohmann::ordered_json::parse(read_text(facts)).at("plan");
    shard.plan.erase("shard");
  } catch (const std::exception& e) {
    problems.push_back(facts.string() + ": cannot read the sweep's plan (" + e.what() + "); is " +
                       dir.string() + " a `dsdsi sweep` output folder?");
    return shard;
  }
  const fs::path csv = dir / "sweep.csv";
  std::string text;
  try {
    text = read_text(csv);
  } catch (const std::exception& e) {
    problems.push_back(csv.string() + ": " + e.what());
    return shard;
  }
  std::vector<std::string> columns;
  for (const auto& c : shard.plan.at("columns")) columns.push_back(c.get<std::string>());
  shard.header = csv_line(columns);
  std::size_t start = 0, line_number = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a partial last line of a sweep that was killed
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (++line_number == 1) {
      if (std::string(line) + '\n' != shard.header) {
        problems.push_back(csv.string() + ": header differs from the columns in sweep.json");
        return shard;
      }
      continue;
    }
    try {
      shard.rows.push_back(parse_sweep_row(line, columns));
    } catch (const std::invalid_argument& e) {
      problems.push_back(csv.string() + ": line " + std::to_string(line_number) + " " + e.what());
    }
  }
  return shard;
}

// Rows of all shards by point; a point in two shards must have the same row there (or
// succeed in one and fail in the other: the success is kept).
std::map<std::size_t, MergedRow> join(const std::vector<Shard>& shards,
                                      std::vector<std::string>& problems) {
  std::map<std::size_t, MergedRow> rows;
  const std::size_t total = shards.front().plan.at("points_total").get<std::size_t>();
  for (const auto& shard : shards) {
    for (const auto& row : shard.rows) {
      if (row.index >= total) {
        problems.push_back((shard.dir / "sweep.csv").string() + ": point " +
                           std::to_string(row.index) + " is beyond the sweep's " +
                           std::to_string(total) + " points");
        continue;
      }
      auto [it, inserted] = rows.emplace(row.index, MergedRow{row, shard.dir});
      if (inserted || it->second.row.line == row.line) continue;
      if (!it->second.row.ok && row.ok) {
        it->second = MergedRow{row, shard.dir};
      } else if (it->second.row.ok && row.ok) {
        problems.push_back("point " + std::to_string(row.index) + " has different results in " +
                           it->second.from.string() + " and " + shard.dir.string() +
                           " (different dsdsi builds?)");
      }
    }
  }
  return rows;
}

void link_point_folders(const std::map<std::size_t, MergedRow>& rows, const fs::path& staging,
                        const fs::path& final_dir, std::size_t id_width) {
  fs::create_directories(staging / "points");
  const fs::path final_points = fs::absolute(final_dir / "points").lexically_normal();
  for (const auto& [index, merged] : rows) {
    std::string id = std::to_string(index);
    id.insert(0, id_width > id.size() ? id_width - id.size() : 0, '0');
    const fs::path target = fs::absolute(merged.from / "points" / id).lexically_normal();
    if (!fs::is_directory(target)) continue;
    // Relative links: the merged folder and the shards can move together.
    fs::create_directory_symlink(target.lexically_relative(final_points), staging / "points" / id);
  }
}

int merge(const MergeOptions& options, const Invocation& invocation) {
  std::vector<std::string> problems;
  std::vector<Shard> shards;
  for (const auto& input : options.inputs) shards.push_back(read_shard(input, problems));
  if (!problems.empty()) throw ConfigError(problems);
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (shards[i].plan != shards.front().plan) {
      const auto patch =
          nlohmann::json::diff(nlohmann::json(shards.front().plan), nlohmann::json(shards[i].plan));
      problems.push_back((shards[i].dir / "sweep.json").string() + ": another sweep than " +
                         shards.front().dir.string() + " (differs at " +
                         patch.front().at("path").get<std::string>() + ")");
    }
  }
  if (!problems.empty()) throw ConfigError(problems);
  const auto rows = join(shards, problems);
  if (!problems.empty()) throw ConfigError(problems);

  const std::size_t total = shards.front().plan.at("points_total").get<std::size_t>();
  std::size_t failed = 0;
  std::string text = shards.front().header;
  std::size_t id_width = 4;
  for (const auto& [index, merged] : rows) {
    text += merged.row.line;
    failed += merged.row.ok ? 0 : 1;
    id_width = std::max(id_width, merged.row.line.find(','));
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < total; ++i) {
    if (rows.count(i) == 0) missing.push_back(std::to_string(i));
  }

  StagedOutputDir out(options.out_dir, /*replace_existing=*/false);
  {
    std::ofstream csv(out.staging() / "sweep.csv", std::ios::binary);
    csv << text;
    if (!csv.flush()) throw std::runtime_error("cannot write " + out.final_dir().string());
  }
  {
    std::vector<std::string> columns;
    for (const auto& c : shards.front().plan.at("columns")) columns.push_back(c.get<std::string>());
    std::map<std::size_t, std::string> lines;
    for (const auto& [index, merged] : rows) lines[index] = merged.row.line;
    const auto& sweep_block = shards.front().plan.at("scenario").at("sweep");
    write_sweep_summary(out.staging(), columns, lines, sweep_block.value("repeats", 1));
  }
  link_point_folders(rows, out.staging(), out.final_dir(), id_width);
  nlohmann::ordered_json plan = shards.front().plan;
  plan["shard"] = "merged";
  nlohmann::ordered_json facts = {{"plan", plan}, {"state", "merged"}};
  facts["tool"] = "dsdsi";
  facts["version"] = DSDSI_VERSION;
  facts["command_line"] = invocation.command_line;
  std::vector<std::string> sources;
  for (const auto& shard : shards) sources.push_back(fs::absolute(shard.dir).string());
  facts["merged_from"] = sources;
  facts["points_total"] = total;
  facts["points_present"] = rows.size();
  facts["points_failed"] = failed;
  facts["points_missing"] = missing.size();
  write_json_file(out.staging() / "sweep.json", facts);
  out.commit();

  std::printf("dsdsi merge: %zu folder(s), %zu of %zu point(s) present, %zu failed; wrote %s\n",
              shards.size(), rows.size(), total, failed, (out.final_dir() / "sweep.csv").c_str());
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) list += " " + missing[i];
    std::fprintf(stderr, "missing: %zu point(s):%s%s (a shard not run, or not finished?)\n",
                 missing.size(), list.c_str(), missing.size() > 10 ? " ..." : "");
  }
  return missing.empty() && failed == 0 ? 0 : 1;
}

}  // namespace

Command add_merge_command(CLI::App& app, const Invocation& invocation) {
  auto options = std::make_shared<MergeOptions>();
  CLI::App* command = app.add_subcommand(
      "merge",
      "Join the output folders of a sharded sweep (dsdsi sweep --shard K/N) into one folder\n"
      "whose sweep.csv holds every point's row in point order, as the unsharded sweep writes\n"
      "it; points/<id> there link to the shards' point folders. The folders must come from\n"
      "the same sweep (same scenario, --set and dsdsi). Exit code 0 when every point is\n"
      "present and succeeded, 1 otherwise, 2 on bad input. See docs/sweeps.md.\n"
      "Example: dsdsi merge runs/rtt-1 runs/rtt-2 runs/rtt-3 --out runs/rtt");
  command->add_option("DIR", options->inputs, "output folders of the shards")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--out", options->out_dir, "the merged folder (must not exist, or be empty)")
      ->required();
  return {command, [options, &invocation] { return merge(*options, invocation); }};
}

}  // namespace dsdsi::cli
