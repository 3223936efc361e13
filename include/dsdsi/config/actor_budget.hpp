#pragma once
// How many SimGrid actors a run can create, and how their stacks are laid out. Each actor's
// stack is a memory mapping; with a guard page below it (SimGrid's default, which turns a stack
// overflow into a crash rather than a silent corruption of a neighbour) it is two mappings that
// the kernel cannot merge, and Linux allows a process 65,530 mappings by default
// (vm.max_map_count): above about 32,000 actors SimGrid 3.32 aborts ("Failed to protect
// stack"). A run must not depend on the machine's settings, so a run whose actors could exceed
// kMaxActorsWithGuardPages runs without guard pages (sim/simulation.cpp): its stacks are then
// adjacent mappings of the same kind, which the kernel merges, and of kLargeFleetStackKiB each
// (SimGrid's default is 8 MiB), of which an actor touches three pages: overflowing one takes a
// deep recursion that no actor of dsdsi has (they all run in 32 KiB).
//
// Actors: one per client; one verifier per server; where uploads need a cloud-side receiver
// (jitter, a network that can fail, on_failure "local"), one per client and server it is
// routed to; where the network can fail or the device may decode
// locally, one downlink receiver per client.
#include <cstdint>
#include <optional>
#include <string>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// Measured: 30,001 actors start with the default stacks and guards; 33,001 do not.
inline constexpr std::int64_t kMaxActorsWithGuardPages = 31'000;
// The stack of each actor of a run without guard pages, in KiB (sim/simulation.cpp says why).
inline constexpr std::int64_t kLargeFleetStackKiB = 512;
// What one run may start at all: about 20 KiB of memory per client of one actor (measured up to
// 1,000,000 clients: docs/performance.md), so this many actors need tens of GB. Refused above.
inline constexpr std::int64_t kMaxActors = 2'000'000;

// Whether a client's connections are direct (sim/simulation.cpp): no jitter, a network that
// cannot fail (`network_can_fail`: outages or a link's state_file) and no on_failure "local".
// Then the device hands its uploads over itself and needs no cloud-side receiver.
bool connections_are_direct(const Scenario& s, bool network_can_fail);

// The most actors the run could start with `servers` servers.
std::int64_t worst_case_actors(const Scenario& s, std::int64_t servers, bool network_can_fail);

// Null when the run stays within kMaxActors with `servers` servers; otherwise the problem, for
// an error message: how many actors it could need and why ("1 per client + ...").
std::optional<std::string> actor_budget_problem(const Scenario& s, std::int64_t servers,
                                                bool network_can_fail);

}  // namespace dsdsi
