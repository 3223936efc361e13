#pragma once
// The cloud's end of one client's connection: receives what that client sends and queues it for
// the GPU at the moment it arrives. One per client, so that every upload starts moving when it
// is sent and is delivered when it completes, whatever the other clients are doing.
#include <cstdint>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/sim/job_queue.hpp"

namespace dsdsi {

class CloudReceiver {
 public:
  CloudReceiver(std::int64_t client, simgrid::s4u::Mailbox* uplink, JobQueue& queue)
      : client_(client), uplink_(uplink), queue_(&queue) {}
  void operator()() const;

 private:
  std::int64_t client_;
  simgrid::s4u::Mailbox* uplink_;
  JobQueue* queue_;
};

}  // namespace dsdsi
