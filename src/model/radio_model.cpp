#include "dsdsi/model/radio_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace dsdsi {

namespace {

constexpr double kBitsPerMbit = 1e6;

// Walks the busy periods of a device in time order and charges every state.
class RadioTimeline {
 public:
  explicit RadioTimeline(const RadioParams& radio) : radio_(radio) {}

  void promote(double seconds, double watts) {
    ++usage_.promotions;
    usage_.promotion_s += seconds;
    promotion_j_ += seconds * watts;
  }

  void busy(double seconds) { usage_.active_s += seconds; }

  // `gap` seconds without a transfer, after a busy period. `next` is false after the last one,
  // whose tail runs to its end.
  void quiet(double gap, bool next) {
    const RadioParams& r = radio_;
    if (!next || gap >= r.tail_s()) {
      usage_.inactivity_s += r.inactivity_timer_s;
      usage_.short_tail_s += r.short_tail_s;
      usage_.long_tail_s += r.long_tail_s;
      if (!next) return;
      usage_.idle_s += gap - r.tail_s();
      promote(r.promotion_s, r.promotion_w);
      return;
    }
    const double inactivity = std::min(gap, r.inactivity_timer_s);
    const double short_tail = std::min(gap - inactivity, r.short_tail_s);
    const double long_tail = gap - inactivity - short_tail;
    usage_.inactivity_s += inactivity;
    usage_.short_tail_s += short_tail;
    usage_.long_tail_s += long_tail;
    if (long_tail > 0 && r.long_tail_promotion_s > 0) {
      promote(r.long_tail_promotion_s, r.long_tail_promotion_w);
    }
  }

  RadioUsage finish(double mbit_up, double mbit_down) {
    const RadioParams& r = radio_;
    usage_.energy_j = promotion_j_ + (usage_.active_s + usage_.inactivity_s) * r.active_w +
                      r.active_w_per_mbps_up * mbit_up + r.active_w_per_mbps_down * mbit_down +
                      usage_.short_tail_s * r.short_tail_w + usage_.long_tail_s * r.long_tail_w +
                      usage_.idle_s * r.idle_w;
    return usage_;
  }

 private:
  const RadioParams& radio_;
  RadioUsage usage_;
  double promotion_j_ = 0;
};

}  // namespace

RadioUsage& RadioUsage::operator+=(const RadioUsage& other) {
  energy_j += other.energy_j;
  promotions += other.promotions;
  promotion_s += other.promotion_s;
  active_s += other.active_s;
  inactivity_s += other.inactivity_s;
  short_tail_s += other.short_tail_s;
  long_tail_s += other.long_tail_s;
  idle_s += other.idle_s;
  return *this;
}

RadioUsage radio_usage(const RadioParams& radio, std::vector<RadioTransfer> transfers) {
  if (transfers.empty()) return {};
  double mbit_up = 0, mbit_down = 0;
  for (const RadioTransfer& t : transfers) {
    if (!std::isfinite(t.start_s) || !std::isfinite(t.end_s) || t.end_s < t.start_s) {
      throw std::invalid_argument("radio transfer from " + std::to_string(t.start_s) + " s to " +
                                  std::to_string(t.end_s) + " s");
    }
    (t.direction == LinkDirection::up ? mbit_up : mbit_down) += t.bytes * 8 / kBitsPerMbit;
  }
  std::sort(transfers.begin(), transfers.end(),
            [](const RadioTransfer& a, const RadioTransfer& b) { return a.start_s < b.start_s; });
  RadioTimeline timeline(radio);
  timeline.promote(radio.promotion_s, radio.promotion_w);  // the first transfer finds it IDLE
  double busy_start = transfers.front().start_s, busy_end = transfers.front().end_s;
  for (const RadioTransfer& t : transfers) {
    if (t.start_s <= busy_end) {  // overlaps or touches the busy period: the radio stays active
      busy_end = std::max(busy_end, t.end_s);
      continue;
    }
    timeline.busy(busy_end - busy_start);
    timeline.quiet(t.start_s - busy_end, true);
    busy_start = t.start_s;
    busy_end = t.end_s;
  }
  timeline.busy(busy_end - busy_start);
  timeline.quiet(0, false);
  return timeline.finish(mbit_up, mbit_down);
}

}  // namespace dsdsi
