#pragma once
// The cloud verifier's queue of jobs. Uploads are pushed as they are delivered (by the client's
// CloudReceiver, or by the device itself on a direct uplink: cloud_receiver.hpp); the verifier
// blocks until there is work or a batch is complete.
//
// Why not a Mailbox: SimGrid 3.32 mailboxes cost time proportional to their queue length, and a
// mailbox delivers in the order messages were *sent*, not the order they *arrived*. A plain
// deque fed as each upload is delivered keeps arrival order and O(1) operations. Actors are
// scheduled cooperatively, so the deque needs no lock; a semaphore is used only as a doorbell to
// wake the verifier when it sleeps, so a busy verifier costs no simcall per job.
//
// Jobs that become ready at the same simulated instant are served in client order (then in the
// order they were pushed), whatever order the engine ran their actors in. SimGrid orders events
// of the same instant by its own bookkeeping, which any change to how the actors are organised
// moves; with this rule the simulated outputs depend on the model alone.
#include <cstddef>
#include <deque>
#include <simgrid/s4u/Semaphore.hpp>

#include "dsdsi/model/cloud_job.hpp"

namespace dsdsi {

class JobQueue {
 public:
  JobQueue();
  void push(const CloudJob& job);
  bool empty() const { return jobs_.empty(); }
  std::size_t size() const { return jobs_.size(); }
  const CloudJob& front() const { return jobs_.front(); }
  // Drops the client's jobs (its device gave up on them: ServerScheduler::cancel).
  void drop_client(std::int64_t client);
  // The jobs themselves, in arrival order (ties by client), for the server's scheduler to take
  // from.
  std::deque<CloudJob>& jobs();

  // Blocks until the queue holds a job.
  void wait_nonempty();
  // Blocks until the queue holds `count` jobs or the simulated clock reaches `deadline_s`.
  void wait_for_count(std::size_t count, double deadline_s);

 private:
  void ring_if_waiting();
  std::deque<CloudJob> jobs_;
  // A push broke the (ready_ms, client) order: the jobs ready at `unsorted_from_ms_` or later
  // are sorted before the scheduler looks at them.
  bool unsorted_ = false;
  double unsorted_from_ms_ = 0;
  simgrid::s4u::SemaphorePtr doorbell_;
  bool waiting_ = false;
};

}  // namespace dsdsi
