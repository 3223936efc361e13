#include "dsdsi/metrics/round_tally.hpp"

#include <algorithm>
#include <limits>

namespace dsdsi {

RoundTally::RoundTally(MeasureWindow window) : window_(window) {
  if (window.has_horizon()) {
    batches_.emplace(window.warmup_ms, window.horizon_ms);
    by_batch_.emplace();
  }
}

void RoundTally::on_round(const RoundRecord& r) {
  if (r.kind == RoundKind::prefill || r.kind == RoundKind::resync ||
      !window_.started_in(r.verify_start_ms)) {
    return;  // prefills commit nothing: not rounds
  }
  const auto add = [&r](RoundSums& sums) {
    ++sums.rounds;
    sums.drafted += r.gamma;
    sums.accepted += r.accepted;
    sums.committed += r.committed;
  };
  add(total_);
  if (batches_) {
    if (const auto b = batches_->of(r.verify_start_ms)) add((*by_batch_)[*b]);
  }
}

void RoundTally::on_batch(const BatchRecord& r) {
  const double end =
      window_.has_horizon() ? window_.horizon_ms : std::numeric_limits<double>::infinity();
  const auto overlap = [&r](double from, double to) {
    return std::max(0.0, std::min(r.end_ms, to) - std::max(r.start_ms, from));
  };
  total_.busy_ms += overlap(window_.warmup_ms, end);
  if (window_.started_in(r.start_ms)) {
    ++total_.batches;
    total_.batch_jobs += r.size;
  }
  if (!batches_) return;
  for (std::size_t b = 0; b < kTimeBatches; ++b) {
    const double from = batches_->start_of(b);
    const double to = b + 1 < kTimeBatches ? batches_->start_of(b + 1) : end;
    (*by_batch_)[b].busy_ms += overlap(from, to);
  }
  if (const auto b = batches_->of(r.start_ms)) {
    ++(*by_batch_)[*b].batches;
    (*by_batch_)[*b].batch_jobs += r.size;
  }
}

}  // namespace dsdsi
