#include "dsdsi/sim/job_queue.hpp"

#include <simgrid/s4u/Engine.hpp>

namespace dsdsi {

JobQueue::JobQueue() : doorbell_(simgrid::s4u::Semaphore::create(0)) {}

void JobQueue::push(const CloudJob& job) {
  jobs_.push_back(job);
  ring_if_waiting();
}

CloudJob JobQueue::pop_front() {
  CloudJob job = jobs_.front();
  jobs_.pop_front();
  return job;
}

void JobQueue::drop_client(std::int64_t client) {
  std::deque<CloudJob> kept;
  for (const CloudJob& job : jobs_) {
    if (job.client != client) kept.push_back(job);
  }
  jobs_.swap(kept);
}

void JobQueue::ring_if_waiting() {
  if (waiting_) {
    waiting_ = false;
    doorbell_->release();
  }
}

// A release can race a timeout at the same instant and leave one stale token in the doorbell;
// both waits re-check their condition in a loop, so a stale token only costs one extra turn.
void JobQueue::wait_nonempty() {
  while (jobs_.empty()) {
    waiting_ = true;
    doorbell_->acquire();
  }
}

void JobQueue::wait_for_count(std::size_t count, double deadline_s) {
  while (jobs_.size() < count) {
    const double left = deadline_s - simgrid::s4u::Engine::get_clock();
    if (left <= 0) return;
    waiting_ = true;
    if (doorbell_->acquire_timeout(left)) {
      waiting_ = false;
      return;
    }
  }
}

}  // namespace dsdsi
