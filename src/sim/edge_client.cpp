#include "dsdsi/sim/edge_client.hpp"

#include <algorithm>
#include <memory>

#include "dsdsi/model/payload.hpp"
#include "dsdsi/model/round_logic.hpp"
#include "dsdsi/sim/jittered_receive.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

EdgeClient::EdgeClient(EdgeClientSettings settings, RequestSource requests,
                       std::unique_ptr<SpeculationPolicy> policy, ServerDirectory* servers,
                       sg4::Mailbox* downlink, RecordSink& sink, JitterLine* down_jitter,
                       ReplyInbox* inbox)
    : s_(settings),
      requests_(std::move(requests)),
      policy_(std::move(policy)),
      servers_(servers),
      sink_(&sink),
      // Deciding to decode locally needs the reply log and doorbell of a network that can fail.
      link_(s_.network_can_fail || s_.decode_locally_on_failure, s_.retry_ms, downlink, down_jitter,
            s_.route, inbox) {}

RequestDecoding EdgeClient::decoding_for_next_request() {
  switch (s_.mode) {
    case DecodingMode::cloud_ar:
      return RequestDecoding::cloud_ar;
    case DecodingMode::colocated_sd:
      return RequestDecoding::colocated_sd;
    case DecodingMode::dsd_sync:
    case DecodingMode::dsd_pipelined:
      return policy_->decoding_for_next_request();
    case DecodingMode::edge_ar:
      break;
  }
  return RequestDecoding::dsd;  // edge_ar: unused
}

void EdgeClient::operator()() {
  link_.open();  // replies must start moving when the cloud sends them, even while drafting
  for (std::int64_t i = 0; auto plan = requests_.next(); ++i) {
    Request r;
    r.plan = *plan;
    // Closed loop: think, then submit. Open loop: the request arrived at its time; if the
    // device was still busy with earlier ones, it has been waiting since then.
    if (plan->arrival_ms) {
      spend_ms(*plan->arrival_ms - now_ms());
      r.record.submit_ms = *plan->arrival_ms;
    } else {
      // A closed loop learns when its next request would go only now: none after the horizon.
      if (!requests_.before_horizon(now_ms() + plan->think_ms)) break;
      spend_ms(plan->think_ms);
      r.record.submit_ms = now_ms();
    }
    r.record.client = s_.client;
    r.record.request = i;
    if (servers_ != nullptr) {
      const ServerDirectory::Route route = servers_->route_request(s_.client);
      r.record.server = static_cast<std::int64_t>(route.server);
      uplink_ = route.uplink;
      server_ = route.server;
      server_actor_ = route.verifier;
    }
    r.decoding = decoding_for_next_request();
    if (s_.context_capacity_tokens &&
        r.plan.prompt_tokens + r.plan.output_tokens > *s_.context_capacity_tokens) {
      r.decoding = RequestDecoding::cloud_ar;  // its KV cache would not fit on the device
      r.record.over_device_memory = true;
    }
    const double stalled_before = link_.stall_ms();
    const std::int64_t resent_before = link_.resends();
    if (s_.mode == DecodingMode::edge_ar) {
      decode_on_edge(r);
    } else if (r.decoding != RequestDecoding::dsd) {
      receive_cloud_decoding(r);
    } else if (s_.mode == DecodingMode::dsd_pipelined) {
      decode_pipelined(r);
    } else {
      decode_sync(r);
    }
    r.record.last_token_ms = now_ms();
    r.record.stall_ms = link_.stall_ms() - stalled_before;
    r.record.resends = link_.resends() - resent_before;
    sink_->on_request(r.record);
  }
  link_.close();
  finished_ = true;
}

void EdgeClient::draft(std::int64_t tokens) const {
  compute_ms(static_cast<double>(tokens) * s_.draft_ms_per_token, s_.computing_is_execution);
}

void EdgeClient::draft(std::int64_t tokens, ReliableLink::Sending& prompt) {
  compute_while_uploading(static_cast<double>(tokens) * s_.draft_ms_per_token, prompt);
}

void EdgeClient::prefill_draft_model(const Request& r) const {
  compute_ms(static_cast<double>(r.plan.prompt_tokens) * s_.prefill_ms_per_token,
             s_.computing_is_execution);
}

void EdgeClient::prefill_draft_model(const Request& r, ReliableLink::Sending& prompt) {
  compute_while_uploading(static_cast<double>(r.plan.prompt_tokens) * s_.prefill_ms_per_token,
                          prompt);
}

std::unique_ptr<RoundReply> EdgeClient::receive_reply(const Request& r,
                                                      const std::function<void()>& again) {
  return link_.receive(r.record.request, r.record.rounds, again);
}

void EdgeClient::send_again(Request& r, const UplinkMessage& message, std::int64_t bytes) {
  r.record.bytes_up += bytes;
  link_.send(uplink_, message, bytes);
}

std::int64_t EdgeClient::next_window(std::int64_t remaining) {
  return window_size(policy_->next_gamma(), remaining);
}

void EdgeClient::decode_on_edge(Request& r) {
  prefill_draft_model(r);
  draft(1);
  r.record.first_token_ms = now_ms();
  draft(r.plan.output_tokens - 1);
  r.record.output_tokens = r.plan.output_tokens;
}

ReliableLink::Sending EdgeClient::upload_prompt(Request& r) {
  const auto bytes = payload::prompt_bytes(s_.header_bytes, r.plan.prompt_tokens);
  r.record.bytes_up += bytes;
  prompt_ = PromptUpload{r.record.request, r.plan.prompt_tokens, r.plan.output_tokens,
                         r.decoding,       r.plan.acceptance,    bytes,
                         now_ms()};
  prompt_.epoch = epoch_;
  if (direct_uplink()) {
    return {start_direct_upload(bytes), nullptr, nullptr, bytes};
  }
  return link_.start(uplink_, prompt_, bytes);
}

void EdgeClient::finish_prompt(ReliableLink::Sending& prompt) {
  if (!prompt.comm) return;
  if (direct_uplink()) {
    prompt.comm->wait();
    hand_over(prompt_);
  } else {
    link_.finish(prompt, prompt_);
  }
  prompt.comm = nullptr;
}

void EdgeClient::compute_while_uploading(double ms, ReliableLink::Sending& prompt) {
  if (!direct_uplink() || !prompt.comm || !(ms > 0)) {
    compute_ms(ms, s_.computing_is_execution);
    return;
  }
  BackgroundComputation computing(ms, s_.computing_is_execution);
  // Wakes when the prompt arrives or the computation ends, whichever is first.
  const bool arrived = s_.computing_is_execution
                           ? sg4::Activity::wait_any({computing.execution(), prompt.comm}) == 1
                           : sg4::Activity::wait_any_for({prompt.comm}, ms * 1e-3) == 0;
  if (arrived) {
    hand_over(prompt_);
    prompt.comm = nullptr;
  }
  computing.wait();
}

sg4::CommPtr EdgeClient::start_direct_upload(std::int64_t bytes) {
  if (!direct_up_) direct_up_.emplace(s_.client);
  return direct_up_->start(server_actor_, bytes);
}

void EdgeClient::hand_over(const UplinkMessage& message) {
  direct_up_->arrived();
  servers_->deliver(s_.client, server_, message);
}

std::int64_t EdgeClient::take_reply(RequestRecord& r, const RoundReply& reply) {
  if (r.output_tokens == 0) r.first_token_ms = now_ms();
  r.output_tokens += reply.committed;
  r.rounds += 1;
  r.drafted += reply.drafted;
  r.accepted += reply.accepted;
  r.bytes_down += reply.wire_bytes;
  note_reply_arrival(r, reply.committed);
  return reply.committed;
}

void EdgeClient::note_reply_arrival(RequestRecord& r, std::int64_t tokens) const {
  if (!s_.keep_reply_times) return;
  r.reply_ms.push_back(now_ms());
  r.reply_tokens.push_back(tokens);
}

void EdgeClient::receive_cloud_decoding(Request& r) {
  ReliableLink::Sending prompt = upload_prompt(r);
  finish_prompt(prompt);
  // A lost reply: the prompt again, saying which replies are missing (the cloud does not
  // prefill twice).
  const auto again = [&] {
    PromptUpload resend = prompt_;
    resend.resend_from = r.record.rounds;
    send_again(r, resend, resend.wire_bytes);
  };
  while (r.record.output_tokens < r.plan.output_tokens) {
    const std::unique_ptr<RoundReply> reply = receive_reply(r, again);
    take_reply(r.record, *reply);
  }
  if (policy_) {
    const RequestRecord& rec = r.record;
    CloudRequestObservation seen;
    seen.tokens = rec.output_tokens;
    seen.ttft_ms = rec.first_token_ms - rec.submit_ms;
    seen.tpot_ms = rec.output_tokens > 1 ? (now_ms() - rec.first_token_ms) /
                                               static_cast<double>(rec.output_tokens - 1)
                                         : 0;
    policy_->observe_cloud_request(seen);
  }
}

DraftWindow EdgeClient::window_message(Request& r, std::int64_t window, bool with_guess,
                                       std::int64_t remaining, double sent_ms) {
  const auto bytes = payload::draft_window_bytes(s_.header_bytes, s_.bytes_per_draft_token, window);
  r.record.bytes_up += bytes;
  return {r.record.request, window, with_guess, remaining, sent_ms, bytes, r.record.rounds, epoch_};
}

DraftWindow EdgeClient::send_window(Request& r, std::int64_t window, bool with_guess,
                                    std::int64_t remaining, bool wait_for_delivery) {
  const DraftWindow message = window_message(r, window, with_guess, remaining, now_ms());
  const std::int64_t bytes = message.wire_bytes;
  if (wait_for_delivery && direct_uplink()) {
    start_direct_upload(bytes)->wait();
    hand_over(message);
  } else if (wait_for_delivery) {
    link_.send(uplink_, message, bytes);
  } else if (direct_uplink()) {
    window_on_its_way_ = {start_direct_upload(bytes), message};
  } else {
    link_.send_detached(uplink_, message, bytes);
  }
  return message;
}

void EdgeClient::hand_over_window_on_its_way() {
  if (!window_on_its_way_.transfer) return;
  window_on_its_way_.transfer->wait();
  hand_over(window_on_its_way_.window);
  window_on_its_way_.transfer = nullptr;
}

// Synchronous DSD: draft a window, send it, wait for the verdict, repeat. The prompt upload and
// the cloud's prefill overlap with the edge's own prefill and first window.
void EdgeClient::decode_sync(Request& r) {
  ReliableLink::Sending prompt = upload_prompt(r);
  prefill_draft_model(r, prompt);
  std::int64_t remaining = r.plan.output_tokens;
  while (remaining > 0) {
    const auto window = next_window(remaining);
    const double draft_start = now_ms();
    draft(window, prompt);
    const double draft_ms = now_ms() - draft_start;
    if (s_.decode_locally_on_failure) {
      const double sent = now_ms();
      const std::unique_ptr<RoundReply> reply = exchange_window(r, prompt, window, remaining);
      if (!reply) {
        remaining = decode_locally(r, remaining, window);
        continue;
      }
      remaining -= take_reply(r.record, *reply);
      policy_->observe_round(
          {window, reply->accepted, reply->committed, draft_ms, now_ms() - sent});
      continue;
    }
    finish_prompt(prompt);  // a window must not overtake its prompt
    const double sent = now_ms();
    const DraftWindow sent_window = send_window(r, window, false, remaining, true);
    const std::unique_ptr<RoundReply> reply =
        receive_reply(r, [&] { send_again(r, sent_window, sent_window.wire_bytes); });
    remaining -= take_reply(r.record, *reply);
    policy_->observe_round({window, reply->accepted, reply->committed, draft_ms, now_ms() - sent});
  }
}

// Pipelined DSD, depth 1 (docs/model.md): while a window is in flight the edge drafts its guess of
// the target's bonus token and the next window (sized by the policy when the pre-drafting
// starts, before the verdict it will observe), as a background computation. If the verdict says
// the whole window and the guess were right, that pre-drafted window goes out as soon as it is
// drafted; otherwise the pre-drafting is cancelled the moment the verdict is delivered and the
// edge drafts from the corrected prefix.
void EdgeClient::decode_pipelined(Request& r) {
  ReliableLink::Sending prompt = upload_prompt(r);
  prefill_draft_model(r, prompt);
  std::int64_t remaining = r.plan.output_tokens;
  std::int64_t window = next_window(remaining);
  double draft_ms = static_cast<double>(window) * s_.draft_ms_per_token;
  draft(window, prompt);
  const bool local = s_.decode_locally_on_failure;
  if (!local) {
    finish_prompt(prompt);
  } else if (!prompt_through(r, prompt, now_ms() + verdict_timeout_ms())) {
    remaining = decode_locally(r, remaining, window);
    if (remaining == 0) return;
    window = next_window(remaining);
    draft_ms = static_cast<double>(window) * s_.draft_ms_per_token;
    draft(window);
  }
  while (remaining > 0) {
    const std::int64_t next_gamma = policy_->next_gamma();
    const std::int64_t predraft = tokens_to_predraft(next_gamma, window, remaining);
    const DraftWindow sent_window = send_window(r, window, predraft > 0, remaining, false);
    const double sent = now_ms();
    BackgroundComputation predrafting(static_cast<double>(predraft) * s_.draft_ms_per_token,
                                      s_.computing_is_execution);
    hand_over_window_on_its_way();  // direct uplink: the verdict cannot come before it arrives
    const std::unique_ptr<RoundReply> reply =
        local ? link_.receive_by(r.record.request, epoch_, sent, sent + verdict_timeout_ms())
              : receive_reply(r, [&] { send_again(r, sent_window, sent_window.wire_bytes); });
    if (!reply) {  // local: the device gives up on the verdict, and its pre-drafting
      predrafting.stop();
      remaining = decode_locally(r, remaining, window);
      if (remaining == 0) break;
      window = next_window(remaining);
      draft_ms = static_cast<double>(window) * s_.draft_ms_per_token;
      draft(window);
      continue;
    }
    remaining -= take_reply(r.record, *reply);
    policy_->observe_round({window, reply->accepted, reply->committed, draft_ms, now_ms() - sent});
    if (reply->bonus_guessed && remaining > 0) {
      window = window_size(next_gamma, remaining);
      draft_ms = static_cast<double>(window) * s_.draft_ms_per_token;
      predrafting.wait();  // finish drafting the window already started
      continue;
    }
    // The pre-drafted tokens are of no use (a wrong prefix, or the request is done): stop.
    predrafting.stop();
    if (remaining == 0) break;
    window = next_window(remaining);
    draft_ms = static_cast<double>(window) * s_.draft_ms_per_token;
    draft(window);
  }
}

}  // namespace dsdsi
