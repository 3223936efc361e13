# Sources of src/config, listed explicitly.
set(DSDSI_CONFIG_SOURCES
  src/config/config_error.cpp
  src/config/did_you_mean.cpp
  src/config/document_shape.cpp
  src/config/key_path.cpp
  src/config/latency_shorthands.cpp
  src/config/overrides.cpp
  src/config/param_check.cpp
  src/config/parameter_table.cpp
  src/config/platform_path.cpp
  src/config/problem_list.cpp
  src/config/scenario_file.cpp
  src/config/scenario_loader.cpp
  src/config/scenario_reference.cpp
)
