# Validation against published measurements (docs/validation.md): each row of
# validation/validation_table.json runs its scenario in scenarios/validation/ (a few seconds).
add_executable(dsdsi_validation_tests validation/validation_test.cpp sim/run_binary.cpp)
target_include_directories(dsdsi_validation_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/sim)
target_link_libraries(dsdsi_validation_tests PRIVATE dsdsi_core GTest::gtest_main)
target_compile_definitions(dsdsi_validation_tests PRIVATE DSDSI_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
                                                          DSDSI_BINARY="$<TARGET_FILE:dsdsi>")
add_dependencies(dsdsi_validation_tests dsdsi)
dsdsi_set_warnings(dsdsi_validation_tests)
gtest_discover_tests(dsdsi_validation_tests DISCOVERY_TIMEOUT 60
                     PROPERTIES LABELS validation TIMEOUT 300)
