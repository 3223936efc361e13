#include "dsdsi/model/jitter_line.hpp"

#include <algorithm>

#include "dsdsi/model/distribution.hpp"

namespace dsdsi {

JitterLine::JitterLine(const DistributionSpec& jitter, std::uint64_t seed,
                       std::string_view direction, std::uint64_t client)
    : jitter_(jitter),
      stream_(seed, direction, client) {}

double JitterLine::delivery_ms(double arrival_ms) {
  const double delivery = std::max(arrival_ms + sample(jitter_, stream_), last_delivery_ms_);
  last_delivery_ms_ = delivery;
  extra_ms_ += delivery - arrival_ms;
  messages_ += 1;
  return delivery;
}

}  // namespace dsdsi
