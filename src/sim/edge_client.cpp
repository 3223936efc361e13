#include "dsdsi/sim/edge_client.hpp"

#include <memory>
#include <simgrid/s4u/Comm.hpp>

#include "dsdsi/model/payload.hpp"
#include "dsdsi/model/round_logic.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

void EdgeClient::operator()() {
  // Replies must start moving when the cloud sends them, even while this client is drafting.
  downlink_->set_receiver(sg4::Actor::self());
  for (std::int64_t i = 0; i < s_.workload.requests_per_client; ++i) {
    if (i > 0) spend_ms(s_.workload.think_ms);
    RequestRecord r;
    r.client = s_.client;
    r.request = i;
    r.submit_ms = now_ms();
    if (servers_ != nullptr) {
      const ServerDirectory::Route route = servers_->route_request(s_.client);
      r.server = static_cast<std::int64_t>(route.server);
      uplink_ = route.uplink;
    }
    switch (s_.mode) {
      case DecodingMode::edge_ar:
        decode_on_edge(r);
        break;
      case DecodingMode::cloud_ar:
      case DecodingMode::colocated_sd:
        receive_cloud_decoding(r);
        break;
      case DecodingMode::dsd_sync:
        decode_sync(r);
        break;
      case DecodingMode::dsd_pipelined:
        decode_pipelined(r);
        break;
    }
    r.last_token_ms = now_ms();
    sink_->on_request(r);
  }
  downlink_->set_receiver(nullptr);
  finished_ = true;
}

void EdgeClient::draft(std::int64_t tokens) const {
  spend_ms(static_cast<double>(tokens) * s_.draft_ms_per_token);
}

void EdgeClient::decode_on_edge(RequestRecord& r) {
  spend_ms(static_cast<double>(s_.workload.prompt_tokens) * s_.prefill_ms_per_token);
  draft(1);
  r.first_token_ms = now_ms();
  draft(s_.workload.output_tokens - 1);
  r.output_tokens = s_.workload.output_tokens;
}

sg4::CommPtr EdgeClient::upload_prompt(RequestRecord& r) {
  const auto bytes = payload::prompt_bytes(s_.header_bytes, s_.workload.prompt_tokens);
  r.bytes_up += bytes;
  auto* message = new UplinkMessage(
      PromptUpload{r.request, s_.workload.prompt_tokens, s_.workload.output_tokens, bytes});
  return uplink_->put_async(message, static_cast<std::uint64_t>(bytes));
}

std::int64_t EdgeClient::take_reply(RequestRecord& r, const RoundReply& reply) {
  if (r.output_tokens == 0) r.first_token_ms = now_ms();
  r.output_tokens += reply.committed;
  r.rounds += 1;
  r.drafted += reply.drafted;
  r.accepted += reply.accepted;
  r.bytes_down += reply.wire_bytes;
  return reply.committed;
}

void EdgeClient::receive_cloud_decoding(RequestRecord& r) {
  upload_prompt(r)->wait();
  while (r.output_tokens < s_.workload.output_tokens) {
    const std::unique_ptr<RoundReply> reply(downlink_->get<RoundReply>());
    take_reply(r, *reply);
  }
}

void EdgeClient::send_window(RequestRecord& r, std::int64_t window, bool with_guess,
                             std::int64_t remaining, bool wait_for_delivery) {
  const auto bytes = payload::draft_window_bytes(s_.header_bytes, window);
  r.bytes_up += bytes;
  auto* message =
      new UplinkMessage(DraftWindow{r.request, window, with_guess, remaining, now_ms(), bytes});
  if (wait_for_delivery) {
    uplink_->put(message, static_cast<std::uint64_t>(bytes));
  } else {
    uplink_->put_init(message, static_cast<std::uint64_t>(bytes))->detach();
  }
}

// Synchronous DSD: draft a window, send it, wait for the verdict, repeat. The prompt upload and
// the cloud's prefill overlap with the edge's own prefill and first window.
void EdgeClient::decode_sync(RequestRecord& r) {
  sg4::CommPtr prompt = upload_prompt(r);
  spend_ms(static_cast<double>(s_.workload.prompt_tokens) * s_.prefill_ms_per_token);
  std::int64_t remaining = s_.workload.output_tokens;
  while (remaining > 0) {
    const auto window = window_size(s_.gamma, remaining);
    draft(window);
    if (prompt) {
      prompt->wait();  // a window must not overtake its prompt
      prompt = nullptr;
    }
    send_window(r, window, false, remaining, true);
    const std::unique_ptr<RoundReply> reply(downlink_->get<RoundReply>());
    remaining -= take_reply(r, *reply);
  }
}

// Pipelined DSD, depth 1 (MODEL.md): while a window is in flight the edge drafts its guess of
// the target's bonus token and the next window. If the verdict says the whole window and the
// guess were right, that pre-drafted window goes out as soon as it is drafted; otherwise it is
// discarded the moment the verdict arrives and the edge drafts from the corrected prefix.
void EdgeClient::decode_pipelined(RequestRecord& r) {
  sg4::CommPtr prompt = upload_prompt(r);
  spend_ms(static_cast<double>(s_.workload.prompt_tokens) * s_.prefill_ms_per_token);
  std::int64_t remaining = s_.workload.output_tokens;
  std::int64_t window = window_size(s_.gamma, remaining);
  draft(window);
  prompt->wait();
  while (remaining > 0) {
    const std::int64_t predraft = tokens_to_predraft(s_.gamma, window, remaining);
    send_window(r, window, predraft > 0, remaining, false);
    const double predraft_done_ms =
        now_ms() + static_cast<double>(predraft) * s_.draft_ms_per_token;
    RoundReply* raw_reply = nullptr;
    sg4::CommPtr verdict = downlink_->get_async<RoundReply>(&raw_reply);
    // wait_any_for leaves the receive posted when it times out (a plain get with a timeout
    // would cancel a transfer already in flight).
    if (predraft == 0 ||
        sg4::Comm::wait_any_for({verdict}, (predraft_done_ms - now_ms()) * 1e-3) < 0) {
      verdict->wait();
    }
    const std::unique_ptr<RoundReply> reply(raw_reply);
    remaining -= take_reply(r, *reply);
    if (remaining == 0) break;
    window = window_size(s_.gamma, remaining);
    if (reply->bonus_guessed) {
      spend_ms(predraft_done_ms - now_ms());  // finish drafting the window already started
    } else {
      draft(window);
    }
  }
}

}  // namespace dsdsi
