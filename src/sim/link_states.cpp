#include "dsdsi/sim/link_states.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <simgrid/s4u/Engine.hpp>
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
struct Expected {
  std::shared_ptr<const std::vector<double>> down_s;
  std::size_t outages = 0;  // how many times the link has gone off
  double back_on_ms = -1;   // when the current outage ends
};
std::map<const sg4::Link*, Expected>& expected() {
  static std::map<const sg4::Link*, Expected> by_link;
  return by_link;
}
struct Watcher {
  const void* owner;
  std::function<void()> on_failure;
};
std::map<const sg4::Link*, std::vector<Watcher>>& watchers() {
  static std::map<const sg4::Link*, std::vector<Watcher>> by_link;
  return by_link;
}
}  // namespace

void LinkStates::reset() {
  log().clear();
  last_off().clear();
  expected().clear();
  watchers().clear();
}

void LinkStates::expect_outages(const sg4::Link* link,
                                std::shared_ptr<const std::vector<double>> down_s) {
  expected()[link] = Expected{std::move(down_s)};
}

std::optional<double> LinkStates::back_on_ms(const std::vector<const sg4::Link*>& links) {
  double back = now_ms();
  for (const sg4::Link* link : links) {
    if (link->is_on()) continue;
    const auto it = expected().find(link);
    if (it == expected().end() || it->second.back_on_ms < 0) return std::nullopt;
    back = std::max(back, it->second.back_on_ms);
  }
  return back;
}

void LinkStates::record() {
  static bool connected = false;
  if (connected) return;
  connected = true;
  sg4::Link::on_state_change_cb([](const sg4::Link& link) {
    const bool on = link.is_on();
    log().push_back({now_ms(), &link, on});
    const auto expect = expected().find(&link);
    if (on) {
      if (expect != expected().end()) expect->second.back_on_ms = -1;
      return;
    }
    last_off()[&link] = now_ms();
    if (expect != expected().end()) {
      // SimGrid dates the next change at this one's date + the drawn duration: the same sum.
      Expected& e = expect->second;
      if (e.outages < e.down_s->size()) {
        e.back_on_ms = (sg4::Engine::get_clock() + (*e.down_s)[e.outages]) * 1e3;
      }
      ++e.outages;
    }
    const auto it = watchers().find(&link);
    if (it == watchers().end()) return;
    for (const Watcher& w : it->second) w.on_failure();
  });
}

void LinkStates::watch_failures(const std::vector<const sg4::Link*>& links, const void* owner,
                                std::function<void()> on_failure) {
  for (const sg4::Link* link : links) watchers()[link].push_back({owner, on_failure});
}

void LinkStates::unwatch(const void* owner) {
  for (auto& [link, list] : watchers()) {
    list.erase(std::remove_if(list.begin(), list.end(),
                              [owner](const Watcher& w) { return w.owner == owner; }),
               list.end());
  }
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

std::vector<std::pair<double, double>> LinkStates::down_periods(
    const std::vector<const sg4::Link*>& links, double end_ms) {
  const std::set<const sg4::Link*> watched(links.begin(), links.end());
  std::map<const sg4::Link*, bool> off;
  std::size_t links_off = 0;
  double since = 0;
  std::vector<std::pair<double, double>> periods;
  for (const auto& t : log()) {
    if (t.time_ms > end_ms) break;
    if (watched.count(t.link) == 0) continue;
    bool& was_off = off[t.link];
    if (was_off == !t.on) continue;
    if (!t.on && links_off++ == 0) since = t.time_ms;
    if (t.on && --links_off == 0) periods.emplace_back(since, t.time_ms);
    was_off = !t.on;
  }
  if (links_off > 0) periods.emplace_back(since, end_ms);
  return periods;
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
