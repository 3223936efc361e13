#pragma once
// The cloud GPU: forms batches from its job queue (at most max_batch jobs, waiting at most
// batch_window_ms after the oldest one arrived), runs them, decides each round with the
// acceptance model, replies to the edge and, in the cloud-side modes, queues the next round.
#include <cstdint>
#include <memory>
#include <simgrid/s4u/Mailbox.hpp>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/batch_cost.hpp"
#include "dsdsi/sim/job_queue.hpp"

namespace dsdsi {

class CloudVerifier {
 public:
  // downlinks[c] is client c's mailbox.
  CloudVerifier(const Scenario& scenario, std::vector<simgrid::s4u::Mailbox*> downlinks,
                RecordSink& sink);
  JobQueue& queue() { return queue_; }
  void operator()();

 private:
  std::vector<CloudJob> next_batch();
  void finish(const CloudJob& job, std::int64_t batch_id, std::int64_t batch_size, double start_ms,
              double end_ms);
  void reply(const CloudJob& job, std::int64_t drafted, std::int64_t accepted,
             std::int64_t committed, bool bonus_guessed, std::int64_t wire_bytes);

  DecodingMode mode_;
  std::int64_t gamma_;
  std::int64_t max_batch_;
  double batch_window_ms_;
  std::int64_t header_bytes_;
  BatchCost cost_;
  std::unique_ptr<AcceptanceModel> acceptance_;
  std::vector<RandomStream> acceptance_streams_;  // one per client
  std::vector<simgrid::s4u::Mailbox*> downlinks_;
  RecordSink* sink_;
  JobQueue queue_;
  std::int64_t next_batch_id_ = 0;
};

}  // namespace dsdsi
