#include "dsdsi/cli/sweep_output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "dsdsi/cli/sweep_table.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"
#include "dsdsi/metrics/write_error.hpp"

namespace fs = std::filesystem;

namespace dsdsi::cli {
namespace {

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_all(int fd, const std::string& text, const fs::path& file) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw write_error(file, n < 0 ? errno : ENOSPC);
    done += static_cast<std::size_t>(n);
  }
}

// Files a sweep writes at the top of its folder; anything else makes it someone else's folder.
bool is_sweep_entry(const fs::path& name) {
  return name == "points" || name == "sweep.csv" || name == "sweep_summary.csv" ||
         name == "sweep.json" || name == ".sweep.lock" || name.string().rfind(".sweep.", 0) == 0 ||
         name.string().rfind(".sweep_summary.csv.", 0) == 0;  // a killed write's temporary
}

// The first place where two plans differ, as a JSON pointer.
std::string first_difference(const nlohmann::ordered_json& recorded,
                             const nlohmann::ordered_json& plan) {
  const auto patch = nlohmann::json::diff(nlohmann::json(recorded), nlohmann::json(plan));
  return patch.empty() ? "/" : patch.front().at("path").get<std::string>();
}

}  // namespace

void write_file_atomically(const fs::path& file, const std::string& text) {
  const fs::path temporary = file.parent_path() / ("." + file.filename().string() + ".tmp-" +
                                                   std::to_string(static_cast<long>(::getpid())));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + temporary.string() + ": " + std::strerror(errno));
  }
  try {
    write_all(fd, text, temporary);
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw std::runtime_error("cannot replace " + file.string() + ": " + std::strerror(error));
  }
}

SweepOutputDir::SweepOutputDir(fs::path dir, bool resume, const nlohmann::ordered_json& plan,
                               const std::vector<std::string>& columns, const std::string& header,
                               const std::function<bool(std::size_t)>& in_plan)
    : dir_(std::move(dir)), header_(header) {
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
    throw OutputDirError("output folder " + quoted_path(dir_) + " exists and is not a folder");
  }
  bool has_sweep = false;
  if (fs::is_directory(dir_, ec)) {
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
      if (!resume) {
        throw OutputDirError("output folder " + quoted_path(dir_) +
                             " exists and is not empty; use --resume to continue the sweep it "
                             "holds, or choose another --out");
      }
      if (!is_sweep_entry(entry.path().filename())) {
        throw OutputDirError("cannot resume in " + quoted_path(dir_) + ": it holds " +
                             quoted_path(entry.path().filename()) +
                             ", so it is not a sweep's folder");
      }
      has_sweep = true;
    }
  }
  fs::create_directories(dir_ / "points", ec);
  if (ec) {
    throw OutputDirError("cannot create " + quoted_path(dir_ / "points") + ": " + ec.message());
  }
  take_lock();

  const fs::path facts = dir_ / "sweep.json";
  if (has_sweep && fs::exists(facts)) {
    nlohmann::ordered_json recorded;
    try {
      earlier_facts_ = nlohmann::ordered_json::parse(read_file(facts));
      recorded = earlier_facts_.at("plan");
    } catch (const nlohmann::json::exception& e) {
      throw OutputDirError(facts.string() + ": unreadable (" + e.what() + "); cannot resume");
    }
    if (recorded != plan) {
      throw OutputDirError(facts.string() + ": this folder holds another sweep (it differs at " +
                           first_difference(recorded, plan) +
                           "); resume with the same scenario, --set and --shard, or choose "
                           "another --out");
    }
  }
  write_facts({{"plan", plan}, {"state", "running"}});
  if (has_sweep) load_rows(columns, in_plan);
  // A fresh file, or the kept rows: either way a clean file to append to.
  publish_in_point_order();
  csv_fd_ = ::open((dir_ / "sweep.csv").c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (csv_fd_ < 0) {
    throw OutputDirError("cannot open " + quoted_path(dir_ / "sweep.csv") + ": " +
                         std::strerror(errno));
  }
  remove_leftovers();
}

SweepOutputDir::~SweepOutputDir() {
  if (csv_fd_ >= 0) ::close(csv_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

void SweepOutputDir::take_lock() {
  const fs::path lock = dir_ / ".sweep.lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    throw OutputDirError("cannot create " + quoted_path(lock) + ": " + std::strerror(errno));
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    throw OutputDirError("another dsdsi sweep is writing to " + quoted_path(dir_) +
                         " (it holds .sweep.lock); wait for it or choose another --out");
  }
}

void SweepOutputDir::load_rows(const std::vector<std::string>& columns,
                               const std::function<bool(std::size_t)>& in_plan) {
  const fs::path csv = dir_ / "sweep.csv";
  const std::string text = read_file(csv);
  if (text.empty()) return;  // killed before the header was written
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) break;  // a partial last line: that point runs again
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line_number == 1) {
      if (std::string(line) + '\n' != header_) {
        throw OutputDirError(csv.string() +
                             ": its columns differ from this sweep's; resume "
                             "with the same scenario and dsdsi, or choose "
                             "another --out");
      }
      continue;
    }
    SweepRow row;
    try {
      row = parse_sweep_row(line, columns);
    } catch (const std::invalid_argument& e) {
      throw OutputDirError(csv.string() + ": line " + std::to_string(line_number) + " " + e.what() +
                           "; cannot resume");
    }
    if (!in_plan(row.index)) {
      throw OutputDirError(csv.string() + ": line " + std::to_string(line_number) + " is point " +
                           std::to_string(row.index) +
                           ", which this sweep (and shard) does not hold; cannot resume");
    }
    // A point that failed runs again; one that succeeded is kept, once.
    if (row.ok && rows_.count(row.index) == 0) {
      rows_[row.index] = row.line;
      ok_[row.index] = true;
      ++resumed_;
    }
  }
}

void SweepOutputDir::remove_leftovers() const {
  // Hidden staging folders of runs that a killed sweep took down with it.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ / "points", ec)) {
    if (entry.path().filename().string().rfind('.', 0) == 0) fs::remove_all(entry.path(), ec);
  }
}

fs::path SweepOutputDir::point_dir(const std::string& id) const { return dir_ / "points" / id; }

fs::path SweepOutputDir::point_log(const std::string& id) const {
  return dir_ / "points" / (id + ".log");
}

bool SweepOutputDir::done(std::size_t index) const {
  const auto found = ok_.find(index);
  return found != ok_.end() && found->second;
}

void SweepOutputDir::append(std::size_t index, bool ok, const std::string& line) {
  // One write() of the whole line on an O_APPEND file: the kernel places it at the end in one
  // piece, so a kill leaves whole rows behind (or none of this one).
  const ssize_t n = ::write(csv_fd_, line.data(), line.size());
  if (n != static_cast<ssize_t>(line.size())) {
    throw write_error(dir_ / "sweep.csv", n < 0 ? errno : ENOSPC);
  }
  rows_[index] = line;
  ok_[index] = ok;
}

void SweepOutputDir::publish_in_point_order() {
  std::string text = header_;
  for (const auto& [index, line] : rows_) text += line;
  write_file_atomically(dir_ / "sweep.csv", text);
}

void SweepOutputDir::write_facts(const nlohmann::ordered_json& facts) const {
  write_file_atomically(dir_ / "sweep.json", facts.dump(2) + '\n');
}

}  // namespace dsdsi::cli
