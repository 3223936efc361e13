# Debian's libsimgrid-dev ships only simgrid.pc: no CMake package, no Find module.
# This wraps pkg-config and exposes one imported target, SimGrid::SimGrid, whose headers are
# SYSTEM includes (so -Wpedantic stays about our code).
find_package(PkgConfig REQUIRED)
set(_dsdsi_simgrid_req simgrid)
if(SimGrid_FIND_VERSION)
  set(_dsdsi_simgrid_req "simgrid>=${SimGrid_FIND_VERSION}")
endif()
pkg_check_modules(PC_SIMGRID QUIET IMPORTED_TARGET ${_dsdsi_simgrid_req})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SimGrid
  REQUIRED_VARS PC_SIMGRID_FOUND
  VERSION_VAR PC_SIMGRID_VERSION
  REASON_FAILURE_MESSAGE "install Debian's libsimgrid-dev (SimGrid >= 3.32) and pkg-config")
if(SimGrid_FOUND AND NOT TARGET SimGrid::SimGrid)
  add_library(SimGrid::SimGrid INTERFACE IMPORTED)
  target_link_libraries(SimGrid::SimGrid INTERFACE PkgConfig::PC_SIMGRID)
endif()
