#pragma once
// The bisection of `dsdsi capacity`: the largest number of clients in [min, max] whose probe
// meets every SLO, assuming that meeting them gets no easier with more clients. Pure logic: the
// command runs the probes (each a simulation process of its own) and reports back.
#include <cstdint>
#include <optional>

namespace dsdsi::cli {

class CapacitySearch {
 public:
  CapacitySearch(std::int64_t min_clients, std::int64_t max_clients);

  // The next number of clients to probe; nullopt once the answer is known.
  std::optional<std::int64_t> next_probe() const;
  void record(std::int64_t clients, bool pass);

  // Once done: the largest passing number of clients (nullopt when even min fails).
  std::optional<std::int64_t> capacity() const { return largest_pass_; }
  // The answer is only a lower bound: max itself passed.
  bool capped_at_max() const { return largest_pass_ && *largest_pass_ == max_; }
  // The smallest failing number of clients probed (nullopt when none failed).
  std::optional<std::int64_t> smallest_fail() const { return smallest_fail_; }

  // The most probes the search can still make, a probe being made included (the worst case of
  // the bisection: each halving keeps the larger half), for a progress estimate.
  std::int64_t probes_left_at_most() const;

 private:
  std::int64_t min_;
  std::int64_t max_;
  std::optional<std::int64_t> largest_pass_;   // lower end of the bracket
  std::optional<std::int64_t> smallest_fail_;  // upper end of the bracket
};

}  // namespace dsdsi::cli
