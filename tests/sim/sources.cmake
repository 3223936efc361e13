# Simulation tests (they run the dsdsi binary).
set(DSDSI_SIM_TEST_SOURCES
  sim/run_binary.cpp
)
