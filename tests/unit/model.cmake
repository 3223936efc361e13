# Unit tests of src/model.
list(APPEND DSDSI_UNIT_TEST_SOURCES
)
