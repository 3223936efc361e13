#pragma once
// Wire sizes of the messages (MODEL.md: 4 bytes per token id; every message also carries a
// header). One place, so that the simulator and the closed forms charge the same bytes.
#include <cstdint>

namespace dsdsi::payload {

inline constexpr std::int64_t kTokenIdBytes = 4;

// Edge -> cloud: the prompt of a new request.
inline std::int64_t prompt_bytes(std::int64_t header, std::int64_t prompt_tokens) {
  return header + kTokenIdBytes * prompt_tokens;
}
// Edge -> cloud: one window of drafted token ids.
inline std::int64_t draft_window_bytes(std::int64_t header, std::int64_t window_tokens) {
  return header + kTokenIdBytes * window_tokens;
}
// Cloud -> edge: the verdict of one window: the accepted count and the target's own token.
inline std::int64_t verify_reply_bytes(std::int64_t header) { return header + 2 * kTokenIdBytes; }
// Cloud -> edge: tokens produced in the cloud (cloud_ar step, colocated_sd round).
inline std::int64_t token_chunk_bytes(std::int64_t header, std::int64_t tokens) {
  return header + kTokenIdBytes * tokens;
}

}  // namespace dsdsi::payload
