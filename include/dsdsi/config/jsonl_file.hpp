#pragma once
// A JSONL file that a scenario names (a workload trace, an acceptance trace): one JSON object per
// line, blank lines skipped. Each line's keys are declared like the parameter table's rows
// (ParamSpec: name, type, range, required or optional), so a line is checked, and its problems
// worded, exactly like a scenario's parameters. Problems read "<file>:<line>: <key>: <what>";
// after the first 10, one more line says how many were left out (a wrong file would otherwise
// flood the terminal).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

class JsonlReader {
 public:
  // `keys`: one ParamSpec per key a line may hold (path = the key), Presence::required or
  // Presence::optional.
  // `max_records`: more non-blank lines than this are a problem, and reading stops there (a
  // trace's records are kept in memory; limits::kMaxTraceRecords says what that costs).
  JsonlReader(std::filesystem::path file, std::vector<ParamSpec> keys,
              std::size_t max_records = limits::kMaxTraceRecords);

  // Reads the file; calls `on_line(line number, object)` for each line whose keys all passed
  // their own checks (integral numbers rewritten as integers), in file order. `on_line` may
  // report what involves several keys or lines with problem().
  void read(const std::function<void(std::size_t line, const nlohmann::json& object)>& on_line);

  // A problem at `line` (0: the whole file), about `key` ("" when it is not about one key).
  void problem(std::size_t line, const std::string& key, const std::string& what);

  // Lines that held an object or were malformed (blank lines are not counted).
  std::size_t lines() const { return lines_; }
  // The problems, at most 10 and then "... and N more problems".
  std::vector<std::string> problems() const;

 private:
  void check_line(std::size_t line, const std::string& text,
                  const std::function<void(std::size_t, const nlohmann::json&)>& on_line);

  std::filesystem::path file_;
  std::vector<ParamSpec> keys_;
  std::vector<std::string> problems_;
  std::size_t problem_count_ = 0;
  std::size_t lines_ = 0;
  std::size_t max_records_;
};

}  // namespace dsdsi
