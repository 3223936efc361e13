#pragma once
// SimGrid counts seconds; dsdsi's scenarios and records count milliseconds. Convert only here.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace dsdsi {

inline double now_ms() { return simgrid::s4u::Engine::get_clock() * 1e3; }
inline void spend_ms(double ms) {
  if (ms > 0) simgrid::s4u::this_actor::sleep_for(ms * 1e-3);
}

}  // namespace dsdsi
