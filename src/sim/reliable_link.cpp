#include "dsdsi/sim/reliable_link.hpp"

#include <algorithm>
#include <cmath>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>

#include "dsdsi/sim/jittered_receive.hpp"
#include "dsdsi/sim/link_states.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

ReliableLink::ReliableLink(bool can_fail, double retry_ms, sg4::Mailbox* downlink,
                           JitterLine* down_jitter, std::vector<const sg4::Link*> route,
                           ReplyInbox* inbox)
    : can_fail_(can_fail),
      retry_ms_(retry_ms),
      downlink_(downlink),
      inbox_(inbox),
      down_jitter_(down_jitter),
      route_(std::move(route)),
      doorbell_(can_fail ? sg4::Semaphore::create(0) : nullptr) {}

ReliableLink::~ReliableLink() { LinkStates::unwatch(this); }

void ReliableLink::open() {
  if (!can_fail_) {
    // Replies must start moving when the cloud sends them, even while the device is drafting
    // (an inbox's do: the verifier starts them).
    if (inbox_ == nullptr) downlink_->set_receiver(sg4::Actor::self());
    return;
  }
  LinkStates::watch_failures(route_, this, [this] { ring(); });
  sg4::Actor::create(sg4::this_actor::get_name() + "-downlink", sg4::this_actor::get_host(),
                     [this] { receive_downlink(); })
      ->daemonize();
}

void ReliableLink::close() {
  if (!can_fail_ && inbox_ == nullptr) downlink_->set_receiver(nullptr);
}

// The device's receiver: takes every reply as it arrives (it is the downlink's permanent
// receiver, so replies move while the device drafts) and rings the device.
void ReliableLink::receive_downlink() {
  downlink_->set_receiver(sg4::Actor::self());
  for (;;) {
    RoundReply* raw = nullptr;
    const sg4::CommPtr comm = downlink_->get_async<RoundReply>(&raw);
    try {
      comm->wait();
      arrived_.push_back({std::unique_ptr<RoundReply>(raw), comm->get_finish_time() * 1e3});
    } catch (const simgrid::NetworkFailureException&) {
      reply_lost_ = true;  // lost on the way
    }
    ring();
  }
}

std::unique_ptr<RoundReply> ReliableLink::take_arrival() {
  Arrival arrival = std::move(arrived_.front());
  arrived_.pop_front();
  if (down_jitter_ != nullptr) spend_ms(down_jitter_->delivery_ms(arrival.finish_ms) - now_ms());
  return std::move(arrival.reply);
}

void ReliableLink::ring() {
  if (waiting_) {
    waiting_ = false;
    doorbell_->release();
  }
}

void ReliableLink::wait_for_doorbell() {
  waiting_ = true;
  doorbell_->acquire();
}

void ReliableLink::wait_until_route_on(double since_ms) {
  const auto first_check_from = [&](double t) {
    return since_ms + std::max(0.0, std::ceil((t - since_ms) / retry_ms_)) * retry_ms_;
  };
  double next = first_check_from(now_ms());
  for (;;) {
    // The checks before the route is known to be back would find it down: skip them (the same
    // outcome as making them, without waking for each).
    if (const auto back = LinkStates::back_on_ms(route_))
      next = std::max(next, first_check_from(*back));
    spend_ms(next - now_ms());
    if (LinkStates::all_on(route_)) return;
    next += retry_ms_;
  }
}

void ReliableLink::send(sg4::Mailbox* to, const UplinkMessage& message, std::int64_t bytes) {
  auto* copy = new UplinkMessage(message);
  if (!can_fail_) {
    to->put(copy, static_cast<std::uint64_t>(bytes));
    return;
  }
  try {
    to->put(copy, static_cast<std::uint64_t>(bytes));
  } catch (const simgrid::NetworkFailureException&) {
    delete copy;  // not delivered: still ours
    retry_until_sent(to, message, bytes, now_ms());
  }
}

ReliableLink::Sending ReliableLink::start(sg4::Mailbox* to, const UplinkMessage& message,
                                          std::int64_t bytes) {
  auto* copy = new UplinkMessage(message);
  return {to->put_async(copy, static_cast<std::uint64_t>(bytes)), copy, to, bytes};
}

void ReliableLink::finish(const Sending& sending, const UplinkMessage& message) {
  if (!can_fail_) {
    sending.comm->wait();
    return;
  }
  try {
    sending.comm->wait();
  } catch (const simgrid::NetworkFailureException&) {
    delete sending.payload;
    retry_until_sent(sending.to, message, sending.bytes, now_ms());
  }
}

void ReliableLink::send_detached(sg4::Mailbox* to, const UplinkMessage& message,
                                 std::int64_t bytes) {
  to->put_init(new UplinkMessage(message), static_cast<std::uint64_t>(bytes))
      ->detach([](void* lost) { delete static_cast<UplinkMessage*>(lost); });
}

void ReliableLink::retry_until_sent(sg4::Mailbox* to, const UplinkMessage& message,
                                    std::int64_t bytes, double failed_at) {
  // Every retry_ms from the failure, when the connection is up, the device sends it again (an
  // attempt on a link that is off would fail at once: the device does not make it).
  double next_try = failed_at + retry_ms_;
  for (;;) {
    wait_until_route_on(next_try);
    ++resends_;
    auto* copy = new UplinkMessage(message);
    try {
      to->put(copy, static_cast<std::uint64_t>(bytes));
      stall_ms_ += now_ms() - failed_at;
      return;
    } catch (const simgrid::NetworkFailureException&) {
      delete copy;
      next_try = now_ms() + retry_ms_;
    }
  }
}

bool ReliableLink::finish_by(const Sending& sending, double deadline_ms) {
  try {
    sending.comm->wait_for(std::max(0.0, deadline_ms - now_ms()) * 1e-3);
    return true;
  } catch (const simgrid::TimeoutException&) {
    // Finished at the deadline itself: delivered (the cloud owns the message now).
    if (sending.comm->get_state() == simgrid::s4u::Activity::State::FINISHED) return true;
    sending.comm->cancel();  // given up on: the cloud never gets it
  } catch (const simgrid::NetworkFailureException&) {
  }
  delete sending.payload;  // not delivered: still ours
  return false;
}

bool ReliableLink::send_by(sg4::Mailbox* to, const UplinkMessage& message, std::int64_t bytes,
                           double deadline_ms) {
  return finish_by(start(to, message, bytes), deadline_ms);
}

bool ReliableLink::route_on() const { return LinkStates::all_on(route_); }

std::unique_ptr<RoundReply> ReliableLink::receive_by(std::int64_t request, std::int64_t epoch,
                                                     double sent_ms, double deadline_ms) {
  for (;;) {
    while (!arrived_.empty()) {
      std::unique_ptr<RoundReply> reply = take_arrival();
      if (reply->request == request && reply->epoch == epoch) return reply;
    }
    if (reply_lost_) {
      reply_lost_ = false;
      return nullptr;
    }
    if (route_failed_since(sent_ms)) return nullptr;
    const double left_ms = deadline_ms - now_ms();
    if (left_ms <= 0) return nullptr;
    waiting_ = true;
    if (doorbell_->acquire_timeout(left_ms * 1e-3)) waiting_ = false;  // timed out
  }
}

bool ReliableLink::route_failed_since(double t_ms) const {
  return !LinkStates::all_on(route_) || LinkStates::last_off_ms(route_) >= t_ms;
}

std::unique_ptr<RoundReply> ReliableLink::receive(std::int64_t request, std::int64_t seq,
                                                  const std::function<void()>& again) {
  if (!can_fail_) {
    return inbox_ != nullptr ? inbox_->take()
                             : receive_delivered<RoundReply>(downlink_, down_jitter_);
  }
  double sent_ms = now_ms();
  double failed_at = -1;
  for (;;) {
    bool lost = false;
    while (!lost && !arrived_.empty()) {
      std::unique_ptr<RoundReply> reply = take_arrival();
      if (reply->request != request) continue;  // an earlier request's, sent again
      if (reply->seq == seq) {
        if (failed_at >= 0) stall_ms_ += now_ms() - failed_at;
        return reply;
      }
      lost = reply->seq > seq;  // the one before it was lost; older ones are duplicates
    }
    if (reply_lost_) {
      reply_lost_ = false;
      lost = true;
    }
    const bool route_failed = route_failed_since(sent_ms);
    if (!lost && !route_failed) {  // the reply will come: sleep until something happens
      wait_for_doorbell();
      continue;
    }
    // From when the connection failed (a message lost on it is lost from then on), the device
    // checks it every retry_ms and asks again once it is back.
    const double since =
        route_failed ? std::max(sent_ms, LinkStates::last_off_ms(route_)) : now_ms();
    if (failed_at < 0) failed_at = since;
    wait_until_route_on(since);
    ++resends_;
    again();
    sent_ms = now_ms();
  }
}

}  // namespace dsdsi
