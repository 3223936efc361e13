# Unit tests of src/config.
list(APPEND DSDSI_UNIT_TEST_SOURCES
  unit/config_acceptance_test.cpp
  unit/config_bad_scenarios_test.cpp
  unit/config_did_you_mean_test.cpp
  unit/config_docs_test.cpp
  unit/config_file_test.cpp
  unit/config_json_text_test.cpp
  unit/config_latency_model_test.cpp
  unit/config_latency_table_test.cpp
  unit/config_real_inputs_test.cpp
  unit/config_loader_test.cpp
  unit/config_network_devices_test.cpp
  unit/config_overrides_test.cpp
  unit/config_platform_test.cpp
  unit/config_policy_test.cpp
  unit/config_profile_file_test.cpp
  unit/config_table_test.cpp
  unit/config_workload_test.cpp
  unit/config_workload_trace_test.cpp
)
