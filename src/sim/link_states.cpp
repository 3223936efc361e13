#include "dsdsi/sim/link_states.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <simgrid/s4u/Host.hpp>

#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

namespace {
std::vector<LinkTransition>& log() {
  static std::vector<LinkTransition> transitions;
  return transitions;
}
std::map<const sg4::Link*, double>& last_off() {
  static std::map<const sg4::Link*, double> times;
  return times;
}
}  // namespace

void LinkStates::record() {
  static bool connected = false;
  if (connected) return;
  connected = true;
  sg4::Link::on_state_change_cb([](const sg4::Link& link) {
    const bool on = link.is_on();
    log().push_back({now_ms(), &link, on});
    if (!on) last_off()[&link] = now_ms();
  });
}

const std::vector<LinkTransition>& LinkStates::transitions() { return log(); }

double LinkStates::last_off_ms(const std::vector<const sg4::Link*>& links) {
  double last = -1;
  for (const auto* link : links) {
    const auto it = last_off().find(link);
    if (it != last_off().end()) last = std::max(last, it->second);
  }
  return last;
}

bool LinkStates::all_on(const std::vector<const sg4::Link*>& links) {
  return std::all_of(links.begin(), links.end(), [](const sg4::Link* l) { return l->is_on(); });
}

double LinkStates::down_ms(const std::vector<const sg4::Link*>& links, double end_ms) {
  const std::set<const sg4::Link*> watched(links.begin(), links.end());
  std::map<const sg4::Link*, bool> off;
  std::size_t links_off = 0;
  double since = 0, total = 0;
  for (const auto& t : log()) {
    if (t.time_ms > end_ms) break;
    if (watched.count(t.link) == 0) continue;
    bool& was_off = off[t.link];
    if (was_off == !t.on) continue;
    if (!t.on && links_off++ == 0) since = t.time_ms;
    if (t.on && --links_off == 0) total += t.time_ms - since;
    was_off = !t.on;
  }
  if (links_off > 0) total += end_ms - since;
  return total;
}

std::vector<const sg4::Link*> route_links(const sg4::Host* edge,
                                          const std::vector<sg4::Host*>& servers) {
  std::vector<const sg4::Link*> links;
  for (const sg4::Host* server : servers) {
    for (const auto& [from, to] : {std::pair{edge, server}, std::pair{server, edge}}) {
      std::vector<sg4::Link*> route;
      double latency = 0;
      from->route_to(to, route, &latency);
      for (const sg4::Link* link : route) {
        if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(link);
      }
    }
  }
  return links;
}

}  // namespace dsdsi
