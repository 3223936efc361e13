#pragma once
// Internal to src/sim: the two ways of getting a platform.
#include "dsdsi/sim/platform_layout.hpp"

namespace dsdsi {

PlatformLayout build_star_platform(const Scenario& scenario);
PlatformLayout load_platform_file(simgrid::s4u::Engine& engine, const Scenario& scenario);

// Round-trip latency a -> b -> a over the platform's routes, in ms (0 when there is no route).
double route_rtt_ms(const simgrid::s4u::Host* a, const simgrid::s4u::Host* b);

}  // namespace dsdsi
