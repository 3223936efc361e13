# Unit tests of sweeps and closed-form analysis (no engine).
list(APPEND DSDSI_UNIT_TEST_SOURCES
  unit/analyze_closed_form_test.cpp
  unit/sweep_csv_line_test.cpp
  unit/sweep_expansion_test.cpp
  unit/sweep_plan_test.cpp
  unit/sweep_summary_test.cpp
  unit/sweep_table_test.cpp
)
