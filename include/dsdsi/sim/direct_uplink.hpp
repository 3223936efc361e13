#pragma once
// A device's uploads when it hands each one to its server itself (direct uplinks: one actor per
// client; Simulation decides). Each upload is a transfer from the device's host to the server's
// host that the device waits for, and that nobody else does.
//
// Why a mailbox and not a host-to-host transfer (Comm::sendto): SimGrid 3.32 makes every
// host-to-host transfer a detached one and keeps every detached transfer in one engine-wide
// list, from which it removes each, when it completes, by a linear scan (CommImpl::finish). A
// completion then costs time in proportion to the transfers in flight anywhere, which grows with
// the number of clients: at 30,000 clients two thirds of the CPU went to that scan. A send to a
// mailbox with a permanent receiver (the server's verifier) starts at once, from the device's
// host to the receiver's host, exactly as the host-to-host transfer did; not detached, it is kept
// only in the device's own list, which holds this device's few uploads.
//
// Nobody receives from the mailbox: the device hands the upload over when its transfer arrives
// (ServerDirectory::deliver). The mailbox keeps arrived transfers until they are cleared, which
// happens whenever none of this device's uploads is still on its way (clearing would cancel one).
#include <cstdint>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

namespace dsdsi {

class DirectUplink {
 public:
  explicit DirectUplink(std::int64_t client);
  // Starts an upload of `bytes` to `receiver`'s host (a server's verifier).
  simgrid::s4u::CommPtr start(simgrid::s4u::Actor* receiver, std::int64_t bytes);
  // The device saw one of its uploads arrive (its wait for it returned).
  void arrived();

 private:
  simgrid::s4u::Mailbox* mailbox_;
  simgrid::s4u::Actor* receiver_ = nullptr;  // the mailbox's permanent receiver
  int on_their_way_ = 0;
};

}  // namespace dsdsi
