#include "dsdsi/model/request_router.hpp"

#include <algorithm>

namespace dsdsi {

RequestRouter::RequestRouter(RoutingPolicy policy, std::uint64_t seed)
    : policy_(policy), stream_(seed, "routing", 0) {}

std::size_t RequestRouter::uniform_index(std::size_t n) {
  return std::min(static_cast<std::size_t>(stream_.uniform01() * static_cast<double>(n)), n - 1);
}

std::size_t RequestRouter::choose(const std::vector<std::int64_t>& outstanding) {
  const std::size_t n = outstanding.size();
  if (n == 1) return 0;
  switch (policy_) {
    case RoutingPolicy::round_robin:
      return next_++ % n;
    case RoutingPolicy::random:
      return uniform_index(n);
    case RoutingPolicy::least_outstanding:
      return static_cast<std::size_t>(std::min_element(outstanding.begin(), outstanding.end()) -
                                      outstanding.begin());
    case RoutingPolicy::power_of_two: {
      const std::size_t a = uniform_index(n);
      std::size_t b = uniform_index(n - 1);
      if (b >= a) ++b;  // two distinct servers
      if (outstanding[a] != outstanding[b]) return outstanding[a] < outstanding[b] ? a : b;
      return std::min(a, b);
    }
  }
  return 0;
}

}  // namespace dsdsi
