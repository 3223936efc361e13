# Sources of src/model (pure domain logic, no SimGrid), listed explicitly.
set(DSDSI_MODEL_SOURCES
  src/model/decoding_mode.cpp
)
