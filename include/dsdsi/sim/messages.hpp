#pragma once
// What crosses the WAN. Every message knows its simulated wire size (payload.hpp), which is what
// SimGrid charges against the links; the receiver takes ownership of the heap object it gets.
#include <cstdint>
#include <variant>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi {

// Edge -> cloud: a new request's prompt. The cloud prefills it.
struct PromptUpload {
  std::int64_t request = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;  // the request's length (max_tokens), known to the server
  // Where the request decodes: speculatively with the edge drafting (dsd), or in the cloud.
  RequestDecoding decoding = RequestDecoding::dsd;
  const RequestAcceptanceRecord* acceptance = nullptr;  // a workload trace's own, or null
  std::int64_t wire_bytes = 0;
  double sent_ms = 0;  // when the edge sent it
  // Sent again after a failure (sim/reply_log.hpp): the cloud sends again its replies to this
  // request from this one on, and does not prefill twice. -1: first sending.
  std::int64_t resend_from = -1;
  std::int64_t epoch = 0;  // the device's re-synchronisations so far (ContextResync)
};

// Edge -> cloud: one window of drafted tokens to verify.
struct DraftWindow {
  std::int64_t request = 0;
  std::int64_t window = 0;     // drafted tokens in it
  bool with_guess = false;     // pipelined: the edge also guessed the bonus token
  std::int64_t remaining = 0;  // output tokens still owed before this round
  double sent_ms = 0;
  std::int64_t wire_bytes = 0;
  std::int64_t round = 0;  // the request's rounds before this one: a window sent again is known
  std::int64_t epoch = 0;
};

// Edge -> cloud, `on_failure: local` (docs/network.md): the device decoded on its own and comes
// back. The cloud drops what it still holds or has queued for the device (older epochs), admits
// the request again with `cached_tokens` of context it already has (the prompt and the verified
// tokens, kept by its prefix cache) and prefills `new_tokens` (what the device produced on its
// own, and the prompt if the cloud never received it), then acknowledges. With remaining 0 it
// only tells the cloud that the device finished the request on its own: nothing is queued.
struct ContextResync {
  std::int64_t request = 0;
  std::int64_t new_tokens = 0;
  std::int64_t cached_tokens = 0;
  std::int64_t remaining = 0;  // output tokens still owed
  double sent_ms = 0;
  std::int64_t wire_bytes = 0;
  std::int64_t epoch = 0;  // this attempt's: every later message carries it
};

using UplinkMessage = std::variant<PromptUpload, DraftWindow, ContextResync>;

// Cloud -> edge: the outcome of one round (a verified window, a cloud AR step or a co-located SD
// round), with the tokens it commits.
struct RoundReply {
  std::int64_t request = 0;
  std::int64_t drafted = 0;  // draft tokens verified in the round
  std::int64_t accepted = 0;
  std::int64_t committed = 0;
  bool bonus_guessed = false;
  std::int64_t wire_bytes = 0;
  std::int64_t seq = 0;    // the request's replies before this one (a reply sent again is known)
  std::int64_t epoch = 0;  // of the job it answers: a device ignores replies of older epochs
};

}  // namespace dsdsi
