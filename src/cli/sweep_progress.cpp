#include "dsdsi/cli/sweep_progress.hpp"

#include <unistd.h>

#include <string>

namespace dsdsi::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  }
  return text;
}

}  // namespace

SweepProgress::SweepProgress(std::size_t total, std::size_t already_done,
                             std::chrono::milliseconds interval)
    : terminal_(::isatty(STDERR_FILENO) == 1),
      interval_(interval),
      total_(total),
      done_(already_done),
      started_(Clock::now()) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (terminal_) {
    draw();
  } else {
    timer_ = std::thread([this] { tick(); });
  }
}

SweepProgress::~SweepProgress() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (timer_.joinable()) timer_.join();
  const std::lock_guard<std::mutex> lock(mutex_);
  if (terminal_) {
    std::fputc('\n', stderr);
  } else {
    log_line();
  }
}

void SweepProgress::point_finished(bool ok) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  ++done_now_;
  if (!ok) ++failed_;
  if (terminal_) draw();
}

std::string SweepProgress::counts() const {
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  std::string eta = "?";
  if (done_now_ > 0) {
    eta = duration_text(elapsed / static_cast<double>(done_now_) *
                        static_cast<double>(total_ - done_));
  }
  return std::to_string(done_) + "/" + std::to_string(total_) + " points done, " +
         std::to_string(failed_) + " failed, " + duration_text(elapsed) + " elapsed, ETA " + eta;
}

void SweepProgress::draw() const {
  // \r and a clear-to-end-of-line: the line is redrawn in place whatever its previous length.
  std::fprintf(stderr, "\rsweep: %s\033[K", counts().c_str());
  std::fflush(stderr);
}

void SweepProgress::log_line() const {
  std::fprintf(stderr, "sweep: %s\n", counts().c_str());
  std::fflush(stderr);
}

void SweepProgress::tick() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_signal_.wait_for(lock, interval_, [this] { return stopping_; })) log_line();
}

}  // namespace dsdsi::cli
