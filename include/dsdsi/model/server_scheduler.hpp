#pragma once
// Which jobs a cloud server's next batch holds: the scheduling rules of one server, without
// SimGrid, so that they can be tested on their own.
//
// - A new request (its prefill job) is admitted only if its KV cache fits: it reserves its prompt
//   plus its output tokens until its last round. Requests that do not fit wait, first come first
//   served, in an admission queue; later requests queue behind them (no overtaking).
// - A window that reaches the server before its request's prefill has finished waits (is
//   parked) until the prefill is done, then has priority.
// - Ready lane first (admitted prefills, released windows, and in continuous batching the next
//   round of requests that are decoding in the cloud), then arrivals in arrival order.
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <vector>

#include "dsdsi/model/cloud_job.hpp"

namespace dsdsi {

class ServerScheduler {
 public:
  // kv_capacity_tokens 0: no KV limit. max_batched_tokens 0: no cap on batched tokens per step.
  ServerScheduler(std::int64_t max_batch, std::int64_t kv_capacity_tokens,
                  std::int64_t max_batched_tokens = 0);

  // Fills the next batch, taking jobs from the front of `arrivals` (and from the server's own
  // lanes). May return an empty batch when every candidate had to wait.
  std::vector<CloudJob> take_batch(std::deque<CloudJob>& arrivals);

  // A job that can run in the next batch, ahead of arrivals (continuous batching: the next
  // round of a request decoding in the cloud).
  void push_ready(const CloudJob& job) { ready_.push_back(job); }
  // Whether a batch can start without any new arrival: a ready job, or a request waiting for
  // admission that now fits.
  bool has_ready() const {
    return !ready_.empty() || (!admission_.empty() && fits(admission_.front()));
  }

  // The request's prefill has run: its parked window (if any) becomes ready.
  void on_prefilled(std::int64_t client);
  // A chunk of a prefill has run and the prompt is not done: the rest runs in the next steps.
  void continue_prefill(const CloudJob& rest) { ready_.push_front(rest); }
  // The request's last round has run: its KV reservation is released.
  void on_request_done(std::int64_t client);
  // The client's device gave up on what the server holds for it (`on_failure: local`): its KV
  // reservation is released and its jobs waiting in the server's lanes are dropped.
  void cancel(std::int64_t client);
  // Whether the client's request has been prefilled here and not finished (its KV is held).
  bool holds_prefilled(std::int64_t client) const {
    const auto it = sessions_.find(client);
    return it != sessions_.end() && it->second.prefilled;
  }

  std::int64_t kv_in_use() const { return kv_in_use_; }
  std::size_t waiting_for_admission() const { return admission_.size(); }

 private:
  struct Session {
    bool prefilled = false;
    bool has_parked = false;
    CloudJob parked;
    std::int64_t kv_tokens = 0;
  };
  bool fits(const CloudJob& prefill) const;
  void admit(const CloudJob& prefill, std::vector<CloudJob>& batch);
  void consider(const CloudJob& job, std::vector<CloudJob>& batch);
  void apply_token_cap(std::vector<CloudJob>& batch);

  std::int64_t max_batch_;
  std::int64_t kv_capacity_;
  std::int64_t max_batched_tokens_;
  std::int64_t kv_in_use_ = 0;
  std::deque<CloudJob> ready_;
  std::deque<CloudJob> admission_;
  std::unordered_map<std::int64_t, Session> sessions_;  // by client: one request at a time
};

}  // namespace dsdsi
