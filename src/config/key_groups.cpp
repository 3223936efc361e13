#include "dsdsi/config/key_groups.hpp"

#include "dsdsi/config/device_param.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const json& section(const json& resolved, const char* name) {
  static const json empty = json::object();
  const auto found = resolved.find(name);
  return found == resolved.end() ? empty : *found;
}

void apply_wattage(const char* where, Wattage& watts, const json& resolved,
                   ProblemList& problems) {
  const json& keys = section(resolved, where);
  const auto found = check_wattage_pair(keys);
  for (const auto& problem : found) {
    KeyPath path{where};
    path.insert(path.end(), problem.where.begin(), problem.where.end());
    problems.add(path, problem.message);
  }
  if (found.empty()) watts = wattage_of(keys);
}

void check_shared_uplink(const json& resolved, ProblemList& problems) {
  const json& network = section(resolved, "network");
  const auto link = network.find("shared_uplink");
  if (link == network.end()) return;
  for (const char* key : {"clients_per_link", "uplink_mbps", "downlink_mbps"}) {
    if (!link->contains(key)) {
      problems.add({"network", "shared_uplink", key},
                   "required: a shared access link needs clients_per_link, uplink_mbps and "
                   "downlink_mbps");
    }
  }
}

}  // namespace

void apply_key_groups(Scenario& s, const json& resolved, ProblemList& problems) {
  apply_wattage("edge", s.edge.watts, resolved, problems);
  apply_wattage("cloud", s.cloud.watts, resolved, problems);
  check_shared_uplink(resolved, problems);
}

}  // namespace dsdsi
