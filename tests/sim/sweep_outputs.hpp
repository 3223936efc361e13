#pragma once
// Reading what `dsdsi sweep` writes, and running it in the background (to kill it), for the
// sweep tests.
#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dsdsi::test {

struct SweepCsv {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;  // column -> cell
};

// Parses a sweep.csv (quoted cells allowed); a partial last line is an error here.
SweepCsv read_sweep_csv(const std::filesystem::path& file);

// Complete lines of a file that is being appended to (a trailing partial line not counted).
std::size_t complete_lines(const std::filesystem::path& file);

// Starts `dsdsi <args...>` in the background, its output to /dev/null.
pid_t start_dsdsi_in_background(const std::vector<std::string>& args);

// The path of a file under tests/data/sweeps/.
std::string sweep_data(const std::string& name);

}  // namespace dsdsi::test
