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

namespace {

// Probes that close a bracket (pass, fail) of this width, in the worst case.
std::int64_t halvings(std::int64_t width) {
  std::int64_t probes = 0;
  for (; width > 1; ++probes) width -= width / 2;
  return probes;
}

}  // namespace

std::int64_t CapacitySearch::probes_left_at_most() const {
  if (!largest_pass_ && !smallest_fail_) return 1 + (max_ > min_ ? 1 + halvings(max_ - min_) : 0);
  if (!largest_pass_) return 0;
  if (!smallest_fail_) return *largest_pass_ == max_ ? 0 : 1 + halvings(max_ - *largest_pass_);
  return halvings(*smallest_fail_ - *largest_pass_);
}

void CapacitySearch::record(std::int64_t clients, bool pass) {
  if (pass) {
    if (!largest_pass_ || clients > *largest_pass_) largest_pass_ = clients;
  } else {
    if (!smallest_fail_ || clients < *smallest_fail_) smallest_fail_ = clients;
  }
}

}  // namespace dsdsi::cli
