#pragma once
// The generated star's time-varying access links (docs/network.md): `network.trace` plays a
// bandwidth (and latency) trace on each client's access link, both directions, from the client's
// own offset into the loop; `network.outages` switches the link off and on with exponential up
// and down periods drawn from the client's own stream, as a SimGrid state profile generated as
// the run goes (so it never runs out, and adding clients moves no one's outages).
#include <cstdint>
#include <simgrid/s4u/Link.hpp>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// Attaches the scenario's profiles to client `client`'s access link; before the link is sealed.
void attach_access_profiles(const Scenario& s, std::int64_t client,
                            simgrid::s4u::SplitDuplexLink* link);

// Client `client`'s offset into the trace, in seconds: the scenario's, or its own random one.
double trace_offset_s(const Scenario& s, std::int64_t client);

}  // namespace dsdsi
