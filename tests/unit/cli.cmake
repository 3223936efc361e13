# Unit tests of src/cli's pure parts.
list(APPEND DSDSI_UNIT_TEST_SOURCES
  unit/cli_capacity_report_test.cpp
  unit/cli_capacity_test.cpp
  unit/cli_new_presets_test.cpp
)
