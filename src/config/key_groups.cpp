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

// The watts keys of `where` ("edge", "cloud") as an object, for check_wattage_pair().
void check_wattage(const std::string& where, const ValueLookup& value_of, ProblemList& problems) {
  json keys = json::object();
  for (const char* key : {"watts_busy", "watts_idle"}) {
    if (const json* value = value_of(where + "." + key)) keys[key] = *value;
  }
  for (const auto& problem : check_wattage_pair(keys)) {
    KeyPath path{where};
    path.insert(path.end(), problem.where.begin(), problem.where.end());
    problems.add(path, problem.message);
  }
}

// A latency trace or an offset needs the bandwidth trace they go with; outages need both means.
void check_dynamic_network(const ValueLookup& value_of, ProblemList& problems) {
  if (value_of("network.trace.bandwidth_file") == nullptr) {
    for (const char* key : {"latency_file", "offset_s"}) {
      if (value_of(std::string("network.trace.") + key) != nullptr) {
        problems.add({"network", "trace", "bandwidth_file"},
                     std::string("required: network.trace.") + key +
                         " goes with a bandwidth trace");
      }
    }
  }
  const bool up = value_of("network.outages.mean_up_s") != nullptr;
  const bool down = value_of("network.outages.mean_down_s") != nullptr;
  if (up != down) {
    problems.add({"network", "outages", up ? "mean_down_s" : "mean_up_s"},
                 "required: outages need mean_up_s and mean_down_s");
  }
}

}  // namespace

void check_key_groups(const ValueLookup& value_of, ProblemList& problems) {
  check_wattage("edge", value_of, problems);
  check_wattage("cloud", value_of, problems);
  check_dynamic_network(value_of, problems);
  const char* const keys[] = {"clients_per_link", "uplink_mbps", "downlink_mbps"};
  bool any = false;
  for (const char* key : keys) {
    any = any || value_of(std::string("network.shared_uplink.") + key) != nullptr;
  }
  if (!any) return;
  for (const char* key : keys) {
    if (value_of(std::string("network.shared_uplink.") + key) == nullptr) {
      problems.add({"network", "shared_uplink", key},
                   "required: a shared access link needs clients_per_link, uplink_mbps and "
                   "downlink_mbps");
    }
  }
}

void apply_key_groups(Scenario& s, const json& resolved) {
  s.edge.watts = wattage_of(section(resolved, "edge"));
  s.cloud.watts = wattage_of(section(resolved, "cloud"));
}

}  // namespace dsdsi
