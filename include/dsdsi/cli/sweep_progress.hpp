#pragma once
// A sweep's progress on stderr: points done of the total, failures and an estimate of the time
// left. On a terminal, one line redrawn in place as points finish. Otherwise (a batch job's
// log, e.g. Slurm's), a plain line every `interval` seconds from a timer thread, whether or
// not a point finished (a log that stays silent for an hour looks like a hung job), and a last
// line at the end.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <thread>

namespace dsdsi::cli {

class SweepProgress {
 public:
  // `total`: points of this sweep (or shard); `already_done`: kept from an earlier run.
  SweepProgress(std::size_t total, std::size_t already_done, std::chrono::milliseconds interval);
  ~SweepProgress();  // ends the line, or writes the last log line
  SweepProgress(const SweepProgress&) = delete;
  SweepProgress& operator=(const SweepProgress&) = delete;

  void point_finished(bool ok);

 private:
  void draw() const;           // the terminal line; mutex_ held
  void log_line() const;       // a plain line; mutex_ held
  std::string counts() const;  // "12/55 points done, 0 failed, ..."; mutex_ held
  void tick();                 // the timer thread

  const bool terminal_;
  const std::chrono::milliseconds interval_;
  const std::size_t total_;
  std::size_t done_;
  std::size_t done_now_ = 0;  // finished by this run, which the estimate is based on
  std::size_t failed_ = 0;
  const std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread timer_;
};

}  // namespace dsdsi::cli
