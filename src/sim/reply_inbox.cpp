#include "dsdsi/sim/reply_inbox.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

void ReplyInbox::post(sg4::Host* from, sg4::Host* to, const RoundReply& reply) {
  const sg4::CommPtr transfer = sg4::Comm::sendto_init(from, to);
  transfer->set_payload_size(static_cast<std::uint64_t>(reply.wire_bytes));
  transfer->detach();  // starts it: the verifier does not wait for it
  posted_.push_back({transfer, reply});
  if (waiting_ != nullptr) {
    sg4::Actor* device = waiting_;
    waiting_ = nullptr;
    device->resume();
  }
}

std::unique_ptr<RoundReply> ReplyInbox::take() {
  while (next_ == posted_.size()) {
    waiting_ = sg4::Actor::self();
    sg4::this_actor::suspend();  // until post() resumes it
  }
  Posted next = std::move(posted_[next_++]);
  if (next_ == posted_.size()) {  // all taken: start over
    posted_.clear();
    next_ = 0;
  } else if (next_ >= 64 && 2 * next_ >= posted_.size()) {  // a long stream: drop what was taken
    posted_.erase(posted_.begin(), posted_.begin() + static_cast<std::ptrdiff_t>(next_));
    next_ = 0;
  }
  next.transfer->wait();
  return std::make_unique<RoundReply>(next.reply);
}

}  // namespace dsdsi
