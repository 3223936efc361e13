#pragma once
// A device's end of its connection when the network can fail (`network.outages`, a state_file):
// what `edge.resilience` with `on_failure: wait` does (docs/network.md).
//
// - An upload that fails (its link went off under it, or was off when it started: SimGrid
//   raises NetworkFailureException) is sent again, whole, every `retry_ms` from the failure
//   until it gets through, when the device finds its route up.
// - A reply that does not come is asked for again: when a link of the device's route goes off
//   while it waits (or went off since it sent the message), a reply fails on its way, or a reply
//   comes out of order (the one before it was lost), the device sends that message again at its
//   first check, every retry_ms from the failure, that finds its route up; the cloud (ReplyLog)
//   does not redo work it has done and sends the replies the device misses. Replies already
//   taken are recognised by their number and dropped.
// The time from the first failure a message meets until it gets through is the request's stall.
// When the network cannot fail, every call is the plain SimGrid one: nothing else changes.
//
// Why a downlink receiver actor and a doorbell: a device waiting for a verdict must also notice
// when a link of its route goes off (the verdict may then never come) and when its route is back.
// Checking every `retry_ms` woke every waiting device ten times a second for the whole run, which
// made runs with outages 2.5x slower than runs without. Instead the device sleeps on a semaphore
// rung by exactly those events: a reply delivered (or failed) to the downlink receiver, the
// device's own actor receiving its replies, and a change of state of a link on its route
// (LinkStates::watch).
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <simgrid/s4u/Semaphore.hpp>
#include <vector>

#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/reply_inbox.hpp"

namespace dsdsi {

class ReliableLink {
 public:
  // `inbox`: the device's direct downlink (sim/reply_inbox.hpp), or null for its mailbox.
  ReliableLink(bool can_fail, double retry_ms, simgrid::s4u::Mailbox* downlink,
               JitterLine* down_jitter, std::vector<const simgrid::s4u::Link*> route,
               ReplyInbox* inbox = nullptr);
  ~ReliableLink();
  ReliableLink(const ReliableLink&) = delete;
  ReliableLink& operator=(const ReliableLink&) = delete;
  bool can_fail() const { return can_fail_; }
  // Called by the device's actor before it sends anything: when the network can fail, starts
  // the downlink receiver (a daemon on the device's host receiving its downlink) and watches the
  // route; otherwise makes the device the downlink's permanent receiver (nothing with an inbox).
  void open();
  // After the device's last request (the downlink receiver, a daemon, ends with the simulation).
  void close();
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

  // `on_failure: local` (docs/network.md): the device gives up at `deadline_ms`, or as soon as
  // the network fails the message or its reply, and decodes on its own. An upload given up is
  // cancelled (the cloud never gets it).
  // Whether what start() began was delivered by the deadline.
  bool finish_by(const Sending& sending, double deadline_ms);
  // Whether `message` was delivered by the deadline.
  bool send_by(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes,
               double deadline_ms);
  // The next reply to `request` in `epoch`, or null when the deadline passes first, a link of
  // the route has gone off since `sent_ms`, or a reply was lost. Replies of other requests or
  // earlier epochs (given up on) are dropped.
  std::unique_ptr<RoundReply> receive_by(std::int64_t request, std::int64_t epoch, double sent_ms,
                                         double deadline_ms);
  // Whether every link of the device's route is on now.
  bool route_on() const;

  // Totals so far, for the request records.
  double stall_ms() const { return stall_ms_; }
  std::int64_t resends() const { return resends_; }

 private:
  bool route_failed_since(double t_ms) const;
  void retry_until_sent(simgrid::s4u::Mailbox* to, const UplinkMessage& message, std::int64_t bytes,
                        double failed_at);
  void receive_downlink();
  // The oldest reply the downlink receiver received, handed over when its jitter delivers it.
  std::unique_ptr<RoundReply> take_arrival();
  void ring();
  void wait_for_doorbell();
  // Returns at the first of the instants since_ms + k x retry_ms (k = 0, 1, ...), not before
  // now, at which every link of the route is on: the device checks its connection every
  // retry_ms from the failure on.
  void wait_until_route_on(double since_ms);

  struct Arrival {
    std::unique_ptr<RoundReply> reply;
    double finish_ms = 0;  // when its transfer completed (the jitter delays it from there)
  };

  bool can_fail_;
  double retry_ms_;
  simgrid::s4u::Mailbox* downlink_;
  ReplyInbox* inbox_;
  JitterLine* down_jitter_;
  std::vector<const simgrid::s4u::Link*> route_;
  // Replies the downlink receiver received, not yet taken. A list, not a std::deque: an empty
  // deque already holds about 600 bytes, and most devices never use this one (direct links).
  std::list<Arrival> arrived_;
  bool reply_lost_ = false;  // a reply failed on its way to the device since the last look
  simgrid::s4u::SemaphorePtr doorbell_;
  bool waiting_ = false;
  double stall_ms_ = 0;
  std::int64_t resends_ = 0;
};

}  // namespace dsdsi
