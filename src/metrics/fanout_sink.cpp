#include "dsdsi/metrics/fanout_sink.hpp"

#include <stdexcept>
#include <utility>

namespace dsdsi {

FanoutSink::FanoutSink(std::vector<RecordSink*> sinks) : sinks_(std::move(sinks)) {
  for (const RecordSink* sink : sinks_) {
    if (sink == nullptr) throw std::invalid_argument("FanoutSink: null sink");
  }
}

void FanoutSink::on_request(const RequestRecord& record) {
  for (RecordSink* sink : sinks_) sink->on_request(record);
}

void FanoutSink::on_round(const RoundRecord& record) {
  for (RecordSink* sink : sinks_) sink->on_round(record);
}

void FanoutSink::on_batch(const BatchRecord& record) {
  for (RecordSink* sink : sinks_) sink->on_batch(record);
}

void FanoutSink::on_server(const ServerRecord& record) {
  for (RecordSink* sink : sinks_) sink->on_server(record);
}

void FanoutSink::on_client(const ClientRecord& record) {
  for (RecordSink* sink : sinks_) sink->on_client(record);
}

}  // namespace dsdsi
