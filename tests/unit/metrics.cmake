# Unit tests of src/metrics.
list(APPEND DSDSI_UNIT_TEST_SOURCES
  unit/metrics_batch_means.cpp
  unit/metrics_csv_sink.cpp
  unit/metrics_human_summary.cpp
  unit/metrics_json_file.cpp
  unit/metrics_latency_stats.cpp
  unit/metrics_queue_length_peaks_test.cpp
  unit/metrics_staged_output_dir.cpp
  unit/metrics_student_t_test.cpp
  unit/metrics_summary.cpp
)
