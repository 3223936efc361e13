# Sources of src/metrics, listed explicitly.
set(DSDSI_METRICS_SOURCES
)
