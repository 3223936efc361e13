# `cmake --install build --prefix P`: the binary in P/bin, the data a scenario names (platforms,
# latency tables, scenarios and their traces), the parts `dsdsi new` assembles (presets/,
# acceptance/) and the Python loader in P/share/dsdsi, the docs in
# P/share/doc/dsdsi. An installed dsdsi finds its data relative to its own location
# (../share/dsdsi), so the prefix can be moved after installing.
include(GNUInstallDirs)

set(DSDSI_INSTALL_DATA_DIR ${CMAKE_INSTALL_DATADIR}/dsdsi)
# The data directory as seen from the binary's directory, both relative to the prefix.
file(RELATIVE_PATH _dsdsi_data_from_bindir "/prefix/${CMAKE_INSTALL_BINDIR}"
     "/prefix/${DSDSI_INSTALL_DATA_DIR}")
# Only the file that resolves paths needs it: other translation units keep their ccache entries.
set_property(SOURCE src/config/platform_path.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             DSDSI_DATA_FROM_BINDIR="${_dsdsi_data_from_bindir}")

install(TARGETS dsdsi RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY platforms latency scenarios presets acceptance DESTINATION ${DSDSI_INSTALL_DATA_DIR})
install(DIRECTORY python/dsdsi DESTINATION ${DSDSI_INSTALL_DATA_DIR}/python
        PATTERN __pycache__ EXCLUDE)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES README.md LICENSE NOTICE CHANGELOG.md CITATION.cff
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
