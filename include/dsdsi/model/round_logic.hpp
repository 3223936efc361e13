#pragma once
// The arithmetic of one speculative round, shared by the edge client (which drafts) and the
// cloud verifier (which decides), and unit-tested without an engine.
#include <cstdint>

namespace dsdsi {

// Draft tokens in the next window when `remaining` output tokens are still owed. The round
// always yields at least the target's own token, so drafting more than remaining - 1 would be
// thrown away: the last window of a request is shortened (0 when one token remains).
std::int64_t window_size(std::int64_t gamma, std::int64_t remaining);

struct RoundOutcome {
  std::int64_t accepted = 0;   // draft tokens of the window accepted by the target
  std::int64_t committed = 0;  // tokens the round adds to the output: accepted + 1, capped
  bool bonus_guessed = false;  // pipelined: the edge's guess of the target's token was right
};

// `leading` is the acceptance model's draw over the window's positions (plus the pipelined
// guess position when `with_guess`).
RoundOutcome resolve_round(std::int64_t window, std::int64_t leading, bool with_guess,
                           std::int64_t remaining);

// Pipelined DSD: tokens the edge drafts while `window` is in flight, betting that the whole
// window and its guess of the bonus token will be accepted: the guess, then the next window.
// 0 when that bet would finish the request anyway.
std::int64_t tokens_to_predraft(std::int64_t gamma, std::int64_t window, std::int64_t remaining);

}  // namespace dsdsi
