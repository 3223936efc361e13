#pragma once
// The progress line of a sweep on a terminal: points done of the total, failures and an
// estimate of the time left, redrawn in place on stderr. Quiet when stderr is not a terminal
// (a batch job's log should not fill with carriage returns).
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace dsdsi::cli {

class SweepProgress {
 public:
  // `total`: points of this sweep (or shard); `already_done`: kept from an earlier run.
  SweepProgress(std::size_t total, std::size_t already_done);
  ~SweepProgress();  // ends the line, if one was drawn
  SweepProgress(const SweepProgress&) = delete;
  SweepProgress& operator=(const SweepProgress&) = delete;

  void point_finished(bool ok);

 private:
  void draw() const;

  bool enabled_;
  std::size_t total_;
  std::size_t done_;
  std::size_t done_now_ = 0;  // finished by this run, which the estimate is based on
  std::size_t failed_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace dsdsi::cli
