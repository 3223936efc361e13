#pragma once
// How many SimGrid actors a run can create, and how many it may. Each actor's stack is a guarded
// memory mapping (two mappings), and Linux allows a process 65,530 mappings by default
// (vm.max_map_count): above about 32,000 actors SimGrid 3.32 aborts ("Failed to protect
// stack"). A run must not depend on the machine's settings, so scenarios whose actors could
// exceed kMaxActors are refused before anything runs.
//
// Actors: one per client; one verifier per server; where uploads need a cloud-side receiver
// (jitter, a network that can fail, on_failure "local"), one per client and server it is
// routed to; where the network can fail or the device may decode
// locally, one downlink receiver per client.
#include <cstdint>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// Measured: 30,001 actors start with the default stacks and guards; 33,001 do not.
inline constexpr std::int64_t kMaxActors = 31'000;

// The most actors the run can create, for `servers` servers; `network_can_fail`: outages or a
// link's state_file.
std::int64_t worst_case_actors(const Scenario& s, std::int64_t servers, bool network_can_fail);

// Why a scenario needs that many, for an error message ("1 per client + ...").
std::string actor_count_explained(const Scenario& s, std::int64_t servers, bool network_can_fail);

}  // namespace dsdsi
