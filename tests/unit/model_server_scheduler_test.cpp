// The scheduling rules of one cloud server (KV admission, windows waiting for their prefill,
// batch limits), without an engine.
#include <gtest/gtest.h>

#include "dsdsi/model/request_router.hpp"
#include "dsdsi/model/server_scheduler.hpp"

using namespace dsdsi;

namespace {

CloudJob prefill(std::int64_t client, std::int64_t prompt, std::int64_t output) {
  CloudJob job;
  job.shape = {CloudJobKind::prefill, prompt};
  job.client = client;
  job.remaining = output;
  return job;
}

CloudJob window(std::int64_t client) {
  CloudJob job;
  job.shape = {CloudJobKind::verify_window, 4};
  job.client = client;
  job.remaining = 10;
  return job;
}

std::vector<std::int64_t> clients_of(const std::vector<CloudJob>& batch) {
  std::vector<std::int64_t> clients;
  for (const auto& job : batch) clients.push_back(job.client);
  return clients;
}

}  // namespace

TEST(ModelServerScheduler, BatchHoldsAtMostMaxBatchJobsInArrivalOrder) {
  ServerScheduler scheduler(2, 0);
  std::deque<CloudJob> arrivals{prefill(0, 10, 10), prefill(1, 10, 10), prefill(2, 10, 10)};
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(arrivals.size(), 1u);
}

TEST(ModelServerScheduler, WindowWaitsForItsPrefillThenHasPriority) {
  ServerScheduler scheduler(4, 0);
  std::deque<CloudJob> arrivals{window(0)};  // no prefill seen yet for client 0
  EXPECT_TRUE(scheduler.take_batch(arrivals).empty());
  EXPECT_FALSE(scheduler.has_ready());
  arrivals.push_back(prefill(0, 10, 10));
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{0}));
  scheduler.on_prefilled(0);
  EXPECT_TRUE(scheduler.has_ready());
  arrivals.push_back(prefill(1, 10, 10));
  const auto batch = scheduler.take_batch(arrivals);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].shape.kind, CloudJobKind::verify_window);  // the parked window goes first
  EXPECT_EQ(batch[1].client, 1);
}

TEST(ModelServerScheduler, KvBudgetQueuesRequestsFirstComeFirstServed) {
  // Each of the first three requests holds prompt + output = 100 tokens, the fourth 20; the
  // budget holds two large ones and the small one.
  ServerScheduler scheduler(8, 220);
  std::deque<CloudJob> arrivals{prefill(0, 40, 60), prefill(1, 40, 60), prefill(2, 40, 60),
                                prefill(3, 10, 10)};
  // Client 3 would fit in what is left, but may not overtake client 2.
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(scheduler.kv_in_use(), 200);
  EXPECT_EQ(scheduler.waiting_for_admission(), 2u);
  EXPECT_FALSE(scheduler.has_ready());
  scheduler.on_request_done(0);
  EXPECT_TRUE(scheduler.has_ready());
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(scheduler.kv_in_use(), 100 + 100 + 20);
  EXPECT_EQ(scheduler.waiting_for_admission(), 0u);
}

TEST(ModelServerScheduler, WindowParkedWhileItsRequestWaitsForKvSurvivesAdmission) {
  ServerScheduler scheduler(8, 100);
  std::deque<CloudJob> arrivals{prefill(0, 40, 60), prefill(1, 40, 60), window(1)};
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{0}));
  scheduler.on_request_done(0);
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{1}));
  scheduler.on_prefilled(1);
  const auto batch = scheduler.take_batch(arrivals);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].shape.kind, CloudJobKind::verify_window);
}

// `on_failure: local`: a device that re-synchronises (or finished on its own) makes the server
// drop what it holds for it: its KV reservation and its jobs waiting for admission or parked.
TEST(ModelServerScheduler, CancelReleasesKvAndDropsTheClientsWaitingJobs) {
  ServerScheduler scheduler(8, 200);
  std::deque<CloudJob> arrivals{prefill(0, 50, 50), prefill(1, 50, 60), prefill(0, 10, 10)};
  // Client 1 waits for admission (100 + 110 > 200); client 0's second prefill queues behind it.
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{0}));
  EXPECT_EQ(scheduler.kv_in_use(), 100);
  EXPECT_EQ(scheduler.waiting_for_admission(), 2u);
  scheduler.cancel(0);
  EXPECT_EQ(scheduler.kv_in_use(), 0);
  EXPECT_EQ(scheduler.waiting_for_admission(), 1u);  // client 0's own queued prefill is gone
  EXPECT_EQ(clients_of(scheduler.take_batch(arrivals)), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(scheduler.kv_in_use(), 110);
}

// A re-synchronisation's prefill reserves the context the server keeps (cached, not priced) as
// well as what it prefills and the output still owed; a client's new admission frees KV its
// previous request still held (a request the device finished on its own, notice lost).
TEST(ModelServerScheduler, ResyncReservesCachedContextAndANewAdmissionFreesTheOldOne) {
  ServerScheduler scheduler(8, 0);
  CloudJob resync = prefill(0, 30, 40);
  resync.cached_tokens = 100;
  resync.resync = true;
  std::deque<CloudJob> arrivals{resync};
  const auto batch = scheduler.take_batch(arrivals);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].priced_shape().tokens, 30);
  EXPECT_EQ(scheduler.kv_in_use(), 170);
  scheduler.on_prefilled(0);
  EXPECT_TRUE(scheduler.holds_prefilled(0));
  arrivals.push_back(prefill(0, 10, 10));
  scheduler.take_batch(arrivals);
  EXPECT_EQ(scheduler.kv_in_use(), 20);
  EXPECT_FALSE(scheduler.holds_prefilled(0));
}

TEST(ModelRequestRouter, PoliciesPickAsDocumented) {
  const std::vector<std::int64_t> load{3, 1, 2, 1};
  RequestRouter round_robin(RoutingPolicy::round_robin, 1);
  EXPECT_EQ(round_robin.choose(load), 0u);
  EXPECT_EQ(round_robin.choose(load), 1u);
  EXPECT_EQ(round_robin.choose(load), 2u);
  RequestRouter least(RoutingPolicy::least_outstanding, 1);
  EXPECT_EQ(least.choose(load), 1u);  // ties go to the lower index
  // Power of two never picks the most loaded of the pair, so never server 0 against others here
  // unless both draws were 0, which the policy rules out (two distinct servers).
  RequestRouter two(RoutingPolicy::power_of_two, 7);
  RequestRouter random(RoutingPolicy::random, 7);
  std::vector<int> picked(4, 0), random_picked(4, 0);
  for (int i = 0; i < 4000; ++i) {
    ++picked[two.choose(load)];
    ++random_picked[random.choose(load)];
  }
  EXPECT_EQ(picked[0], 0);
  for (int count : random_picked) EXPECT_NEAR(count, 1000, 150);  // ~5 standard deviations
}
