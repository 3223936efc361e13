#include "dsdsi/sim/reply_inbox.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

ReplyInbox::ReplyInbox() : doorbell_(sg4::Semaphore::create(0)) {}

void ReplyInbox::post(sg4::Host* from, sg4::Host* to, const RoundReply& reply) {
  const sg4::CommPtr transfer = sg4::Comm::sendto_init(from, to);
  transfer->set_payload_size(static_cast<std::uint64_t>(reply.wire_bytes));
  transfer->detach();  // starts it: the verifier does not wait for it
  posted_.push_back({transfer, reply});
  if (waiting_) {
    waiting_ = false;
    doorbell_->release();
  }
}

std::unique_ptr<RoundReply> ReplyInbox::take() {
  while (posted_.empty()) {
    waiting_ = true;
    doorbell_->acquire();
  }
  Posted next = std::move(posted_.front());
  posted_.pop_front();
  next.transfer->wait();
  return std::make_unique<RoundReply>(next.reply);
}

}  // namespace dsdsi
