# Sources of src/metrics, listed explicitly.
set(DSDSI_METRICS_SOURCES
  src/metrics/batch_means.cpp
  src/metrics/csv_line.cpp
  src/metrics/csv_sink.cpp
  src/metrics/default_run_dir.cpp
  src/metrics/fanout_sink.cpp
  src/metrics/human_summary.cpp
  src/metrics/json_file.cpp
  src/metrics/latency_stats.cpp
  src/metrics/round_tally.cpp
  src/metrics/repeat_stats.cpp
  src/metrics/staged_output_dir.cpp
  src/metrics/student_t.cpp
  src/metrics/summary.cpp
  src/metrics/timeline_sink.cpp
)
