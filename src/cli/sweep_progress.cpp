#include "dsdsi/cli/sweep_progress.hpp"

#include <unistd.h>

#include <string>

namespace dsdsi::cli {
namespace {

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

SweepProgress::SweepProgress(std::size_t total, std::size_t already_done)
    : enabled_(::isatty(STDERR_FILENO) == 1),
      total_(total),
      done_(already_done),
      started_(std::chrono::steady_clock::now()) {
  draw();
}

SweepProgress::~SweepProgress() {
  if (enabled_) std::fputc('\n', stderr);
}

void SweepProgress::point_finished(bool ok) {
  ++done_;
  ++done_now_;
  if (!ok) ++failed_;
  draw();
}

void SweepProgress::draw() const {
  if (!enabled_) return;
  std::string eta = "?";
  if (done_now_ > 0) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    eta = duration_text(elapsed / static_cast<double>(done_now_) *
                        static_cast<double>(total_ - done_));
  }
  // \r and a clear-to-end-of-line: the line is redrawn in place whatever its previous length.
  std::fprintf(stderr, "\rsweep: %zu/%zu points done, %zu failed, ETA %s\033[K", done_, total_,
               failed_, eta.c_str());
  std::fflush(stderr);
}

}  // namespace dsdsi::cli
