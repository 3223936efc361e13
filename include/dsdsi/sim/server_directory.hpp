#pragma once
// The cloud as the edge clients see it: the servers, the router in front of them, and the
// connection of each client to each server: a mailbox with a CloudReceiver on the server's
// host, created the first time the client is routed there, or, with direct uplinks, nothing:
// the device sends host to host and hands each upload to the server when it arrives (deliver).
#include <cstdint>
#include <map>
#include <memory>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <string>
#include <utility>
#include <vector>

#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/model/request_router.hpp"
#include "dsdsi/sim/job_queue.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/reply_log.hpp"
#include "dsdsi/sim/server_stats.hpp"

namespace dsdsi {

class CloudVerifier;

class ServerDirectory {
 public:
  ServerDirectory(RoutingPolicy policy, std::uint64_t seed) : router_(policy, seed) {}
  // `actor` runs `verifier` on `host`; direct uploads are addressed to it (sim/direct_uplink.hpp).
  void add_server(simgrid::s4u::Host* host, CloudVerifier& verifier, simgrid::s4u::ActorPtr actor);
  // Each client's uplink jitter (indexed by client; null entries, or no call: none). Not owned.
  void set_uplink_jitter(const std::vector<std::unique_ptr<JitterLine>>* lines) {
    uplink_jitter_ = lines;
  }
  // What the cloud received and replied per client (sim/reply_log.hpp); set before any client.
  void set_reply_log(ReplyLog* log) { replies_ = log; }
  ReplyLog& replies() { return *replies_; }

  // Direct uplinks (set before any client starts): no CloudReceiver actors. Only for devices
  // that wait for each upload to arrive and can hand it over the moment it does: a network that
  // cannot fail, no uplink jitter, no detached uploads (Simulation decides).
  void set_direct_uplinks(bool direct) { direct_ = direct; }

  struct Route {
    std::size_t server = 0;
    simgrid::s4u::Mailbox* uplink = nullptr;  // null with direct uplinks
    simgrid::s4u::Actor* verifier = nullptr;  // the actor that runs its verifier, on its host
  };
  // Picks the server for a client's new request and counts it as outstanding there.
  Route route_request(std::int64_t client);
  // Direct uplinks: an upload of `client` has just arrived at `server` (CloudReceiver's work).
  void deliver(std::int64_t client, std::size_t server, const UplinkMessage& message);
  // The server has run the request's last round.
  void request_done(std::size_t server) { --outstanding_[server]; }
  // A request the server had finished goes on (its device decoded on its own: ContextResync).
  void request_reopened(std::size_t server) { ++outstanding_[server]; }

 private:
  ReplyLog* replies_ = nullptr;
  bool direct_ = false;
  struct Server {
    simgrid::s4u::Host* host;
    CloudVerifier* verifier;
    simgrid::s4u::ActorPtr actor;
  };
  simgrid::s4u::Mailbox* uplink(std::int64_t client, std::size_t server);

  RequestRouter router_;
  std::vector<Server> servers_;
  std::vector<std::int64_t> outstanding_;
  std::map<std::pair<std::int64_t, std::size_t>, simgrid::s4u::Mailbox*> uplinks_;
  const std::vector<std::unique_ptr<JitterLine>>* uplink_jitter_ = nullptr;
};

}  // namespace dsdsi
