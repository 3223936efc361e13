#include "dsdsi/sim/cloud_verifier.hpp"

#include <algorithm>

#include "dsdsi/model/payload.hpp"
#include "dsdsi/model/round_logic.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

CloudVerifier::CloudVerifier(const Scenario& scenario,
                             std::vector<simgrid::s4u::Mailbox*> downlinks, RecordSink& sink)
    : mode_(scenario.mode),
      gamma_(scenario.speculation.gamma),
      max_batch_(scenario.cloud.max_batch),
      batch_window_ms_(scenario.cloud.batch_window_ms),
      header_bytes_(scenario.network.header_bytes),
      cost_(scenario.cloud),
      acceptance_(make_acceptance_model(scenario.speculation.acceptance)),
      downlinks_(std::move(downlinks)),
      sink_(&sink) {
  // Acceptance is drawn where the target verifies, but from a stream of the client's own, so a
  // client's draws do not depend on how its rounds interleave with others' in batches.
  acceptance_streams_.reserve(downlinks_.size());
  for (std::size_t c = 0; c < downlinks_.size(); ++c) {
    acceptance_streams_.emplace_back(scenario.seed, "acceptance", c);
  }
}

std::vector<CloudJob> CloudVerifier::next_batch() {
  queue_.wait_nonempty();
  const double deadline_s = (queue_.front().ready_ms + batch_window_ms_) * 1e-3;
  queue_.wait_for_count(static_cast<std::size_t>(max_batch_), deadline_s);
  const auto take = std::min(queue_.size(), static_cast<std::size_t>(max_batch_));
  std::vector<CloudJob> batch;
  batch.reserve(take);
  for (std::size_t i = 0; i < take; ++i) batch.push_back(queue_.pop_front());
  return batch;
}

void CloudVerifier::operator()() {
  std::vector<CloudJobShape> shapes;
  for (;;) {
    const std::vector<CloudJob> batch = next_batch();
    shapes.clear();
    std::int64_t prefills = 0;
    for (const auto& job : batch) {
      shapes.push_back(job.shape);
      prefills += job.shape.kind == CloudJobKind::prefill ? 1 : 0;
    }
    const double start = now_ms();
    spend_ms(cost_.batch_ms(shapes));
    const double end = now_ms();
    const std::int64_t id = next_batch_id_++;
    const auto size = static_cast<std::int64_t>(batch.size());
    sink_->on_batch({id, size, prefills, start, end});
    for (const auto& job : batch) finish(job, id, size, start, end);
  }
}

void CloudVerifier::finish(const CloudJob& job, std::int64_t batch_id, std::int64_t batch_size,
                           double start_ms, double end_ms) {
  const auto c = static_cast<std::size_t>(job.client);
  RoundRecord round{job.client, job.request, job.sent_ms, batch_id, batch_size,
                    start_ms,   end_ms,      0,           0,        0};
  CloudJob next = job;  // the request's next cloud-side round, if any
  next.ready_ms = next.sent_ms = end_ms;

  switch (job.shape.kind) {
    case CloudJobKind::prefill:
      // DSD: the edge drafts meanwhile and its first window follows. Cloud-side modes: the
      // request now decodes in the cloud, one round after another.
      if (mode_ == DecodingMode::cloud_ar) {
        next.shape = {CloudJobKind::ar_step, 0};
        queue_.push(next);
      } else if (mode_ == DecodingMode::colocated_sd) {
        next.shape = {CloudJobKind::colocated_round, window_size(gamma_, job.remaining)};
        queue_.push(next);
      }
      return;
    case CloudJobKind::verify_window: {
      const auto positions = static_cast<int>(job.shape.tokens + (job.with_guess ? 1 : 0));
      const auto leading = acceptance_->leading_accepted(acceptance_streams_[c], positions);
      const auto outcome = resolve_round(job.shape.tokens, leading, job.with_guess, job.remaining);
      round.gamma = job.shape.tokens;
      round.accepted = outcome.accepted;
      round.committed = outcome.committed;
      sink_->on_round(round);
      reply(job, job.shape.tokens, outcome.accepted, outcome.committed, outcome.bonus_guessed,
            payload::verify_reply_bytes(header_bytes_));
      return;
    }
    case CloudJobKind::ar_step:
      round.committed = 1;
      break;
    case CloudJobKind::colocated_round: {
      const auto leading =
          acceptance_->leading_accepted(acceptance_streams_[c], static_cast<int>(job.shape.tokens));
      const auto outcome = resolve_round(job.shape.tokens, leading, false, job.remaining);
      round.gamma = job.shape.tokens;
      round.accepted = outcome.accepted;
      round.committed = outcome.committed;
      break;
    }
  }
  // Cloud-side decoding: stream the round's tokens down, and go on while tokens are owed.
  sink_->on_round(round);
  reply(job, round.gamma, round.accepted, round.committed, false,
        payload::token_chunk_bytes(header_bytes_, round.committed));
  next.remaining = job.remaining - round.committed;
  if (next.remaining > 0) {
    if (job.shape.kind == CloudJobKind::colocated_round) {
      next.shape.tokens = window_size(gamma_, next.remaining);
    }
    queue_.push(next);
  }
}

void CloudVerifier::reply(const CloudJob& job, std::int64_t drafted, std::int64_t accepted,
                          std::int64_t committed, bool bonus_guessed, std::int64_t wire_bytes) {
  auto* message =
      new RoundReply{job.request, drafted, accepted, committed, bonus_guessed, wire_bytes};
  // Detached: the GPU does not wait for the reply to cross the WAN. The edge takes ownership.
  downlinks_[static_cast<std::size_t>(job.client)]
      ->put_init(message, static_cast<std::uint64_t>(wire_bytes))
      ->detach();
}

}  // namespace dsdsi
