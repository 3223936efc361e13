#pragma once
// What the actors emit. Plain values, all times in simulated milliseconds since the start of the
// simulation. Actors hand records to a RecordSink and never touch files (ARCHITECTURE habit 5).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dsdsi/model/radio_model.hpp"

namespace dsdsi {

// One request, emitted by the edge client when its last token arrives.
struct RequestRecord {
  std::int64_t client = 0;
  std::int64_t request = 0;        // index of the request within its client, from 0
  std::int64_t server = 0;         // cloud server it was routed to (edge_ar: 0)
  double submit_ms = 0;            // submitted at the edge
  double first_token_ms = 0;       // first output token available at the edge
  double last_token_ms = 0;        // last output token available at the edge
  std::int64_t output_tokens = 0;  // committed output tokens
  std::int64_t rounds = 0;         // verification rounds (cloud_ar: target steps; edge_ar: 0)
  std::int64_t drafted = 0;        // draft tokens sent for verification
  std::int64_t accepted = 0;       // of those, accepted by the target
  std::int64_t bytes_up = 0;       // edge -> cloud bytes for this request
  std::int64_t bytes_down = 0;     // cloud -> edge bytes for this request
  // When each of its replies reached the edge, in order (the ends of the radio's downlink
  // transfers; their starts are the RoundRecords' verify_end_ms).
  std::vector<double> reply_ms;
  std::vector<std::int64_t> reply_tokens;  // the tokens each of those replies brought
  // Decoded in the cloud because its context did not fit in the device's memory.
  bool over_device_memory = false;
  // Network failures (sim/reliable_link.hpp): time from a message's first failure until it got
  // through, summed; and the messages sent again.
  double stall_ms = 0;
  std::int64_t resends = 0;
  // `on_failure: local` (docs/network.md): tokens the device produced on its own (never
  // verified by the target), how many times it fell back to decoding on its own, the time it
  // spent so, and those periods with the tokens of each (timeline.csv).
  std::int64_t unverified_tokens = 0;
  std::int64_t fallbacks = 0;
  double fallback_ms = 0;
  struct LocalSpan {
    double from_ms = 0, to_ms = 0;
    std::int64_t tokens = 0;
  };
  std::vector<LocalSpan> local_spans;
};

// What a cloud job did: prefill a prompt, verify an edge window, or a cloud-side step (one AR
// step in cloud_ar, a draft+verify round in colocated_sd or a request a policy sent to the cloud).
// `resync`: the prefill of what a device decoded on its own (`on_failure: local`).
enum class RoundKind { prefill, verify, ar_step, colocated, resync };

// One cloud job in a batch (dsd_*: a window verified; colocated_sd: a cloud draft+verify round;
// cloud_ar: one target step; every mode with a cloud: the prompt's prefill), emitted by the
// cloud verifier when its batch ends. Prefill rows commit nothing and are not rounds in the
// summary.
struct RoundRecord {
  std::int64_t client = 0;
  std::int64_t request = 0;
  std::int64_t server = 0;
  RoundKind kind = RoundKind::verify;
  double sent_ms = 0;    // sent by the edge (cloud-side steps: became ready at the server)
  double arrive_ms = 0;  // reached the server (cloud-side steps: became ready), queued from here
  std::int64_t batch_id = 0;      // per server
  std::int64_t batch_size = 0;    // jobs in the batch (prefill jobs included)
  std::int64_t batch_tokens = 0;  // batched tokens the decode step's latency model was priced at
  double verify_start_ms = 0;     // batch start
  double verify_end_ms = 0;       // batch end
  std::int64_t gamma = 0;         // draft tokens in this window (0 for cloud_ar and prefill)
  std::int64_t accepted = 0;      // draft tokens accepted
  std::int64_t committed = 0;     // tokens added to the output by this round
  std::int64_t kv_tokens = 0;     // prefill: KV cache the request reserves (prompt + output)
  bool last = false;              // the request's last cloud job (its KV is released at its end)
};

// One batch executed by a cloud verifier (a prefill-only batch too).
struct BatchRecord {
  std::int64_t server = 0;
  std::int64_t batch_id = 0;
  std::int64_t size = 0;          // jobs in the batch
  std::int64_t prefill_jobs = 0;  // of which prompt prefills
  double start_ms = 0;
  double end_ms = 0;
};

// One cloud server over the whole run, emitted once the simulation has ended.
struct ServerRecord {
  std::int64_t server = 0;
  std::string host;
  std::int64_t batches = 0;
  double busy_fraction = 0;    // time computing / makespan
  double batch_size_mean = 0;  // jobs per batch
  std::int64_t batch_size_p95 = 0;
  double queue_delay_ms_mean = 0;     // job ready at the server -> its batch starts
  double admission_wait_ms_mean = 0;  // new request arrived -> admitted (KV cache budget)
  std::int64_t requests = 0;          // requests routed to this server
  std::optional<double> energy_j;     // the host's energy over the run; none without wattage
};

// One edge client over the whole run, emitted once the simulation has ended.
struct ClientRecord {
  std::int64_t client = 0;
  std::string host;
  std::string device_class;
  double draft_ms_per_token = 0;
  double rtt_ms = 0;       // its route's latency there and back
  double mean_rtt_ms = 0;  // rtt_ms plus the mean jitter its messages met each way
  // Its device's energy until its last token (a host shared by k clients: 1/k of the host's,
  // until the last of them finished); none when the host has no wattage.
  std::optional<double> edge_energy_j;
  // Its radio over its transfers (metrics/radio_sink.hpp); none when its class has no radio.
  std::optional<RadioUsage> radio;
  double outage_ms = 0;  // time its route to the cloud had a link off, until the run ended
  // The periods [from, to) of outage_ms, in time order (timeline.csv's clients_disconnected).
  std::vector<std::pair<double, double>> outages;
  bool network_can_fail = false;  // the summary then reports stalls and outages
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void on_request(const RequestRecord& record) = 0;
  virtual void on_round(const RoundRecord& record) = 0;
  virtual void on_batch(const BatchRecord& record) = 0;
  virtual void on_server(const ServerRecord& record) = 0;
  virtual void on_client(const ClientRecord& record) = 0;
};

}  // namespace dsdsi
