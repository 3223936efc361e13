# Sources of src/sim (the SimGrid side), listed explicitly.
set(DSDSI_SIM_SOURCES
  src/sim/cloud_receiver.cpp
  src/sim/cloud_verifier.cpp
  src/sim/edge_client.cpp
  src/sim/job_queue.cpp
  src/sim/platform_file.cpp
  src/sim/platform_layout.cpp
  src/sim/server_directory.cpp
  src/sim/server_stats.cpp
  src/sim/simgrid_options.cpp
  src/sim/simulation.cpp
  src/sim/star_platform.cpp
  src/sim/platform_prescan.cpp
  src/sim/platform_profiles.cpp
  src/sim/platform_structure.cpp
  src/sim/xml_declarations.cpp
)
