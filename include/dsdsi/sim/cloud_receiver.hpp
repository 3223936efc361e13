#pragma once
// The cloud's end of one client's connection: receives what that client sends and queues it for
// the GPU at the moment it arrives. One per client, so that every upload starts moving when it
// is sent and is delivered when it completes, whatever the other clients are doing. With jitter,
// a message is queued when its JitterLine delivers it (model/jitter_line.hpp).
//
// Where no receiver is needed (ServerDirectory::set_direct_uplinks), the device hands its upload
// to the server itself when the transfer ends: hand_to_server() is what both do then.
#include <cstdint>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/reply_log.hpp"

namespace dsdsi {

class CloudVerifier;

// What the cloud does with an upload the moment it is delivered: records it in the reply log
// (which drops a duplicate or an older epoch's) and queues its job for the GPU (a ContextResync
// first clears what the server held for the client).
void hand_to_server(std::int64_t client, const UplinkMessage& message, CloudVerifier& server,
                    ReplyLog& replies);

class CloudReceiver {
 public:
  // `jitter` is null when messages have no jitter.
  CloudReceiver(std::int64_t client, simgrid::s4u::Mailbox* uplink, CloudVerifier& server,
                JitterLine* jitter, ReplyLog& replies)
      : client_(client), uplink_(uplink), server_(&server), jitter_(jitter), replies_(&replies) {}
  void operator()() const;

 private:
  std::int64_t client_;
  simgrid::s4u::Mailbox* uplink_;
  CloudVerifier* server_;  // its queue takes the jobs
  JitterLine* jitter_;     // shared by the client's receivers on every server
  ReplyLog* replies_;      // shared by every receiver and verifier
};

}  // namespace dsdsi
