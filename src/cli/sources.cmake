# Sources of src/cli, listed explicitly.
set(DSDSI_CLI_SOURCES
)
