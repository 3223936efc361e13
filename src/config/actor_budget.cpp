#include "dsdsi/config/actor_budget.hpp"

#include <algorithm>
#include <string>

#include "dsdsi/model/jitter_line.hpp"

namespace dsdsi {

namespace {
struct PerClient {
  bool receivers = false;  // a CloudReceiver per client and server
  bool downlink = false;   // a downlink receiver per client
};

PerClient per_client(const Scenario& s, bool network_can_fail) {
  PerClient p;
  p.downlink = network_can_fail || s.edge.on_failure == kOnFailureLocal;
  p.receivers = !connections_are_direct(s, network_can_fail);
  if (s.mode == DecodingMode::edge_ar) p = PerClient{};  // no cloud
  return p;
}

// The servers one client's requests can reach: each request is routed once, so a client with a
// fixed number of requests reaches at most that many.
std::int64_t servers_per_client(const Scenario& s, std::int64_t servers) {
  const WorkloadParams& w = s.workload;
  if (w.arrival.kind == ArrivalKind::trace || w.requests_per_client <= 0) return servers;
  return std::min(servers, w.requests_per_client);
}

std::string actor_count_explained(const Scenario& s, std::int64_t servers, bool network_can_fail) {
  const PerClient p = per_client(s, network_can_fail);
  std::string text = "1 per client";
  if (p.receivers) {
    text += " + 1 per client and server it is routed to (up to " +
            std::to_string(servers_per_client(s, servers)) +
            ": uploads need a cloud-side receiver with jitter, a network that can fail or "
            "on_failure \"local\")";
  }
  if (p.downlink) {
    text +=
        " + 1 per client (its downlink receiver: the network can fail, or on_failure "
        "\"local\")";
  }
  return text + " + 1 per server";
}
}  // namespace

std::int64_t worst_case_actors(const Scenario& s, std::int64_t servers, bool network_can_fail) {
  const PerClient p = per_client(s, network_can_fail);
  const std::int64_t each =
      1 + (p.receivers ? servers_per_client(s, servers) : 0) + (p.downlink ? 1 : 0);
  return s.workload.clients * each + servers;
}

bool connections_are_direct(const Scenario& s, bool network_can_fail) {
  return !has_jitter(s.network.jitter_ms) && !network_can_fail &&
         s.edge.on_failure != kOnFailureLocal;
}

std::optional<std::string> actor_budget_problem(const Scenario& s, std::int64_t servers,
                                                bool network_can_fail) {
  const std::int64_t actors = worst_case_actors(s, servers, network_can_fail);
  if (actors <= kMaxActors) return std::nullopt;
  return "this run could need " + std::to_string(actors) + " SimGrid actors (" +
         actor_count_explained(s, servers, network_can_fail) + "), more than the " +
         std::to_string(kMaxActors) + " one run may start (each takes about 30 KiB of memory)";
}

}  // namespace dsdsi
