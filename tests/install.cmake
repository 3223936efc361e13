# An installed dsdsi (cmake --install into a prefix that is then moved) runs shipped scenarios
# from an unrelated folder on the data installed with it.
add_test(NAME InstalledDsdsi
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/installed_dsdsi_test.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/installed_dsdsi)
set_tests_properties(InstalledDsdsi PROPERTIES LABELS install TIMEOUT 300)
