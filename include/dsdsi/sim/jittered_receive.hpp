#pragma once
// Receiving through a connection with jitter (model/jitter_line.hpp): a message is handed over
// when its JitterLine delivers it, not when its transfer completes. Shared by both ends of a
// client's connection (EdgeClient, CloudReceiver).
#include <memory>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

// Holds the calling actor until `line` delivers the message whose transfer is `arrived`. The
// transfer may have completed while the receiver was busy (a mailbox with a permanent receiver):
// its own finish time is when it arrived. No line: no hold.
inline void hold_until_delivered(JitterLine* line, const simgrid::s4u::Comm& arrived) {
  if (line != nullptr) spend_ms(line->delivery_ms(arrived.get_finish_time() * 1e3) - now_ms());
}

// The next message of `mailbox`, handed over when `line` delivers it (no line: when it arrives).
template <typename T>
std::unique_ptr<T> receive_delivered(simgrid::s4u::Mailbox* mailbox, JitterLine* line) {
  if (line == nullptr) return std::unique_ptr<T>(mailbox->get<T>());
  T* raw = nullptr;
  const simgrid::s4u::CommPtr comm = mailbox->get_async<T>(&raw);
  comm->wait();
  std::unique_ptr<T> message(raw);
  hold_until_delivered(line, *comm);
  return message;
}

}  // namespace dsdsi
