#pragma once
// When each link went off and on during the run (SimGrid's Link::on_state_change signal): what a
// device knows of its own connection (it saw its link drop), each client's outage time, and the
// timeline's links-down count. Recorded only when the network can fail.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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
  // Forgets the previous run's links (before a platform is built), then starts recording.
  static void reset();
  static void record();
  // `link`'s outages last, in turn, the durations (s) in `down_s`, drawn as the run goes
  // (network.outages): when it goes off, LinkStates knows when it will be on again.
  static void expect_outages(const simgrid::s4u::Link* link,
                             std::shared_ptr<const std::vector<double>> down_s);
  // When every link of `links` that is off now will be on again, if known for all of them
  // (none off: now). Lets a device skip the checks of its connection that would find it down.
  static std::optional<double> back_on_ms(const std::vector<const simgrid::s4u::Link*>& links);
  static const std::vector<LinkTransition>& transitions();
  // The last time one of `links` went off (negative: never), and whether all are on now.
  static double last_off_ms(const std::vector<const simgrid::s4u::Link*>& links);
  static bool all_on(const std::vector<const simgrid::s4u::Link*>& links);
  // Calls `on_failure` whenever one of `links` goes off (in SimGrid's kernel context: it may
  // only wake actors, e.g. release a semaphore), until unwatch(owner). What lets a device sleep
  // until its connection fails instead of checking it periodically.
  static void watch_failures(const std::vector<const simgrid::s4u::Link*>& links, const void* owner,
                             std::function<void()> on_failure);
  static void unwatch(const void* owner);
  // The periods [from, to), in [0, end_ms], in which at least one of `links` was off.
  static std::vector<std::pair<double, double>> down_periods(
      const std::vector<const simgrid::s4u::Link*>& links, double end_ms);
};

// The links of the routes between `edge` and each of `servers`, both ways, each once.
std::vector<const simgrid::s4u::Link*> route_links(const simgrid::s4u::Host* edge,
                                                   const std::vector<simgrid::s4u::Host*>& servers);

}  // namespace dsdsi
