#include "dsdsi/sim/cloud_receiver.hpp"

#include <memory>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <type_traits>

#include "dsdsi/sim/cloud_verifier.hpp"
#include "dsdsi/sim/jittered_receive.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace {
// What every uploaded message says of its job: whose, which request, what it still owes, when it
// was sent and arrived, and its epoch.
template <typename Message>
CloudJob job_of(std::int64_t client, const Message& m, CloudJobShape shape, std::int64_t remaining,
                double now) {
  CloudJob job;
  job.shape = shape;
  job.client = client;
  job.request = m.request;
  job.remaining = remaining;
  job.ready_ms = now;
  job.sent_ms = m.sent_ms;
  job.epoch = m.epoch;
  return job;
}

CloudJob to_job(std::int64_t client, const PromptUpload& prompt, double now) {
  CloudJob job = job_of(client, prompt, {CloudJobKind::prefill, prompt.prompt_tokens},
                        prompt.output_tokens, now);
  job.decoding = prompt.decoding;
  job.acceptance_override = prompt.acceptance;
  return job;
}

CloudJob to_job(std::int64_t client, const DraftWindow& window, double now) {
  CloudJob job =
      job_of(client, window, {CloudJobKind::verify_window, window.window}, window.remaining, now);
  job.with_guess = window.with_guess;
  return job;
}

CloudJob to_job(std::int64_t client, const ContextResync& resync, double now) {
  CloudJob job =
      job_of(client, resync, {CloudJobKind::prefill, resync.new_tokens}, resync.remaining, now);
  job.cached_tokens = resync.cached_tokens;
  job.resync = true;
  return job;
}
}  // namespace

void hand_to_server(std::int64_t client, const UplinkMessage& message, CloudVerifier& server,
                    ReplyLog& replies) {
  const double now = now_ms();
  std::visit(
      [&](const auto& m) {
        if (!replies.accept(client, m)) return;
        if constexpr (std::is_same_v<std::decay_t<decltype(m)>, ContextResync>) {
          server.resync(client, m, to_job(client, m, now));
        } else {
          server.queue().push(to_job(client, m, now));
        }
      },
      message);
}

void CloudReceiver::operator()() const {
  // A daemon: the engine ends it once every edge client has finished.
  // With jitter, the next upload must keep moving while this one is held back.
  if (jitter_ != nullptr) uplink_->set_receiver(simgrid::s4u::Actor::self());
  for (;;) {
    std::unique_ptr<UplinkMessage> message;
    try {
      message = receive_delivered<UplinkMessage>(uplink_, jitter_);
    } catch (const simgrid::NetworkFailureException&) {
      continue;  // the upload was lost on a failed link: the edge sends it again
    } catch (const simgrid::CancelException&) {
      continue;  // the device gave up on it (`on_failure: local`)
    } catch (const simgrid::TimeoutException&) {
      continue;  // the same, seen first as the sender's timeout (SimGrid tells both ends)
    }
    hand_to_server(client_, *message, *server_, *replies_);
  }
}

}  // namespace dsdsi
