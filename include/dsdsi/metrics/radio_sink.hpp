#pragma once
// The edge devices' radios (model/radio_model.hpp), from the records the actors already emit:
// a RecordSink that passes every record on to `next` and, when a client is announced at the end
// of the run, fills its ClientRecord's `radio` from the transfers it saw for that client.
//
// A client's transfers, as the radio sees them (times in simulated ms):
// - up: each message from the edge, from when the edge sent it (RoundRecord sent_ms) to when it
//   reached the server (arrive_ms): the prompt (prefill rows) and each draft window (verify rows);
// - down: each reply, from when the server sent it (verify_end_ms of the verify, ar_step or
//   colocated row that produced it) to when it reached the edge (RequestRecord reply_ms, in
//   order: a connection delivers in order).
// The bytes of a request (bytes_up, bytes_down) are spread evenly over its transfers in each
// direction: the throughput terms only depend on the total (radio_model.hpp), so the energy is
// the same as with each message's own size.
#include <optional>
#include <vector>

#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/radio_model.hpp"

namespace dsdsi {

class RadioSink : public RecordSink {
 public:
  // `radios`: each client's radio, by client id; none (or a client beyond the list): no radio.
  RadioSink(std::vector<std::optional<RadioParams>> radios, RecordSink& next);

  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override { next_->on_batch(record); }
  void on_server(const ServerRecord& record) override { next_->on_server(record); }
  // Throws std::logic_error if the client's replies and the rounds that sent them disagree.
  void on_client(const ClientRecord& record) override;

 private:
  struct ClientTransfers {
    std::vector<RadioTransfer> done;   // of its finished requests, bytes assigned
    std::vector<RadioTransfer> up;     // of the request in progress
    std::vector<double> down_start_s;  // of the request in progress
    bool mismatch = false;
  };
  ClientTransfers& transfers_of(std::int64_t client);

  bool any_radio_ = false;
  std::vector<std::optional<RadioParams>> radios_;
  RecordSink* next_;
  std::vector<ClientTransfers> clients_;
};

}  // namespace dsdsi
