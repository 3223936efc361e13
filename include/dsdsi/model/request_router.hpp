#pragma once
// Which cloud server a new request goes to. All of its rounds then go to the same server, where
// its KV cache lives. The router sees every server's outstanding requests as they are (a load
// balancer in front of the servers, with no delay of its own).
#include <cstdint>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

class RequestRouter {
 public:
  RequestRouter(RoutingPolicy policy, std::uint64_t seed);
  // outstanding[s]: requests routed to server s and not finished. Ties go to the lower index.
  std::size_t choose(const std::vector<std::int64_t>& outstanding);

 private:
  std::size_t uniform_index(std::size_t n);
  RoutingPolicy policy_;
  RandomStream stream_;  // the router's own stream: routing never shifts anyone's acceptance
  std::size_t next_ = 0;
};

}  // namespace dsdsi
