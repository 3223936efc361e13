# Sources of src/sim, listed explicitly.
set(DSDSI_SIM_SOURCES
)
