#include "dsdsi/metrics/radio_summary.hpp"

#include <algorithm>
#include <optional>

namespace dsdsi {

namespace {

nlohmann::ordered_json json_number_or_null(const std::optional<double>& x) {
  return x ? nlohmann::ordered_json(*x) : nlohmann::ordered_json(nullptr);
}

std::optional<double> joules_per_token(const std::optional<double>& joules, double tokens) {
  if (!joules || tokens <= 0) return std::nullopt;
  return *joules / tokens;
}

}  // namespace

bool any_radio(const std::vector<ClientRecord>& clients) {
  return std::any_of(clients.begin(), clients.end(),
                     [](const ClientRecord& c) { return c.radio.has_value(); });
}

void add_radio_keys(nlohmann::ordered_json& out, const std::vector<const ClientRecord*>& clients,
                    double tokens) {
  RadioUsage total;
  bool every_radio = !clients.empty(), every_both = !clients.empty(), some_radio = false;
  double device_j = 0;
  for (const ClientRecord* c : clients) {
    if (!c->radio) {
      every_radio = every_both = false;
      continue;
    }
    some_radio = true;
    total += *c->radio;
    if (!c->edge_energy_j) {
      every_both = false;
    } else {
      device_j += *c->edge_energy_j + c->radio->energy_j;
    }
  }
  const auto radio_j = every_radio ? std::optional<double>(total.energy_j) : std::nullopt;
  const auto both_j = every_both ? std::optional<double>(device_j) : std::nullopt;
  out["edge_radio_energy_j"] = json_number_or_null(radio_j);
  out["edge_radio_j_per_token"] = json_number_or_null(joules_per_token(radio_j, tokens));
  out["edge_device_energy_j"] = json_number_or_null(both_j);
  out["edge_device_j_per_token"] = json_number_or_null(joules_per_token(both_j, tokens));
  const auto sum = [some_radio](double x) {
    return some_radio ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
  };
  out["radio_promotions"] =
      some_radio ? nlohmann::ordered_json(total.promotions) : nlohmann::ordered_json(nullptr);
  out["radio_promotion_s"] = sum(total.promotion_s);
  out["radio_active_s"] = sum(total.active_s);
  out["radio_inactivity_s"] = sum(total.inactivity_s);
  out["radio_short_tail_s"] = sum(total.short_tail_s);
  out["radio_long_tail_s"] = sum(total.long_tail_s);
  out["radio_idle_s"] = sum(total.idle_s);
}

}  // namespace dsdsi
