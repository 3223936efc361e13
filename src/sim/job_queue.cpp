#include "dsdsi/sim/job_queue.hpp"

#include <algorithm>
#include <simgrid/s4u/Engine.hpp>

namespace dsdsi {

namespace {
bool served_before(const CloudJob& a, const CloudJob& b) {
  if (a.ready_ms != b.ready_ms) return a.ready_ms < b.ready_ms;
  return a.client < b.client;
}
}  // namespace

JobQueue::JobQueue() : doorbell_(simgrid::s4u::Semaphore::create(0)) {}

void JobQueue::push(const CloudJob& job) {
  if (!jobs_.empty() && served_before(job, jobs_.back())) {
    // Sorted lazily (jobs()): thousands of clients can push at one instant in any order.
    unsorted_from_ms_ = unsorted_ ? std::min(unsorted_from_ms_, job.ready_ms) : job.ready_ms;
    unsorted_ = true;
  }
  jobs_.push_back(job);
  ring_if_waiting();
}

std::deque<CloudJob>& JobQueue::jobs() {
  if (unsorted_) {
    // Jobs are pushed as they become ready, so only those from the earliest out-of-order one's
    // instant on can be out of order: sort that tail only.
    const auto from = std::partition_point(jobs_.begin(), jobs_.end(), [&](const CloudJob& j) {
      return j.ready_ms < unsorted_from_ms_;
    });
    std::stable_sort(from, jobs_.end(), served_before);
    unsorted_ = false;
  }
  return jobs_;
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
