#pragma once
// The measurement window of a run (measure.warmup_ms, measure.horizon_ms; docs/measurement.md):
// [warmup, end), where end is the horizon, or the last completion when there is none or the run
// ended before it. A request belongs to the window when it was submitted in it; a round or a
// batch when it started in it. Busy time is clipped to it.
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

struct MeasureWindow {
  double warmup_ms = 0;
  double horizon_ms = 0;  // 0: none

  static MeasureWindow of(const MeasureParams& m) { return {m.warmup_ms, m.horizon_ms}; }
  // The window's end once the run is over.
  double end_ms(double makespan_ms) const {
    return horizon_ms > 0 && horizon_ms < makespan_ms ? horizon_ms : makespan_ms;
  }
  // Whether the end is known before the run: with a horizon, as long as the run reaches it.
  bool has_horizon() const { return horizon_ms > 0; }
  bool request_in(double submit_ms) const { return submit_ms >= warmup_ms; }
  // Rounds and batches: by their start (the horizon, when given, closes the window; without
  // one, every round starts before the last completion).
  bool started_in(double start_ms) const {
    return start_ms >= warmup_ms && (horizon_ms <= 0 || start_ms < horizon_ms);
  }
};

}  // namespace dsdsi
