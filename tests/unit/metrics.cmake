# Unit tests of src/metrics.
list(APPEND DSDSI_UNIT_TEST_SOURCES
)
