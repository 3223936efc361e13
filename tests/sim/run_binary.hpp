#pragma once
// Runs the dsdsi binary in its own process (one SimGrid engine per process) and reads what it
// wrote. Shared by every simulation test.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi::test {

struct BinaryRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs `dsdsi <args...>`; arguments are passed without a shell.
BinaryRun run_dsdsi(const std::vector<std::string>& args);

// Runs any program (an absolute path) with `args`, without a shell.
BinaryRun run_program(const std::string& program, const std::vector<std::string>& args);

// A fresh, empty temporary folder, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::filesystem::path source_path(const std::string& relative);
nlohmann::json read_json(const std::filesystem::path& file);
std::string read_text(const std::filesystem::path& file);

// Runs `dsdsi run SCENARIO --out DIR --set ...` and returns summary.json; fails the test (with
// the tool's output) if the run did not exit 0.
nlohmann::json run_and_summarize(const std::string& scenario, const std::vector<std::string>& sets,
                                 const std::filesystem::path& out_dir);

}  // namespace dsdsi::test

namespace dsdsi::test {

// A CSV file with a header line, as rows of column -> text.
std::vector<std::map<std::string, std::string>> read_csv(const std::filesystem::path& file);

}  // namespace dsdsi::test
