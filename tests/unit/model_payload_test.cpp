// Wire sizes (model/payload.hpp, docs/model.md: a token id is 4 bytes, an fp16 probability 2): the
// per-draft-token bytes of each `speculation.payload` kind and the messages built from them.
#include <gtest/gtest.h>

#include "dsdsi/model/payload.hpp"

namespace dsdsi {
namespace {

PayloadParams payload_of(PayloadKind kind, std::int64_t k = 0, std::int64_t vocab_size = 0) {
  PayloadParams p;
  p.kind = kind;
  p.k = k;
  p.vocab_size = vocab_size;
  return p;
}

// Protects: token_ids sends the 4-byte id only, and is the default payload.
TEST(ModelPayload, TokenIdsAreFourBytesAndTheDefault) {
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::token_ids)), 4);
  EXPECT_EQ(payload::bytes_per_draft_token(PayloadParams{}), 4);
}

// Protects: ids_and_probs adds one fp16 probability: 4 + 2.
TEST(ModelPayload, IdsAndProbsAreSixBytes) {
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::ids_and_probs)), 6);
}

// Protects: topk adds k (id, fp16 probability) pairs: 4 + 6k.
TEST(ModelPayload, TopKIsFourPlusSixK) {
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::topk, 1)), 10);
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::topk, 32)), 196);
}

// Protects: full_distribution adds the whole vocabulary in fp16: 4 + 2V (Llama 3: 256516).
TEST(ModelPayload, FullDistributionIsFourPlusTwoVocab) {
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::full_distribution, 0, 128256)),
            256516);
  EXPECT_EQ(payload::bytes_per_draft_token(payload_of(PayloadKind::full_distribution, 0, 2)), 8);
}

// Protects: a draft window is one header plus per-token bytes x window, and the other messages
// keep their fixed sizes whatever the payload.
TEST(ModelPayload, MessageSizes) {
  EXPECT_EQ(payload::draft_window_bytes(40, 4, 4), 56);
  EXPECT_EQ(payload::draft_window_bytes(40, 196, 5), 40 + 980);
  EXPECT_EQ(payload::draft_window_bytes(0, 256516, 4), 1026064);
  EXPECT_EQ(payload::draft_window_bytes(40, 6, 0), 40);
  EXPECT_EQ(payload::verify_reply_bytes(40), 48);
  EXPECT_EQ(payload::prompt_bytes(40, 128), 552);
  EXPECT_EQ(payload::token_chunk_bytes(40, 3), 52);
}

}  // namespace
}  // namespace dsdsi
