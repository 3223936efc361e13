#pragma once
// A device's end of its connection when the network can fail (`network.outages`, a state_file):
// what `edge.resilience` with `on_failure: wait` does (docs/network.md).
//
// - An upload that fails (its link went off under it, or was off when it started: SimGrid
//   raises NetworkFailureException) is sent again, whole, every `retry_ms` until it gets through.
// - A reply that does not come is asked for again: when a verdict is late by `retry_ms` and the
//   device's route has failed since it sent the message, or a reply came out of order (the one
//   before it was lost), the device sends that message again; the cloud (ReplyLog) does not
//   redo work it has done and sends the replies the device misses. Replies already taken are
//   recognised by their number and dropped.
// The time from the first failure a message meets until it gets through is the request's stall.
// When the network cannot fail, every call is the plain SimGrid one: nothing else changes.
#include <cstdint>
#include <functional>
#include <memory>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <vector>

#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/sim/messages.hpp"

namespace dsdsi {

class ReliableLink {
 public:
  ReliableLink(bool can_fail, double retry_ms, simgrid::s4u::Mailbox* downlink,
               JitterLine* down_jitter, std::vector<const simgrid::s4u::Link*> route);
  bool can_fail() const { return can_fail_; }
  // Sends `message` and waits until it is delivered.
  void send(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes);
  // A message on its way (start()), with the copy it carries (ours again if it fails).
  struct Sending {
    simgrid::s4u::CommPtr comm;
    UplinkMessage* payload = nullptr;
    simgrid::s4u::Mailbox* to = nullptr;
    std::int64_t bytes = 0;
  };
  Sending start(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes);
  // Waits until what start() began is delivered, sending it again if it failed.
  void finish(const Sending& sending, const UplinkMessage& message);
  // Sends `message` without waiting (pipelined windows); a loss shows as a late verdict.
  void send_detached(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes);
  // The reply numbered `seq` of request `request`; `again` sends again the message it answers
  // (and returns when that got through). Replies of earlier requests sent again are dropped.
  std::unique_ptr<RoundReply> receive(std::int64_t request, std::int64_t seq,
                                      const std::function<void()>& again);

  // Totals so far, for the request records.
  double stall_ms() const { return stall_ms_; }
  std::int64_t resends() const { return resends_; }

 private:
  bool route_failed_since(double t_ms) const;
  void retry_until_sent(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes,
                        double failed_at);

  bool can_fail_;
  double retry_ms_;
  simgrid::s4u::Mailbox* downlink_;
  JitterLine* down_jitter_;
  std::vector<const simgrid::s4u::Link*> route_;
  simgrid::s4u::CommPtr pending_;  // a reply being received, kept across late verdicts
  RoundReply* arriving_ = nullptr;
  double stall_ms_ = 0;
  std::int64_t resends_ = 0;
};

}  // namespace dsdsi
