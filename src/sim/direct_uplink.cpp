#include "dsdsi/sim/direct_uplink.hpp"

#include <string>

namespace dsdsi {

namespace sg4 = simgrid::s4u;

DirectUplink::DirectUplink(std::int64_t client)
    : mailbox_(sg4::Mailbox::by_name("direct-up-" + std::to_string(client))) {}

sg4::CommPtr DirectUplink::start(sg4::Actor* receiver, std::int64_t bytes) {
  // The receiver only says which host the transfer goes to; uploads already on their way keep
  // the host they started for.
  if (receiver != receiver_) {
    mailbox_->set_receiver(receiver);
    receiver_ = receiver;
  }
  ++on_their_way_;
  // The payload is never read (the device hands the message over itself); a mailbox send needs
  // one that is not null.
  return mailbox_->put_async(this, static_cast<std::uint64_t>(bytes));
}

void DirectUplink::arrived() {
  if (--on_their_way_ == 0) mailbox_->clear();
}

}  // namespace dsdsi
