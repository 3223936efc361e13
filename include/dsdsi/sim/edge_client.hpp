#pragma once
// One user's device. It submits its requests one after another (with think time between them)
// and produces their tokens the way its decoding mode says: alone (edge_ar), by drafting windows
// for the cloud to verify (dsd_sync, dsd_pipelined), or by receiving what the cloud decodes
// (cloud_ar, colocated_sd). It records one RequestRecord per request.
#include <cstdint>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/server_directory.hpp"

namespace dsdsi {

struct EdgeClientSettings {
  std::int64_t client = 0;
  DecodingMode mode = DecodingMode::dsd_sync;
  std::int64_t gamma = 0;
  double draft_ms_per_token = 0;    // this client's device (a platform may override the default)
  double prefill_ms_per_token = 0;  // the draft model's prefill on this device
  WorkloadParams workload;
  std::int64_t header_bytes = 0;
};

class EdgeClient {
 public:
  // `servers` is null in edge_ar (no cloud).
  EdgeClient(EdgeClientSettings settings, ServerDirectory* servers, simgrid::s4u::Mailbox* downlink,
             RecordSink& sink)
      : s_(settings), servers_(servers), downlink_(downlink), sink_(&sink) {}
  void operator()();
  // All of the client's requests have completed.
  bool finished() const { return finished_; }

 private:
  void decode_on_edge(RequestRecord& r);
  void receive_cloud_decoding(RequestRecord& r);
  void decode_sync(RequestRecord& r);
  void decode_pipelined(RequestRecord& r);

  simgrid::s4u::CommPtr upload_prompt(RequestRecord& r);
  void draft(std::int64_t tokens) const;
  void send_window(RequestRecord& r, std::int64_t window, bool with_guess, std::int64_t remaining,
                   bool wait_for_delivery);
  // Accounts a reply in the record and returns the tokens it committed.
  std::int64_t take_reply(RequestRecord& r, const RoundReply& reply);

  EdgeClientSettings s_;
  ServerDirectory* servers_;
  simgrid::s4u::Mailbox* uplink_ = nullptr;  // to the server of the current request
  bool finished_ = false;
  simgrid::s4u::Mailbox* downlink_;
  RecordSink* sink_;
};

}  // namespace dsdsi
