# Sources of src/cli (CLI11 commands), listed explicitly.
set(DSDSI_CLI_SOURCES
  src/cli/analyze_command.cpp
  src/cli/capacity_command.cpp
  src/cli/capacity_search.cpp
  src/cli/dispatch.cpp
  src/cli/merge_command.cpp
  src/cli/params_command.cpp
  src/cli/point_process.cpp
  src/cli/run_command.cpp
  src/cli/run_outputs.cpp
  src/cli/slo.cpp
  src/cli/sweep_command.cpp
  src/cli/sweep_output_dir.cpp
  src/cli/sweep_progress.cpp
  src/cli/sweep_table.cpp
  src/cli/validate_command.cpp
)
