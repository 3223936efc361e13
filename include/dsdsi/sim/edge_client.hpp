#pragma once
// One user's device. It submits its requests as the workload's arrival process says (closed
// loop, Poisson or a trace; RequestSource) and produces their tokens the way the decoding mode
// says: alone (edge_ar), by drafting windows for a cloud server to verify (dsd_sync,
// dsd_pipelined; the speculation policy picks each window's gamma, and may send a request to be
// decoded in the cloud instead), or by receiving what the cloud decodes (cloud_ar,
// colocated_sd). It records one RequestRecord per request.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/model/request_source.hpp"
#include "dsdsi/model/speculation_policy.hpp"
#include "dsdsi/sim/direct_uplink.hpp"
#include "dsdsi/sim/messages.hpp"
#include "dsdsi/sim/reliable_link.hpp"
#include "dsdsi/sim/server_directory.hpp"

namespace dsdsi {

struct EdgeClientSettings {
  std::int64_t client = 0;
  DecodingMode mode = DecodingMode::dsd_sync;
  double draft_ms_per_token = 0;    // this client's device (a platform may override the default)
  double prefill_ms_per_token = 0;  // the draft model's prefill on this device
  std::int64_t header_bytes = 0;
  std::int64_t bytes_per_draft_token = 0;  // `speculation.payload` (model/payload.hpp)
  // Most context tokens the device's memory holds (config/device_memory_param.hpp); a longer
  // request is decoded in the cloud. None: no limit.
  std::optional<std::int64_t> context_capacity_tokens;
  // The network can fail (outages, state profiles): messages go through ReliableLink's retries.
  bool network_can_fail = false;
  double retry_ms = 0;  // `edge.resilience.retry_ms`
  // `on_failure: local`: DSD requests decode on the device when a verdict is later than
  // timeout_ms or the route is down (EdgeClient::decode_locally).
  bool decode_locally_on_failure = false;
  double timeout_ms = 0;
  std::vector<const simgrid::s4u::Link*> route;  // what the device watches of its connection
  // Drafting and prefilling are executions on the device's host, or sleeps where nothing can
  // tell the difference (computing_is_execution, sim/sim_clock.hpp).
  bool computing_is_execution = true;
  // Records when each reply arrived and what it brought (Simulation::keep_reply_times).
  bool keep_reply_times = true;
};

class EdgeClient {
 public:
  // `servers` is null in edge_ar (no cloud); `down_jitter` is null when messages have no jitter;
  // `inbox` is the client's direct downlink (ReplyLog::use_inboxes), null for its mailbox.
  EdgeClient(EdgeClientSettings settings, RequestSource requests,
             std::unique_ptr<SpeculationPolicy> policy, ServerDirectory* servers,
             simgrid::s4u::Mailbox* downlink, RecordSink& sink, JitterLine* down_jitter,
             ReplyInbox* inbox = nullptr);
  void operator()();
  // All of the client's requests have completed.
  bool finished() const { return finished_; }

 private:
  // The request in progress.
  struct Request {
    PlannedRequest plan;
    RequestRecord record;
    RequestDecoding decoding = RequestDecoding::dsd;
    // `on_failure: local`: whether the cloud has the prompt (its upload got through, or a
    // re-synchronisation did), and the output tokens produced on the device since the cloud
    // last saw the context.
    bool cloud_has_prompt = false;
    std::int64_t unsynced_tokens = 0;
  };
  RequestDecoding decoding_for_next_request();
  void decode_on_edge(Request& r);
  void receive_cloud_decoding(Request& r);
  void decode_sync(Request& r);
  void decode_pipelined(Request& r);

  ReliableLink::Sending upload_prompt(Request& r);
  // Waits until the prompt's upload (started by upload_prompt) has arrived, if it has not yet.
  void finish_prompt(ReliableLink::Sending& prompt);
  // Computes for `ms`. With a direct uplink, a prompt still on its way is handed to the server
  // the moment it arrives, even while the device computes.
  void compute_while_uploading(double ms, ReliableLink::Sending& prompt);
  // Direct uplink (ServerDirectory::set_direct_uplinks): no receiver on the server's host, the
  // device hands each upload over when its transfer ends.
  bool direct_uplink() const { return servers_ != nullptr && uplink_ == nullptr; }
  // Starts a direct upload to the current request's server; once its wait returns, the caller
  // hands the message over.
  simgrid::s4u::CommPtr start_direct_upload(std::int64_t bytes);
  // A direct upload has arrived: tells direct_up_ and gives the message to the server.
  void hand_over(const UplinkMessage& message);
  // dsd_pipelined on a direct uplink: waits until the window sent without waiting has arrived
  // and hands it over (the pre-drafting goes on meanwhile).
  void hand_over_window_on_its_way();
  void prefill_draft_model(const Request& r) const;
  void draft(std::int64_t tokens) const;
  // The same while the request's prompt may still be on its way (compute_while_uploading).
  void prefill_draft_model(const Request& r, ReliableLink::Sending& prompt);
  void draft(std::int64_t tokens, ReliableLink::Sending& prompt);
  // The request's next reply, handed over when the jitter delivers it; `again` sends again the
  // message it answers when the network lost one of them (ReliableLink).
  std::unique_ptr<RoundReply> receive_reply(const Request& r, const std::function<void()>& again);
  std::int64_t next_window(std::int64_t remaining);
  // A drafted window's message, its bytes counted as sent.
  DraftWindow window_message(Request& r, std::int64_t window, bool with_guess,
                             std::int64_t remaining, double sent_ms);
  // Sends a window and returns it (to send it again if the network loses it or its verdict).
  DraftWindow send_window(Request& r, std::int64_t window, bool with_guess, std::int64_t remaining,
                          bool wait_for_delivery);
  void send_again(Request& r, const UplinkMessage& message, std::int64_t bytes);
  // When a reply arrived and the tokens it brought, if anything reads them
  // (Simulation::keep_reply_times: the radio's downlink transfers, the timeline's deliveries).
  void note_reply_arrival(RequestRecord& r, std::int64_t tokens) const;
  // Accounts a reply in the record and returns the tokens it committed.
  std::int64_t take_reply(RequestRecord& r, const RoundReply& reply);

  // `on_failure: local` (docs/network.md).
  // How long to wait for a verdict: edge.resilience.timeout_ms, or less if the policy says so.
  double verdict_timeout_ms() const;
  // Waits (until `deadline_ms` at most) for the prompt's upload if it is still under way;
  // whether the cloud has it.
  bool prompt_through(Request& r, ReliableLink::Sending& prompt, double deadline_ms);
  // Sends a drafted window and waits for its verdict, within timeout_ms of now; null if the
  // device gives up (then it decodes on its own).
  std::unique_ptr<RoundReply> exchange_window(Request& r, ReliableLink::Sending& prompt,
                                              std::int64_t window, std::int64_t remaining);
  // Keeps the window it drafted (`kept` tokens, unverified), then decodes on its own at draft
  // speed, trying to re-synchronise every retry_ms when its route is up. Returns the tokens
  // still owed: 0 if it finished the request on its own, else DSD goes on.
  std::int64_t decode_locally(Request& r, std::int64_t remaining, std::int64_t kept);
  // Uploads what the cloud misses of the context and waits for its acknowledgement (within
  // timeout_ms); whether DSD can go on.
  bool resync(Request& r, std::int64_t remaining);
  // Tells the cloud that the device finished the request on its own (if its route is up), so
  // that the server frees what it holds for it.
  void notify_finished_locally(const Request& r);

  EdgeClientSettings s_;
  RequestSource requests_;
  std::unique_ptr<SpeculationPolicy> policy_;  // null in the modes without edge drafting
  ServerDirectory* servers_;
  simgrid::s4u::Mailbox* uplink_ = nullptr;      // to the server of the current request
  std::size_t server_ = 0;                       // the server of the current request
  simgrid::s4u::Actor* server_actor_ = nullptr;  // the actor that runs its verifier
  std::optional<DirectUplink> direct_up_;        // made at the first direct upload
  RecordSink* sink_;
  ReliableLink link_;
  PromptUpload prompt_;  // the current request's, to send it again
  struct WindowOnItsWay {
    simgrid::s4u::CommPtr transfer;  // null: none
    DraftWindow window;
  };
  WindowOnItsWay window_on_its_way_;  // dsd_pipelined on a direct uplink
  std::int64_t epoch_ = 0;  // re-synchronisations so far (sim/messages.hpp, ContextResync)
  bool finished_ = false;
};

}  // namespace dsdsi
