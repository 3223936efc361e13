#pragma once
// summary.json's radio keys (docs/model.md, Metrics): the radio energy of the edge devices apart
// and with their compute energy, per output token, and the time the radios spent in each state.
// They appear only in runs where some device class has a radio, so that runs without one keep
// the keys they always had.
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

// True when some client has a radio.
bool any_radio(const std::vector<ClientRecord>& clients);

// Adds the radio keys for `clients` (all the run's, or one class's), over `tokens` output tokens:
// - edge_radio_energy_j, edge_radio_j_per_token: null unless every client has a radio;
// - edge_device_energy_j, edge_device_j_per_token: compute plus radio, null unless every client
//   has both;
// - radio_promotions and radio_<state>_s: sums over the clients with a radio, null if none has.
void add_radio_keys(nlohmann::ordered_json& out, const std::vector<const ClientRecord*>& clients,
                    double tokens);

}  // namespace dsdsi
