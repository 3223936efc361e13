#include "dsdsi/sim/platform_layout.hpp"

#include <cstdio>
#include <simgrid/s4u/Link.hpp>
#include <vector>

#include "dsdsi/config/input_file.hpp"
#include "dsdsi/sim/platform_prescan.hpp"
#include "dsdsi/sim/platform_profiles.hpp"
#include "platform_internal.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

void configure_network_model(NetworkModel model) {
  if (model == NetworkModel::exact) {
    // Transfer time = latency + size / bandwidth, exactly: no TCP latency
    // factor, no TCP window cap, no cross-traffic.
    sg4::Engine::set_config("network/model:CM02");
    sg4::Engine::set_config("network/TCP-gamma:1e15");
    sg4::Engine::set_config("network/crosstraffic:0");
  } else {
    // SimGrid's default, calibrated for TCP: latency x ~13, window-capped bandwidth, 5% cross
    // traffic on the reverse path.
    sg4::Engine::set_config("network/model:LV08");
  }
}

bool uses_latency_profiles(const Scenario& s) {
  if (s.platform_file.empty()) return !s.network.trace.latency.points.empty();
  const std::string text =
      read_input_file(s.platform_file, kMaxReferencedFileBytes, "cannot read the platform");
  for (const auto& p : platform_profiles(s.platform_file, xml_elements(text)).profiled) {
    if (p.attribute == "latency_file") return true;
  }
  return false;
}

bool network_can_fail(const Scenario& s) {
  if (s.platform_file.empty()) return s.network.outages.given();
  const std::string text =
      read_input_file(s.platform_file, kMaxReferencedFileBytes, "cannot read the platform");
  for (const auto& p : platform_profiles(s.platform_file, xml_elements(text)).profiled) {
    if (p.attribute == "state_file") return true;
  }
  return false;
}

bool measures_energy(const Scenario& s) {
  if (!s.platform_file.empty()) return declares_wattage(s.platform_file);
  if (s.edge.watts.given || s.cloud.watts.given) return true;
  for (const auto& device : s.edge.devices) {
    if (device.watts.given) return true;
  }
  return false;
}

bool computing_is_execution(const Scenario& s) {
  return !s.platform_file.empty() || measures_energy(s);
}

std::string wattage_property(const Wattage& watts) {
  char text[96];
  std::snprintf(text, sizeof text, "%.17g:%.17g:%.17g", watts.idle_w, watts.busy_w, watts.busy_w);
  return text;
}

bool has_wattage(const sg4::Host* host) {
  return host->get_property("wattage_per_state") != nullptr;
}

std::string device_class_of(const sg4::Host* host) {
  const char* value = host->get_property("device_class");
  return value != nullptr && *value != '\0' ? value : kDefaultDeviceClass;
}

double route_rtt_ms(const sg4::Host* a, const sg4::Host* b) {
  std::vector<sg4::Link*> links;
  double there = 0, back = 0;
  a->route_to(b, links, &there);
  links.clear();
  b->route_to(a, links, &back);
  return (there + back) * 1e3;
}

PlatformLayout build_platform(sg4::Engine& engine, const Scenario& scenario) {
  PlatformLayout layout = scenario.platform_file.empty() ? build_star_platform(scenario)
                                                         : load_platform_file(engine, scenario);
  if (scenario.platform_file.empty()) {
    for (auto& client : layout.clients) {
      client.rtt_ms = route_rtt_ms(client.host, layout.servers.front().host);
    }
  }
  return layout;
}

}  // namespace dsdsi
