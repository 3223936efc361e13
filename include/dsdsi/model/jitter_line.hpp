#pragma once
// Network jitter on one direction of one client's connection (`network.jitter_ms`). Each message
// is delivered `draw` ms after it arrived over the links, but never before the message sent
// before it on the same connection (a connection delivers in order, like TCP): delivery =
// max(arrival + draw, previous delivery). The links themselves are untouched, so bandwidth
// sharing is unaffected, and a draw is never negative (the key is >= 0), so no message takes
// less than its links' latency.
#include <cstdint>
#include <string_view>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

// False when the jitter is fixed at 0 (messages are delivered as they arrive).
inline bool has_jitter(const DistributionSpec& jitter) {
  return jitter.kind != DistKind::fixed || jitter.value != 0;
}

class JitterLine {
 public:
  JitterLine(const DistributionSpec& jitter, std::uint64_t seed, std::string_view direction,
             std::uint64_t client);
  // When a message that arrived at `arrival_ms` is delivered.
  double delivery_ms(double arrival_ms);
  // Mean over the messages so far of delivery - arrival; 0 before any.
  double mean_extra_ms() const { return messages_ == 0 ? 0 : extra_ms_ / messages_; }

 private:
  DistributionSpec jitter_;
  RandomStream stream_;
  double last_delivery_ms_ = 0;
  double extra_ms_ = 0;
  double messages_ = 0;
};

}  // namespace dsdsi
