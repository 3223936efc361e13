#pragma once
// Hands every record to several sinks in turn (e.g. the CSV files and the summary), so actors
// emit into one sink whatever the run collects.
#include <vector>

#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

class FanoutSink : public RecordSink {
 public:
  // The sinks are not owned and must outlive this object. They receive each record in the order
  // given. Throws std::invalid_argument on a null sink.
  explicit FanoutSink(std::vector<RecordSink*> sinks);

  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override;
  void on_server(const ServerRecord& record) override;
  void on_client(const ClientRecord& record) override;

 private:
  std::vector<RecordSink*> sinks_;
};

}  // namespace dsdsi
