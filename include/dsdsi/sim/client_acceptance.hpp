#pragma once
// Each client's acceptance, shared by every server: its own random stream (derived from the seed
// and the client id, so a client's draws do not depend on other clients or on which server
// verifies its windows) and the acceptance of its request in progress, set when the request's
// prefill runs.
#include <optional>
#include <vector>

#include "dsdsi/model/acceptance_model.hpp"

namespace dsdsi {

struct ClientAcceptance {
  RandomStream stream;
  std::optional<RequestAcceptance> current;
  std::int64_t current_request = -1;  // whose `current` is (a re-synchronised request keeps it)
};

inline std::vector<ClientAcceptance> make_client_acceptance(std::uint64_t seed,
                                                            std::size_t clients) {
  std::vector<ClientAcceptance> all;
  all.reserve(clients);
  for (std::size_t c = 0; c < clients; ++c)
    all.push_back({RandomStream(seed, "acceptance", c), {}, -1});
  return all;
}

}  // namespace dsdsi
