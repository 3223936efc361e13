# Unit tests of src/model.
list(APPEND DSDSI_UNIT_TEST_SOURCES
  unit/model_acceptance_test.cpp
  unit/model_chunked_prefill_test.cpp
  unit/model_closed_form_network_test.cpp
  unit/model_closed_form_test.cpp
  unit/model_device_assignment_test.cpp
  unit/model_jitter_line_test.cpp
  unit/model_latency_test.cpp
  unit/model_length_table_fit_test.cpp
  unit/model_latency_vidur_test.cpp
  unit/model_payload_test.cpp
  unit/model_radio_test.cpp
  unit/model_policy_aimd_test.cpp
  unit/model_policy_analytic_test.cpp
  unit/model_policy_awc_test.cpp
  unit/model_policy_estimator_test.cpp
  unit/model_policy_wait_quantile_test.cpp
  unit/model_round_logic_test.cpp
  unit/model_server_scheduler_test.cpp
  unit/model_start_offsets_test.cpp
)
