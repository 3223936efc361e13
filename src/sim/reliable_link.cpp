#include "dsdsi/sim/reliable_link.hpp"

#include <simgrid/Exception.hpp>

#include "dsdsi/sim/jittered_receive.hpp"
#include "dsdsi/sim/link_states.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

ReliableLink::ReliableLink(bool can_fail, double retry_ms, sg4::Mailbox* downlink,
                           JitterLine* down_jitter, std::vector<const sg4::Link*> route)
    : can_fail_(can_fail),
      retry_ms_(retry_ms),
      downlink_(downlink),
      down_jitter_(down_jitter),
      route_(std::move(route)) {}

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
  for (;;) {
    spend_ms(retry_ms_);
    ++resends_;
    auto* copy = new UplinkMessage(message);
    try {
      to->put(copy, static_cast<std::uint64_t>(bytes));
      stall_ms_ += now_ms() - failed_at;
      return;
    } catch (const simgrid::NetworkFailureException&) {
      delete copy;
    }
  }
}

bool ReliableLink::route_failed_since(double t_ms) const {
  return !LinkStates::all_on(route_) || LinkStates::last_off_ms(route_) >= t_ms;
}

std::unique_ptr<RoundReply> ReliableLink::receive(std::int64_t request, std::int64_t seq,
                                                  const std::function<void()>& again) {
  if (!can_fail_) return receive_delivered<RoundReply>(downlink_, down_jitter_);
  double sent_ms = now_ms();
  double failed_at = -1;
  for (;;) {
    if (!pending_) pending_ = downlink_->get_async<RoundReply>(&arriving_);
    bool lost = false;
    try {
      if (sg4::Comm::wait_any_for({pending_}, retry_ms_ * 1e-3) == 0) {
        const sg4::CommPtr arrived = pending_;
        pending_ = nullptr;
        std::unique_ptr<RoundReply> reply(arriving_);
        hold_until_delivered(down_jitter_, *arrived);
        if (reply->request != request) continue;  // an earlier request's, sent again
        if (reply->seq == seq) {
          if (failed_at >= 0) stall_ms_ += now_ms() - failed_at;
          return reply;
        }
        lost = reply->seq > seq;  // the one before it was lost; older ones are duplicates
        if (!lost) continue;
      }
    } catch (const simgrid::NetworkFailureException&) {
      pending_ = nullptr;  // the reply was lost on the way
      lost = true;
    }
    if (!lost && !route_failed_since(sent_ms)) continue;  // late, but nothing failed: wait on
    if (failed_at < 0) failed_at = now_ms();
    while (!LinkStates::all_on(route_)) spend_ms(retry_ms_);
    ++resends_;
    again();
    sent_ms = now_ms();
  }
}

}  // namespace dsdsi
