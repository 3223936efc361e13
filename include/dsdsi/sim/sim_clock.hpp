#pragma once
// SimGrid counts seconds; dsdsi's scenarios and records count milliseconds. Convert only here.
//
// Two ways to let time pass: computing (drafting, prefilling, verifying) runs on the actor's host
// as a SimGrid execution, so the host is busy and its energy plugin charges busy power; waiting
// (think time, jitter, an idle verifier) is a sleep, which leaves the host idle. An execution is
// sized at ms x the host's speed, so on a host that nothing else uses it takes exactly `ms`.
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

namespace dsdsi {

inline double now_ms() { return simgrid::s4u::Engine::get_clock() * 1e3; }
inline void spend_ms(double ms) {
  if (ms > 0) simgrid::s4u::this_actor::sleep_for(ms * 1e-3);
}
inline double flops_for_ms(double ms) {
  return ms * 1e-3 * simgrid::s4u::this_actor::get_host()->get_speed();
}
inline void compute_ms(double ms) {
  if (ms > 0) simgrid::s4u::this_actor::execute(flops_for_ms(ms));
}
// Starts computing for `ms` in the background (pipelined drafting); null when ms <= 0.
inline simgrid::s4u::ExecPtr start_computing_ms(double ms) {
  if (!(ms > 0)) return nullptr;
  return simgrid::s4u::this_actor::exec_async(flops_for_ms(ms));
}

}  // namespace dsdsi
