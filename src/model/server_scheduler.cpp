#include "dsdsi/model/server_scheduler.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace dsdsi {

namespace {
std::int64_t kv_need(const CloudJob& prefill) {
  // prompt (and, after a re-synchronisation, the context already held) + every output token
  return prefill.cached_tokens + prefill.shape.tokens + prefill.remaining;
}

// Batched tokens of one decode job, as BatchCost counts them.
std::int64_t decode_tokens(const CloudJob& job) {
  return job.shape.kind == CloudJobKind::ar_step ? 1 : job.shape.tokens + 1;
}
}  // namespace

ServerScheduler::ServerScheduler(std::int64_t max_batch, std::int64_t kv_capacity_tokens,
                                 std::int64_t max_batched_tokens)
    : max_batch_(max_batch),
      kv_capacity_(kv_capacity_tokens),
      max_batched_tokens_(max_batched_tokens) {}

bool ServerScheduler::fits(const CloudJob& prefill) const {
  return kv_capacity_ == 0 || kv_in_use_ + kv_need(prefill) <= kv_capacity_;
}

void ServerScheduler::admit(const CloudJob& prefill, std::vector<CloudJob>& batch) {
  // The session may already exist: the request's first window can reach the server (and be
  // parked) while its prefill is still waiting for admission.
  Session& session = sessions_[prefill.client];
  // KV still held for this client belongs to a request it has moved on from (one request at a
  // time): one it finished on its own whose notice was lost (`on_failure: local`).
  kv_in_use_ -= session.kv_tokens;
  session.prefilled = false;
  session.kv_tokens = kv_need(prefill);
  kv_in_use_ += session.kv_tokens;
  batch.push_back(prefill);
}

void ServerScheduler::consider(const CloudJob& job, std::vector<CloudJob>& batch) {
  switch (job.shape.kind) {
    case CloudJobKind::prefill:
      if (admission_.empty() && fits(job)) {
        admit(job, batch);
      } else {
        admission_.push_back(job);
      }
      return;
    case CloudJobKind::verify_window: {
      Session& session = sessions_[job.client];
      if (session.prefilled) {
        batch.push_back(job);
      } else {
        session.has_parked = true;
        session.parked = job;
      }
      return;
    }
    case CloudJobKind::ar_step:
    case CloudJobKind::colocated_round:
      batch.push_back(job);
      return;
  }
}

std::vector<CloudJob> ServerScheduler::take_batch(std::deque<CloudJob>& arrivals) {
  std::vector<CloudJob> batch;
  const auto full = [&] { return static_cast<std::int64_t>(batch.size()) >= max_batch_; };
  while (!full() && !admission_.empty() && fits(admission_.front())) {
    admit(admission_.front(), batch);
    admission_.pop_front();
  }
  while (!full() && !ready_.empty()) {
    batch.push_back(ready_.front());
    ready_.pop_front();
  }
  while (!full() && !arrivals.empty()) {
    const CloudJob job = arrivals.front();
    arrivals.pop_front();
    consider(job, batch);
  }
  if (max_batched_tokens_ > 0) apply_token_cap(batch);
  return batch;
}

void ServerScheduler::apply_token_cap(std::vector<CloudJob>& batch) {
  std::int64_t budget = max_batched_tokens_;
  for (const auto& job : batch) {
    if (job.shape.kind != CloudJobKind::prefill) budget -= decode_tokens(job);
  }
  if (budget < 0) {  // the loader refuses such a cap; reaching this is a bug, not bad input
    throw std::logic_error("decode work exceeds max_batched_tokens by " + std::to_string(-budget));
  }
  // Prompts already under way first (as vLLM serves running requests before new ones), then
  // new prefills, each in batch order.
  std::vector<CloudJob> kept, waiting;
  for (const bool under_way : {true, false}) {
    for (auto& job : batch) {
      if (job.shape.kind != CloudJobKind::prefill || (job.prefill_done > 0) != under_way) continue;
      const std::int64_t chunk = std::min(job.prefill_left(), budget);
      job.prefill_chunk = chunk;
      budget -= chunk;
      // No share left: admitted (its KV is reserved), it runs in a later step.
      (chunk == 0 ? waiting : kept).push_back(job);
    }
  }
  for (const auto& job : batch) {
    if (job.shape.kind != CloudJobKind::prefill) kept.push_back(job);
  }
  for (auto it = waiting.rbegin(); it != waiting.rend(); ++it) ready_.push_front(*it);
  batch = std::move(kept);
}

void ServerScheduler::on_prefilled(std::int64_t client) {
  Session& session = sessions_[client];
  session.prefilled = true;
  if (session.has_parked) {
    session.has_parked = false;
    ready_.push_back(session.parked);
  }
}

void ServerScheduler::cancel(std::int64_t client) {
  on_request_done(client);
  const auto other = [client](const CloudJob& job) { return job.client != client; };
  const auto drop = [&](std::deque<CloudJob>& lane) {
    std::deque<CloudJob> kept;
    std::copy_if(lane.begin(), lane.end(), std::back_inserter(kept), other);
    lane.swap(kept);
  };
  drop(ready_);
  drop(admission_);
}

void ServerScheduler::on_request_done(std::int64_t client) {
  const auto it = sessions_.find(client);
  if (it == sessions_.end()) return;
  kv_in_use_ -= it->second.kv_tokens;
  sessions_.erase(it);
}

}  // namespace dsdsi
