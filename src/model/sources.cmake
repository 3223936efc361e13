# Sources of src/model (pure domain logic, no SimGrid), listed explicitly.
set(DSDSI_MODEL_SOURCES
  src/model/acceptance_model.cpp
  src/model/batch_cost.cpp
  src/model/closed_form.cpp
  src/model/closed_form_analysis.cpp
  src/model/decoding_mode.cpp
  src/model/distribution.cpp
  src/model/latency_model.cpp
  src/model/random_stream.cpp
  src/model/request_router.cpp
  src/model/request_source.cpp
  src/model/round_logic.cpp
  src/model/server_scheduler.cpp
  src/model/speculation/fixed_policy.cpp
  src/model/speculation_policy.cpp
)
