#pragma once
// When each link went off and on during the run (SimGrid's Link::on_state_change signal): what a
// device knows of its own connection (it saw its radio drop), each client's outage time, and the
// timeline's links-down count. Recorded only when the network can fail.
#include <cstdint>
#include <simgrid/s4u/Link.hpp>
#include <vector>

namespace dsdsi {

struct LinkTransition {
  double time_ms = 0;
  const simgrid::s4u::Link* link = nullptr;
  bool on = true;
};

class LinkStates {
 public:
  // Starts recording (once per process: there is one engine).
  static void record();
  static const std::vector<LinkTransition>& transitions();
  // The last time one of `links` went off (negative: never), and whether all are on now.
  static double last_off_ms(const std::vector<const simgrid::s4u::Link*>& links);
  static bool all_on(const std::vector<const simgrid::s4u::Link*>& links);
  // How long, in [0, end_ms], at least one of `links` was off.
  static double down_ms(const std::vector<const simgrid::s4u::Link*>& links, double end_ms);
};

// The links of the routes between `edge` and each of `servers`, both ways, each once.
std::vector<const simgrid::s4u::Link*> route_links(const simgrid::s4u::Host* edge,
                                                   const std::vector<simgrid::s4u::Host*>& servers);

}  // namespace dsdsi
