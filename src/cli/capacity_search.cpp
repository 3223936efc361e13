#include "dsdsi/cli/capacity_search.hpp"

namespace dsdsi::cli {

CapacitySearch::CapacitySearch(std::int64_t min_clients, std::int64_t max_clients)
    : min_(min_clients), max_(max_clients) {}

// Probes min first (if it fails there is nothing to bisect), then max (if it passes the answer
// is "at least max"), then halves the bracket [largest pass, smallest fail] until it is closed.
std::optional<std::int64_t> CapacitySearch::next_probe() const {
  if (!largest_pass_ && !smallest_fail_) return min_;
  if (!largest_pass_) return std::nullopt;  // min failed
  if (!smallest_fail_) return *largest_pass_ == max_ ? std::nullopt : std::optional(max_);
  if (*smallest_fail_ - *largest_pass_ <= 1) return std::nullopt;
  return *largest_pass_ + (*smallest_fail_ - *largest_pass_) / 2;
}

void CapacitySearch::record(std::int64_t clients, bool pass) {
  if (pass) {
    if (!largest_pass_ || clients > *largest_pass_) largest_pass_ = clients;
  } else {
    if (!smallest_fail_ || clients < *smallest_fail_) smallest_fail_ = clients;
  }
}

}  // namespace dsdsi::cli
