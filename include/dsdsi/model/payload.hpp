#pragma once
// Wire sizes of the messages (docs/model.md: 4 bytes per token id, 2 bytes per fp16 probability;
// every message also carries a header). One place, so that the simulator and the closed forms
// charge the same bytes.
#include <cstdint>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi::payload {

inline constexpr std::int64_t kTokenIdBytes = 4;
inline constexpr std::int64_t kProbabilityBytes = 2;  // fp16

// Bytes a draft window carries per draft token (`speculation.payload`): the token id, plus
// what the kind adds (its probability, the top-k ids and probabilities, the whole distribution).
inline std::int64_t bytes_per_draft_token(const PayloadParams& p) {
  switch (p.kind) {
    case PayloadKind::token_ids:
      return kTokenIdBytes;
    case PayloadKind::ids_and_probs:
      return kTokenIdBytes + kProbabilityBytes;
    case PayloadKind::topk:
      return kTokenIdBytes + p.k * (kTokenIdBytes + kProbabilityBytes);
    case PayloadKind::full_distribution:
      return kTokenIdBytes + p.vocab_size * kProbabilityBytes;
  }
  return kTokenIdBytes;
}

// Edge -> cloud: the prompt of a new request.
inline std::int64_t prompt_bytes(std::int64_t header, std::int64_t prompt_tokens) {
  return header + kTokenIdBytes * prompt_tokens;
}
// Edge -> cloud: one window of drafted tokens.
inline std::int64_t draft_window_bytes(std::int64_t header, std::int64_t per_token,
                                       std::int64_t window_tokens) {
  return header + per_token * window_tokens;
}
// Cloud -> edge: the verdict of one window: the accepted count and the target's own token.
inline std::int64_t verify_reply_bytes(std::int64_t header) { return header + 2 * kTokenIdBytes; }
// Cloud -> edge: tokens produced in the cloud (cloud_ar step, colocated_sd round).
inline std::int64_t token_chunk_bytes(std::int64_t header, std::int64_t tokens) {
  return header + kTokenIdBytes * tokens;
}

}  // namespace dsdsi::payload
