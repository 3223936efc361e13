#include "dsdsi/sim/stack_layout.hpp"

#include <malloc.h>

#include <limits>
#include <simgrid/s4u/Engine.hpp>
#include <string>

#include "dsdsi/config/actor_budget.hpp"

namespace dsdsi {

void drop_guard_pages() {
  simgrid::s4u::Engine::set_config("contexts/guard-size:0");
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  mallopt(M_MMAP_MAX, std::numeric_limits<int>::max());
}

void use_large_fleet_stacks() {
  simgrid::s4u::Engine::set_config("contexts/stack-size:" + std::to_string(kLargeFleetStackKiB));
}

}  // namespace dsdsi
