# Tests written in Python, run with Debian's interpreter (/usr/bin/python3: Debian's
# python3-pandas is installed for it, not for another python3 that may come first on PATH).
find_program(DSDSI_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(DSDSI_PYTHON3 python3)

# Every summary.json key and CSV column of a real run, sweep and capacity search is defined in
# the Metrics section of docs/model.md.
add_test(NAME MetricsDocumented
         COMMAND ${DSDSI_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/docs/metrics_documented.py
                 $<TARGET_FILE:dsdsi> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/metrics_documented)
set_tests_properties(MetricsDocumented PROPERTIES LABELS docs TIMEOUT 300)

# The pandas loader (python/dsdsi) on folders the binary writes.
add_test(NAME PythonLoader
         COMMAND ${DSDSI_PYTHON3} -m unittest -v test_loader
         WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/python)
set_tests_properties(PythonLoader PROPERTIES LABELS python TIMEOUT 300
  ENVIRONMENT "DSDSI_BINARY=$<TARGET_FILE:dsdsi>;DSDSI_SOURCE_DIR=${CMAKE_SOURCE_DIR};PYTHONDONTWRITEBYTECODE=1")

# tools/import-network-trace on small fixtures (exact conversions, bad input), and the shipped
# profiles in platforms/traces/ (format, licence headers, the platforms that load them).
add_test(NAME ImportNetworkTrace
         COMMAND ${DSDSI_PYTHON3} -m unittest -v test_import_network_trace
         WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/tools)
set_tests_properties(ImportNetworkTrace PROPERTIES LABELS python TIMEOUT 120
  ENVIRONMENT "DSDSI_BINARY=$<TARGET_FILE:dsdsi>;DSDSI_SOURCE_DIR=${CMAKE_SOURCE_DIR};PYTHONDONTWRITEBYTECODE=1")

# tools/bench-vs-dsdsim without DSD-Sim: its matched scenario runs in dsdsi, its job count
# matches the per-request records, both simulators' configs encode the same parameters, and
# DSD-Sim's report is parsed right.
add_test(NAME BenchVsDsdsim
         COMMAND ${DSDSI_PYTHON3} -m unittest -v test_bench_vs_dsdsim
         WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/tools)
set_tests_properties(BenchVsDsdsim PROPERTIES LABELS python TIMEOUT 120
  ENVIRONMENT "DSDSI_BINARY=$<TARGET_FILE:dsdsi>;DSDSI_SOURCE_DIR=${CMAKE_SOURCE_DIR};PYTHONDONTWRITEBYTECODE=1")
