# Unit tests of src/config.
list(APPEND DSDSI_UNIT_TEST_SOURCES
)
