# Simulation tests (they run the dsdsi binary).
set(DSDSI_SIM_TEST_SOURCES
  sim/bad_input_cli_test.cpp
  sim/capacity_search_sim_test.cpp
  sim/cloud_servers_sim_test.cpp
  sim/closed_form_sim_test.cpp
  sim/determinism_sim_test.cpp
  sim/platform_xml_sim_test.cpp
  sim/round_timing_sim_test.cpp
  sim/saturation_sim_test.cpp
  sim/run_binary.cpp
  sim/shipped_scenarios_test.cpp
  sim/sweep_outputs.cpp
  sim/sweep_sim_test.cpp
  sim/sweep_table3_test.cpp
)
