// cloud.max_batched_tokens: chunked prefill in one server's scheduler. Decode work takes its
// tokens first; prefills share the rest of the cap; a prompt longer than its share goes on in the
// next steps, ahead of new arrivals.
#include <gtest/gtest.h>

#include "dsdsi/model/server_scheduler.hpp"

namespace dsdsi {
namespace {

CloudJob prefill(std::int64_t client, std::int64_t prompt) {
  CloudJob job;
  job.shape = {CloudJobKind::prefill, prompt};
  job.client = client;
  job.remaining = 16;
  return job;
}

CloudJob ar_step(std::int64_t client) {
  CloudJob job;
  job.shape = {CloudJobKind::ar_step, 0};
  job.client = client;
  job.remaining = 16;
  return job;
}

std::int64_t batched_tokens(const std::vector<CloudJob>& batch) {
  std::int64_t tokens = 0;
  for (const auto& job : batch) {
    const CloudJobShape shape = job.priced_shape();
    tokens += shape.kind == CloudJobKind::prefill   ? shape.tokens
              : shape.kind == CloudJobKind::ar_step ? 1
                                                    : shape.tokens + 1;
  }
  return tokens;
}

TEST(ChunkedPrefill, WithoutACapAPromptRunsWhole) {
  ServerScheduler scheduler(4, 0);
  std::deque<CloudJob> arrivals{prefill(0, 5000)};
  const auto batch = scheduler.take_batch(arrivals);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].priced_shape().tokens, 5000);
  EXPECT_TRUE(batch[0].completes_prefill());
}

TEST(ChunkedPrefill, ALongPromptIsSplitAcrossStepsAndEveryTokenIsPrefilledOnce) {
  ServerScheduler scheduler(4, 0, 2048);
  std::deque<CloudJob> arrivals{prefill(0, 5000)};
  std::int64_t prefilled = 0;
  int steps = 0;
  for (;;) {
    auto batch = scheduler.take_batch(arrivals);
    ASSERT_EQ(batch.size(), 1u);
    ++steps;
    EXPECT_LE(batched_tokens(batch), 2048);
    prefilled += batch[0].priced_shape().tokens;
    if (batch[0].completes_prefill()) break;
    CloudJob rest = batch[0];  // what the verifier does after a chunk
    rest.prefill_done += rest.prefill_chunk;
    rest.prefill_chunk = 0;
    scheduler.continue_prefill(rest);
    ASSERT_TRUE(scheduler.has_ready());
  }
  EXPECT_EQ(steps, 3);  // 2048 + 2048 + 904
  EXPECT_EQ(prefilled, 5000);
}

TEST(ChunkedPrefill, DecodeWorkGoesFirstAndPrefillsShareTheRest) {
  // 64 requests of 512-token prompts under a cap of 8192: 16 prefills a step.
  ServerScheduler scheduler(64, 0, 8192);
  std::deque<CloudJob> arrivals;
  for (int c = 0; c < 2; ++c) arrivals.push_back(ar_step(c));
  for (int c = 2; c < 66; ++c) arrivals.push_back(prefill(c, 512));
  const auto batch = scheduler.take_batch(arrivals);
  EXPECT_EQ(batched_tokens(batch), 8192);
  int decodes = 0, whole = 0, partial = 0;
  for (const auto& job : batch) {
    if (job.shape.kind == CloudJobKind::ar_step) ++decodes;
    if (job.shape.kind == CloudJobKind::prefill) (job.completes_prefill() ? whole : partial) += 1;
  }
  EXPECT_EQ(decodes, 2);
  EXPECT_EQ(whole, 15);   // 15 x 512 = 7680 of the 8190 left
  EXPECT_EQ(partial, 1);  // 510 tokens of the 16th prompt
  // The 46 other admitted prefills got no share: they wait (ahead of arrivals) for later steps.
  EXPECT_TRUE(scheduler.has_ready());
}

TEST(ChunkedPrefill, APromptUnderWayGoesBeforeNewPrompts) {
  ServerScheduler scheduler(4, 0, 1000);
  std::deque<CloudJob> arrivals{prefill(0, 1500)};
  auto first = scheduler.take_batch(arrivals);
  ASSERT_EQ(first[0].priced_shape().tokens, 1000);
  CloudJob rest = first[0];
  rest.prefill_done += rest.prefill_chunk;
  rest.prefill_chunk = 0;
  scheduler.continue_prefill(rest);
  arrivals.push_back(prefill(1, 800));
  const auto second = scheduler.take_batch(arrivals);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].client, 0);
  EXPECT_EQ(second[0].priced_shape().tokens, 500);
  EXPECT_TRUE(second[0].completes_prefill());
  EXPECT_EQ(second[1].client, 1);
  EXPECT_EQ(second[1].priced_shape().tokens, 500);
  EXPECT_FALSE(second[1].completes_prefill());
}

}  // namespace
}  // namespace dsdsi
