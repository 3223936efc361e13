#pragma once
// The output folder of a sweep:
//   sweep.csv     one row per point; rows are appended as points finish, each with a single
//                 write() of a whole line on an O_APPEND file, so a killed sweep leaves only
//                 whole rows (at most a partial last line, which --resume drops); when the sweep
//                 ends the file is rewritten in point order (temporary file + rename), so its
//                 contents do not depend on --jobs or on finishing order
//   sweep_summary.csv  the repeats aggregated (sweep_summary.hpp), written when the sweep ends
//   sweep.json    what was planned (scenario as resolved, point count, shard, columns) and,
//                 once done, the run's wall-clock facts; written atomically
//   points/<id>/  each point's `dsdsi run` outputs; points/<id>.log a failed point's output
//   .sweep.lock   held (flock) while a sweep writes here, so two cannot interleave
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi::cli {

class SweepOutputDir {
 public:
  // Creates `dir` (refused if it exists and is not empty, unless `resume`), takes its lock,
  // and records `plan` in sweep.json. With `resume` on a folder a sweep already wrote: the
  // plan must equal the recorded one, and the rows of sweep.csv that succeeded are kept
  // (failed rows and a partial last line are dropped, so those points run again; a row of a
  // point the plan does not hold is refused). `header` is the CSV header line; `in_plan` says
  // whether a point index belongs to this plan (and shard). Problems -> OutputDirError.
  SweepOutputDir(std::filesystem::path dir, bool resume, const nlohmann::ordered_json& plan,
                 const std::vector<std::string>& columns, const std::string& header,
                 const std::function<bool(std::size_t)>& in_plan);
  ~SweepOutputDir();
  SweepOutputDir(const SweepOutputDir&) = delete;
  SweepOutputDir& operator=(const SweepOutputDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path point_dir(const std::string& id) const;
  std::filesystem::path point_log(const std::string& id) const;

  // Point index -> its row (kept from before, or appended since).
  const std::map<std::size_t, std::string>& rows() const { return rows_; }
  bool done(std::size_t index) const;  // has a row with status ok
  std::size_t resumed() const { return resumed_; }

  // Appends a point's row (a whole line) to sweep.csv with one write().
  void append(std::size_t index, bool ok, const std::string& line);

  // Rewrites sweep.csv with its rows in point order, atomically.
  void publish_in_point_order();

  // Replaces sweep.json, atomically.
  void write_facts(const nlohmann::ordered_json& facts) const;
  // The sweep.json a resumed sweep found (null when there was none): a resume that runs no
  // point puts it back, so its timing record survives.
  const nlohmann::ordered_json& earlier_facts() const { return earlier_facts_; }

 private:
  void take_lock();
  void load_rows(const std::vector<std::string>& columns,
                 const std::function<bool(std::size_t)>& in_plan);
  void remove_leftovers() const;

  std::filesystem::path dir_;
  std::string header_;
  int lock_fd_ = -1;
  int csv_fd_ = -1;
  std::map<std::size_t, std::string> rows_;
  std::map<std::size_t, bool> ok_;
  std::size_t resumed_ = 0;
  nlohmann::ordered_json earlier_facts_;
};

// Writes `text` to `file` through a temporary sibling and a rename: a reader (or a crash) sees
// the old file or the new one, never half of one. Throws std::runtime_error.
void write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace dsdsi::cli
