#include "dsdsi/sim/cloud_verifier.hpp"

#include <algorithm>

#include "dsdsi/model/payload.hpp"
#include "dsdsi/model/round_logic.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

CloudVerifier::CloudVerifier(const Scenario& scenario, std::int64_t server, double speed,
                             RecordSink& sink, ServerDirectory& directory,
                             const AcceptanceModel& acceptance,
                             std::vector<ClientAcceptance>& clients)
    : batching_(scenario.cloud.batching),
      server_(server),
      speed_(speed),
      gamma_(scenario.speculation.gamma),
      max_batch_(scenario.cloud.max_batch),
      batch_window_ms_(scenario.cloud.batch_window_ms),
      header_bytes_(scenario.network.header_bytes),
      cost_(scenario.cloud),
      acceptance_(&acceptance),
      clients_(&clients),
      sink_(&sink),
      directory_(&directory),
      scheduler_(scenario.cloud.max_batch, scenario.cloud.kv_capacity_tokens,
                 scenario.cloud.max_batched_tokens),
      stats_(scenario.cloud.max_batch),
      finished_(static_cast<std::size_t>(scenario.workload.clients), -1),
      computing_is_execution_(computing_is_execution(scenario)) {}

void CloudVerifier::resync(std::int64_t client, const ContextResync& message, const CloudJob& job) {
  // The context the device thinks the server holds is prefilled again if the server does not
  // hold it (its prompt had not been prefilled yet, or its last round had run).
  CloudJob queued = job;
  if (!scheduler_.holds_prefilled(client)) {
    queued.shape.tokens += queued.cached_tokens;
    queued.cached_tokens = 0;
  }
  // The device gave up on what this server holds or has queued for it: drop it all (jobs in the
  // batch running now are dropped when it ends: CloudVerifier::finish).
  scheduler_.cancel(client);
  queue_.drop_client(client);
  std::int64_t& finished = finished_[static_cast<std::size_t>(client)];
  if (message.remaining == 0) {  // the device finished the request on its own
    if (finished != message.request) request_done(client, message.request);
    return;
  }
  if (finished == message.request) {  // the server had run its last round; the device had not
    directory_->request_reopened(static_cast<std::size_t>(server_));
    finished = -1;
  }
  queue_.push(queued);
}

std::vector<CloudJob> CloudVerifier::next_batch() {
  std::vector<CloudJob> batch;
  while (batch.empty()) {  // empty when every candidate had to wait (KV, or its prefill)
    if (!scheduler_.has_ready()) {
      queue_.wait_nonempty();
      if (batching_ == BatchingPolicy::static_window) {
        const double deadline_s = (queue_.front().ready_ms + batch_window_ms_) * 1e-3;
        queue_.wait_for_count(static_cast<std::size_t>(max_batch_), deadline_s);
      }
    }
    batch = scheduler_.take_batch(queue_.jobs());
  }
  return batch;
}

void CloudVerifier::operator()() {
  std::vector<CloudJobShape> shapes;
  for (;;) {
    const std::vector<CloudJob> batch = next_batch();
    shapes.clear();
    std::int64_t prefills = 0;
    for (const auto& job : batch) {
      shapes.push_back(job.priced_shape());
      prefills += job.shape.kind == CloudJobKind::prefill ? 1 : 0;
    }
    const BatchPrice price = cost_.price(shapes, speed_);
    const double start = now_ms();
    compute_ms(price.ms, computing_is_execution_);  // the GPU is busy (draws busy power)
    const double end = now_ms();
    const std::int64_t id = next_batch_id_++;
    const auto size = static_cast<std::int64_t>(batch.size());
    stats_.on_batch(batch, start, end);
    sink_->on_batch({server_, id, size, prefills, start, end});
    RoundRecord facts;
    facts.server = server_;
    facts.batch_id = id;
    facts.batch_size = size;
    facts.batch_tokens = price.decode_tokens;
    facts.verify_start_ms = start;
    facts.verify_end_ms = end;
    for (const auto& job : batch) finish(job, facts);
  }
}

void CloudVerifier::decode_next_round(const CloudJob& next) {
  // Static batching: the next round queues behind whatever arrived meanwhile. Continuous:
  // a running request keeps its place in the batch.
  if (batching_ == BatchingPolicy::continuous) {
    scheduler_.push_ready(next);
  } else {
    queue_.push(next);
  }
}

void CloudVerifier::request_done(std::int64_t client, std::int64_t request) {
  scheduler_.on_request_done(client);
  directory_->request_done(static_cast<std::size_t>(server_));
  finished_[static_cast<std::size_t>(client)] = request;
}

void CloudVerifier::finish(const CloudJob& job, const RoundRecord& batch_facts) {
  // The device gave up on this job while it ran (`on_failure: local`): its GPU time is spent
  // (batches), but it decides nothing and is not a round.
  if (job.epoch < directory_->replies().epoch(job.client)) return;
  ClientAcceptance& client = (*clients_)[static_cast<std::size_t>(job.client)];
  RoundRecord round = batch_facts;
  round.client = job.client;
  round.request = job.request;
  round.sent_ms = job.sent_ms;
  round.arrive_ms = job.ready_ms;
  CloudJob next = job;  // the request's next cloud-side round, if any
  next.ready_ms = next.sent_ms = batch_facts.verify_end_ms;

  switch (job.shape.kind) {
    case CloudJobKind::prefill:
      if (!job.completes_prefill()) {  // chunked prefill: the rest of the prompt goes on
        next.prefill_done += job.prefill_chunk;
        next.prefill_chunk = 0;
        next.sent_ms = job.sent_ms;  // the prompt's: its last chunk's row says when it was sent
        scheduler_.continue_prefill(next);
        return;
      }
      // The request's acceptance is fixed here, before any of its rounds: its own record when
      // the workload trace gives one, else the acceptance model's for this request. A request
      // re-synchronised after decoding on the device keeps it.
      if (client.current_request != job.request) {
        client.current = job.acceptance_override != nullptr
                             ? RequestAcceptance::from_record(*job.acceptance_override)
                             : acceptance_->for_request(client.stream, job.client, job.request);
        client.current_request = job.request;
      }
      scheduler_.on_prefilled(job.client);
      round.kind = job.resync ? RoundKind::resync : RoundKind::prefill;
      round.kv_tokens = job.cached_tokens + job.shape.tokens + job.remaining;  // as admitted
      sink_->on_round(round);
      if (job.resync) {  // the device waits for this before it drafts again
        reply(job, 0, 0, 0, false, payload::verify_reply_bytes(header_bytes_));
        return;
      }
      // DSD: the edge drafts meanwhile and its first window follows (or is already waiting).
      // Cloud-side decoding (the mode, or a policy's fallback for this request): the request
      // now decodes in the cloud, one round after another.
      if (job.decoding == RequestDecoding::cloud_ar) {
        next.shape = {CloudJobKind::ar_step, 0};
        decode_next_round(next);
      } else if (job.decoding == RequestDecoding::colocated_sd) {
        next.shape = {CloudJobKind::colocated_round, window_size(gamma_, job.remaining)};
        decode_next_round(next);
      }
      return;
    case CloudJobKind::verify_window: {
      const auto positions = static_cast<int>(job.shape.tokens + (job.with_guess ? 1 : 0));
      const auto leading = client.current->leading_accepted(client.stream, positions);
      const auto outcome = resolve_round(job.shape.tokens, leading, job.with_guess, job.remaining);
      round.gamma = job.shape.tokens;
      round.accepted = outcome.accepted;
      round.committed = outcome.committed;
      round.last = outcome.committed == job.remaining;
      sink_->on_round(round);
      if (round.last) request_done(job.client, job.request);
      reply(job, job.shape.tokens, outcome.accepted, outcome.committed, outcome.bonus_guessed,
            payload::verify_reply_bytes(header_bytes_));
      return;
    }
    case CloudJobKind::ar_step:
      round.kind = RoundKind::ar_step;
      round.committed = 1;
      break;
    case CloudJobKind::colocated_round: {
      round.kind = RoundKind::colocated;
      const auto leading =
          client.current->leading_accepted(client.stream, static_cast<int>(job.shape.tokens));
      const auto outcome = resolve_round(job.shape.tokens, leading, false, job.remaining);
      round.gamma = job.shape.tokens;
      round.accepted = outcome.accepted;
      round.committed = outcome.committed;
      break;
    }
  }
  // Cloud-side decoding: stream the round's tokens down, and go on while tokens are owed.
  round.last = round.committed == job.remaining;
  sink_->on_round(round);
  reply(job, round.gamma, round.accepted, round.committed, false,
        payload::token_chunk_bytes(header_bytes_, round.committed));
  next.remaining = job.remaining - round.committed;
  if (next.remaining == 0) {
    request_done(job.client, job.request);
    return;
  }
  if (job.shape.kind == CloudJobKind::colocated_round) {
    next.shape.tokens = window_size(gamma_, next.remaining);
  }
  decode_next_round(next);
}

void CloudVerifier::reply(const CloudJob& job, std::int64_t drafted, std::int64_t accepted,
                          std::int64_t committed, bool bonus_guessed, std::int64_t wire_bytes) {
  // Detached (ReplyLog::send): the GPU does not wait for the reply to cross the WAN.
  RoundReply message{job.request, drafted, accepted, committed, bonus_guessed, wire_bytes};
  message.epoch = job.epoch;
  directory_->replies().send(job.client, message);
}

}  // namespace dsdsi
