#include "dsdsi/sim/server_directory.hpp"

#include <simgrid/s4u/Actor.hpp>

#include "dsdsi/sim/cloud_receiver.hpp"
#include "dsdsi/sim/cloud_verifier.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

void ServerDirectory::add_server(sg4::Host* host, CloudVerifier& verifier, sg4::ActorPtr actor) {
  servers_.push_back({host, &verifier, std::move(actor)});
  outstanding_.push_back(0);
}

ServerDirectory::Route ServerDirectory::route_request(std::int64_t client) {
  const std::size_t server = router_.choose(outstanding_);
  ++outstanding_[server];
  servers_[server].verifier->stats().on_request_routed();
  const Server& chosen = servers_[server];
  return {server, direct_ ? nullptr : uplink(client, server), chosen.actor.get()};
}

void ServerDirectory::deliver(std::int64_t client, std::size_t server,
                              const UplinkMessage& message) {
  hand_to_server(client, message, *servers_[server].verifier, *replies_);
}

sg4::Mailbox* ServerDirectory::uplink(std::int64_t client, std::size_t server) {
  const auto key = std::make_pair(client, server);
  const auto it = uplinks_.find(key);
  if (it != uplinks_.end()) return it->second;
  const std::string name = "up-" + std::to_string(client) + "-" + std::to_string(server);
  sg4::Mailbox* mailbox = sg4::Mailbox::by_name(name);
  // The receiver is a daemon: the engine ends it once every edge client has finished. It starts
  // at the current simulated time, so the first upload waits for nothing.
  JitterLine* jitter = uplink_jitter_ == nullptr
                           ? nullptr
                           : (*uplink_jitter_)[static_cast<std::size_t>(client)].get();
  sg4::Actor::create("receiver-" + std::to_string(client) + "-" + std::to_string(server),
                     servers_[server].host,
                     CloudReceiver(client, mailbox, *servers_[server].verifier, jitter, *replies_))
      ->daemonize();
  uplinks_.emplace(key, mailbox);
  return mailbox;
}

}  // namespace dsdsi
