# Sources of src/cli (CLI11 commands), listed explicitly.
set(DSDSI_CLI_SOURCES
  src/cli/dispatch.cpp
  src/cli/params_command.cpp
  src/cli/run_command.cpp
  src/cli/run_outputs.cpp
  src/cli/validate_command.cpp
)
