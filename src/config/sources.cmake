# Sources of src/config, listed explicitly.
set(DSDSI_CONFIG_SOURCES
)
