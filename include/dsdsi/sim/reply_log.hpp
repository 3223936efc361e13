#pragma once
// The cloud's memory of what it received and replied for each client's current request, so that
// a message sent again after a network failure (sim/reliable_link.hpp) does no work twice: a
// prompt or window already received is not queued again, and the replies the edge says it is
// missing are sent again from the log. When the network cannot fail nothing is kept, and every
// message is new. It also knows each client's epoch (`on_failure: local`: the device's
// re-synchronisations, sim/messages.hpp): a message of an older epoch is one the device gave up
// on, and is dropped.
#include <cstdint>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <vector>

#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/reply_inbox.hpp"

namespace dsdsi {

class ReplyLog {
 public:
  ReplyLog(std::vector<simgrid::s4u::Mailbox*> downlinks, bool network_can_fail);
  // Direct downlinks (sim/reply_inbox.hpp): replies go host to host into each client's inbox
  // (indexed by client, as `hosts`, the clients' hosts) instead of its mailbox. Not owned.
  void use_inboxes(std::vector<ReplyInbox>* inboxes, std::vector<simgrid::s4u::Host*> hosts) {
    inboxes_ = inboxes;
    client_hosts_ = std::move(hosts);
  }
  // Whether a prompt or window is new (to be queued); a resent one triggers the replies the edge
  // misses.
  bool accept(std::int64_t client, const PromptUpload& prompt);
  bool accept(std::int64_t client, const DraftWindow& window);
  // A re-synchronisation (or a request finished on the device) starts a new epoch.
  bool accept(std::int64_t client, const ContextResync& resync);
  // The client's current epoch: jobs of older epochs are stale.
  std::int64_t epoch(std::int64_t client) const {
    return epochs_[static_cast<std::size_t>(client)];
  }
  // Numbers `reply` within its request, keeps it, and sends it, detached (the GPU does not wait
  // for it to cross the WAN; a reply lost on a failed link is freed by SimGrid).
  void send(std::int64_t client, RoundReply reply);

 private:
  struct Current {
    std::int64_t request = -1;
    std::int64_t rounds_received = 0;
    std::int64_t replies_sent = 0;
    std::vector<RoundReply> replies;  // only when the network can fail
  };
  void put(std::int64_t client, const RoundReply& reply);
  void resend_from(std::int64_t client, std::int64_t from);
  std::vector<simgrid::s4u::Mailbox*> downlinks_;
  std::vector<ReplyInbox>* inboxes_ = nullptr;
  std::vector<simgrid::s4u::Host*> client_hosts_;  // with inboxes
  std::vector<Current> current_;
  std::vector<std::int64_t> epochs_;  // by client
  bool keep_;
};

}  // namespace dsdsi
