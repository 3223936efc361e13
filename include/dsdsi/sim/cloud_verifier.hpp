#pragma once
// One cloud server's GPU. It forms batches (ServerScheduler decides which jobs; the batching
// policy decides when: `static` waits up to batch_window_ms for max_batch jobs, `continuous`
// starts a step as soon as the GPU is free), runs them at the latency models' price, decides each
// round with the acceptance model, replies to the edge and, in the cloud-side modes, queues the
// request's next round.
#include <cstdint>
#include <memory>
#include <simgrid/s4u/Mailbox.hpp>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/batch_cost.hpp"
#include "dsdsi/model/server_scheduler.hpp"
#include "dsdsi/sim/client_acceptance.hpp"
#include "dsdsi/sim/job_queue.hpp"
#include "dsdsi/sim/server_directory.hpp"
#include "dsdsi/sim/server_stats.hpp"

namespace dsdsi {

class CloudVerifier {
 public:
  // Replies go through the directory's ReplyLog. `speed` scales every step (2: twice as fast).
  CloudVerifier(const Scenario& scenario, std::int64_t server, double speed, RecordSink& sink,
                ServerDirectory& directory, const AcceptanceModel& acceptance,
                std::vector<ClientAcceptance>& clients);
  JobQueue& queue() { return queue_; }
  ServerStats& stats() { return stats_; }
  void operator()();
  // A device re-synchronises (`on_failure: local`, sim/messages.hpp): what the server held for
  // it is dropped and `job` (the re-synchronisation's prefill) queued, unless the device only
  // says it finished the request on its own.
  void resync(std::int64_t client, const ContextResync& message, const CloudJob& job);

 private:
  std::vector<CloudJob> next_batch();
  void finish(const CloudJob& job, const RoundRecord& batch_facts);
  void decode_next_round(const CloudJob& next);
  void request_done(std::int64_t client, std::int64_t request);
  void reply(const CloudJob& job, std::int64_t drafted, std::int64_t accepted,
             std::int64_t committed, bool bonus_guessed, std::int64_t wire_bytes);

  BatchingPolicy batching_;
  std::int64_t server_;
  double speed_;
  std::int64_t gamma_;
  std::int64_t max_batch_;
  double batch_window_ms_;
  std::int64_t header_bytes_;
  BatchCost cost_;
  const AcceptanceModel* acceptance_;
  std::vector<ClientAcceptance>* clients_;
  RecordSink* sink_;
  ServerDirectory* directory_;
  JobQueue queue_;
  ServerScheduler scheduler_;
  ServerStats stats_;
  std::int64_t next_batch_id_ = 0;
  // By client: the request whose last round this server ran (-1: none, or re-opened), so that a
  // request the device also ends on its own is not counted done twice.
  std::vector<std::int64_t> finished_;
  bool computing_is_execution_;  // or a sleep of the same length (sim/sim_clock.hpp)
};

}  // namespace dsdsi
