#include "dsdsi/sim/cloud_receiver.hpp"

#include <memory>
#include <type_traits>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>

#include "dsdsi/sim/cloud_verifier.hpp"
#include "dsdsi/sim/jittered_receive.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace {
CloudJob to_job(std::int64_t client, const PromptUpload& prompt, double now) {
  CloudJob job;
  job.shape = {CloudJobKind::prefill, prompt.prompt_tokens};
  job.client = client;
  job.request = prompt.request;
  job.remaining = prompt.output_tokens;
  job.epoch = prompt.epoch;
  job.decoding = prompt.decoding;
  job.acceptance_override = prompt.acceptance;
  job.ready_ms = now;
  job.sent_ms = prompt.sent_ms;
  return job;
}

CloudJob to_job(std::int64_t client, const DraftWindow& window, double now) {
  CloudJob job;
  job.shape = {CloudJobKind::verify_window, window.window};
  job.client = client;
  job.request = window.request;
  job.with_guess = window.with_guess;
  job.remaining = window.remaining;
  job.ready_ms = now;
  job.sent_ms = window.sent_ms;
  job.epoch = window.epoch;
  return job;
}

CloudJob to_job(std::int64_t client, const ContextResync& resync, double now) {
  CloudJob job;
  job.shape = {CloudJobKind::prefill, resync.new_tokens};
  job.client = client;
  job.request = resync.request;
  job.remaining = resync.remaining;
  job.cached_tokens = resync.cached_tokens;
  job.resync = true;
  job.ready_ms = now;
  job.sent_ms = resync.sent_ms;
  job.epoch = resync.epoch;
  return job;
}
}  // namespace

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
    const double now = now_ms();
    std::visit(
        [&](const auto& m) {
          if (!replies_->accept(client_, m)) return;
          if constexpr (std::is_same_v<std::decay_t<decltype(m)>, ContextResync>) {
            server_->resync(client_, m, to_job(client_, m, now));
          } else {
            server_->queue().push(to_job(client_, m, now));
          }
        },
        *message);
  }
}

}  // namespace dsdsi
