// The parameter table's `measure.*` rows: what the summary measures and over which window
// (docs/measurement.md explains each).
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/param_builder.hpp"
#include "parameter_rows.hpp"

namespace dsdsi {

std::vector<ParamSpec> measure_rows() {
  using S = Scenario;
  using M = MeasureParams;
  return {
      Param::number("measure.horizon_ms", "ms",
                    "No request is submitted after this time; requests in flight then run to "
                    "their end and are reported. The measurement window ends here. With it, "
                    "`workload.requests_per_client` may be left out: clients submit until the "
                    "horizon.")
          .optional()
          .above(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::horizon_ms),
      Param::number("measure.warmup_ms", "ms",
                    "Start of the measurement window: requests submitted before it, and rounds "
                    "and batches that start before it, are left out of every summary metric "
                    "(the CSVs keep them, with `in_window` 0). Below `measure.horizon_ms`.")
          .default_to(0)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::warmup_ms),
      Param::number("measure.timeline_ms", "ms",
                    "Interval of timeline.csv (one row per interval and server); 0: no "
                    "timeline.csv.")
          .default_to(1000)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::timeline_ms),
      Param::number("measure.slo.ttft_ms", "ms",
                    "SLO on each request's time to first token (a request meets the SLO when it "
                    "meets every bound given).")
          .optional()
          .above(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::slo, &SloParams::ttft_ms),
      Param::number("measure.slo.tpot_ms", "ms", "SLO on each request's time per output token.")
          .optional()
          .above(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::slo, &SloParams::tpot_ms),
      Param::number("measure.slo.e2e_ms", "ms", "SLO on each request's end-to-end latency.")
          .optional()
          .above(0)
          .at_most(limits::kMaxMs)
          .store(&S::measure, &M::slo, &SloParams::e2e_ms),
  };
}

}  // namespace dsdsi
