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
};

using UplinkMessage = std::variant<PromptUpload, DraftWindow>;

// Cloud -> edge: the outcome of one round (a verified window, a cloud AR step or a co-located SD
// round), with the tokens it commits.
struct RoundReply {
  std::int64_t request = 0;
  std::int64_t drafted = 0;  // draft tokens verified in the round
  std::int64_t accepted = 0;
  std::int64_t committed = 0;
  bool bonus_guessed = false;
  std::int64_t wire_bytes = 0;
  std::int64_t seq = 0;  // the request's replies before this one (a reply sent again is known)
};

}  // namespace dsdsi
