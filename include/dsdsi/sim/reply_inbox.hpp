#pragma once
// A device's replies when it needs no mailbox (direct downlinks: a network that cannot fail, no
// jitter; Simulation decides). The verifier sends each reply host to host and leaves the transfer
// here with the reply; the device takes them in the order they were sent, each when its transfer
// has arrived, as a mailbox with a permanent receiver would hand them over.
//
// Why not a mailbox: a reply then costs SimGrid a rendezvous (matching the send with the
// device's pending receive) and a payload copy on top of the transfer; a host-to-host transfer
// is only the transfer. Measured: 8-12% less CPU per round at 2,000 clients (docs/performance.md).
// A host-to-host transfer is detached in SimGrid 3.32 and so sits in the engine-wide list that
// each completion scans (sim/direct_uplink.hpp, why uploads avoid it); replies in flight are
// bounded by what the servers verify, not by the number of clients, so the scan stays short
// where batches are small (about 2% of the CPU at 10,000 clients and max_batch 32, 9% at 1,024).
#include <cstddef>
#include <memory>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Host.hpp>
#include <vector>

#include "dsdsi/sim/messages.hpp"

namespace dsdsi {

class ReplyInbox {
 public:
  // The verifier: sends `reply` (wire_bytes) from `from` to `to` and leaves it here.
  void post(simgrid::s4u::Host* from, simgrid::s4u::Host* to, const RoundReply& reply);
  // The device: the oldest reply, once its transfer has arrived (blocks until then).
  std::unique_ptr<RoundReply> take();

 private:
  struct Posted {
    simgrid::s4u::CommPtr transfer;
    RoundReply reply;
  };
  // Oldest first from `next_`; a vector rather than a std::deque, whose empty map and first block
  // (about 600 bytes) every client would carry: a device rarely has more than one reply waiting.
  std::vector<Posted> posted_;
  std::size_t next_ = 0;
  // The device while it waits for a reply to be posted, suspended; post() resumes it. Not a
  // semaphore: SimGrid's costs about 600 bytes, and every client has an inbox.
  simgrid::s4u::Actor* waiting_ = nullptr;
};

}  // namespace dsdsi
