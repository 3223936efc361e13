// `edge.resilience.on_failure: local` (docs/network.md): how a device gives up on the cloud,
// decodes on its own with its draft model, and comes back (EdgeClient's fallback; the DSD loops
// that call it are in edge_client.cpp).
#include <algorithm>
#include <cmath>
#include <optional>

#include "dsdsi/model/payload.hpp"
#include "dsdsi/sim/edge_client.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

double EdgeClient::verdict_timeout_ms() const {
  const std::optional<double> chosen = policy_ ? policy_->verdict_timeout_ms() : std::nullopt;
  return chosen ? std::min(*chosen, s_.timeout_ms) : s_.timeout_ms;
}

bool EdgeClient::prompt_through(Request& r, ReliableLink::Sending& prompt, double deadline_ms) {
  if (prompt.comm) {
    r.cloud_has_prompt = link_.finish_by(prompt, deadline_ms);
    prompt.comm = nullptr;
  }
  return r.cloud_has_prompt;
}

std::unique_ptr<RoundReply> EdgeClient::exchange_window(Request& r, ReliableLink::Sending& prompt,
                                                        std::int64_t window,
                                                        std::int64_t remaining) {
  const double sent = now_ms();
  const double deadline = sent + verdict_timeout_ms();
  // A window must not overtake its prompt; a prompt that did not get through is a failure too.
  if (!prompt_through(r, prompt, deadline)) return nullptr;
  const DraftWindow message = window_message(r, window, false, remaining, sent);
  if (!link_.send_by(uplink_, message, message.wire_bytes, deadline)) return nullptr;
  return link_.receive_by(r.record.request, epoch_, sent, deadline);
}

std::int64_t EdgeClient::decode_locally(Request& r, std::int64_t remaining, std::int64_t kept) {
  const double start = now_ms();
  ++r.record.fallbacks;
  std::int64_t tokens = 0;
  const auto produce = [&](std::int64_t n) {
    if (r.record.output_tokens == 0) r.record.first_token_ms = now_ms();
    r.record.output_tokens += n;
    r.record.unverified_tokens += n;
    r.unsynced_tokens += n;
    remaining -= n;
    tokens += n;
  };
  produce(kept);  // the window it drafted: the device shows its own tokens
  // Probes at start + retry_ms, then retry_ms after each failed one, at a token boundary: the
  // device decodes whole tokens up to the probe (one draft computation, not one per token).
  double next_probe = start + s_.retry_ms;
  while (remaining > 0) {
    const double to_probe = next_probe - now_ms();
    std::int64_t n = remaining;
    if (s_.draft_ms_per_token > 0 && to_probe / s_.draft_ms_per_token < static_cast<double>(n)) {
      n = std::max<std::int64_t>(
          1, static_cast<std::int64_t>(std::ceil(to_probe / s_.draft_ms_per_token - 1e-9)));
    }
    draft(n);
    produce(n);
    if (remaining == 0) break;
    if (now_ms() < next_probe - 1e-9) continue;
    if (link_.route_on() && resync(r, remaining)) break;
    next_probe = now_ms() + s_.retry_ms;
  }
  r.record.fallback_ms += now_ms() - start;
  r.record.local_spans.push_back({start, now_ms(), tokens});
  if (remaining == 0) notify_finished_locally(r);
  return remaining;
}

bool EdgeClient::resync(Request& r, std::int64_t remaining) {
  ContextResync message;
  message.request = r.record.request;
  const std::int64_t verified = r.record.output_tokens - r.unsynced_tokens;
  message.new_tokens = r.unsynced_tokens + (r.cloud_has_prompt ? 0 : r.plan.prompt_tokens);
  message.cached_tokens = r.cloud_has_prompt ? r.plan.prompt_tokens + verified : 0;
  message.remaining = remaining;
  message.sent_ms = now_ms();
  message.wire_bytes = payload::prompt_bytes(s_.header_bytes, message.new_tokens);
  message.epoch = ++epoch_;
  r.record.bytes_up += message.wire_bytes;
  const double deadline = message.sent_ms + s_.timeout_ms;
  if (!link_.send_by(uplink_, message, message.wire_bytes, deadline)) return false;
  const std::unique_ptr<RoundReply> ack =
      link_.receive_by(r.record.request, epoch_, message.sent_ms, deadline);
  if (!ack) return false;
  r.record.bytes_down += ack->wire_bytes;
  note_reply_arrival(r.record, 0);
  r.cloud_has_prompt = true;
  r.unsynced_tokens = 0;
  return true;
}

void EdgeClient::notify_finished_locally(const Request& r) {
  // Best effort: if the notice is lost, the server frees the request's KV when the client's
  // next prompt reaches it (model/server_scheduler.hpp).
  if (!link_.route_on()) return;
  ContextResync message;
  message.request = r.record.request;
  message.sent_ms = now_ms();
  message.wire_bytes = s_.header_bytes;
  message.epoch = ++epoch_;
  link_.send_detached(uplink_, message, message.wire_bytes);
}

}  // namespace dsdsi
