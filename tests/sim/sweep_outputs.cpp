#include "sweep_outputs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "dsdsi/metrics/csv_line.hpp"
#include "run_binary.hpp"

namespace dsdsi::test {

SweepCsv read_sweep_csv(const std::filesystem::path& file) {
  const std::string text = read_text(file);
  if (!text.empty() && text.back() != '\n') {
    throw std::runtime_error(file.string() + " ends in a partial line");
  }
  SweepCsv csv;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  csv.header = split_csv_line(line);
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    if (cells.size() != csv.header.size()) throw std::runtime_error("ragged row in " + line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < cells.size(); ++i) row[csv.header[i]] = cells[i];
    csv.rows.push_back(std::move(row));
  }
  return csv;
}

std::size_t complete_lines(const std::filesystem::path& file) {
  const std::string text = read_text(file);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

pid_t start_dsdsi_in_background(const std::vector<std::string>& args) {
  std::vector<std::string> storage{DSDSI_BINARY};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDOUT_FILENO);
    dup2(null_fd, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::string sweep_data(const std::string& name) {
  return source_path("tests/data/sweeps/" + name).string();
}

}  // namespace dsdsi::test
