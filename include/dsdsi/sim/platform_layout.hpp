#pragma once
// Where every actor lives: the cloud host, and each client's edge host with what its route to
// the cloud gives it. Built either by generating a star from the scenario's `network` block or
// by loading a SimGrid platform XML whose hosts carry a `role` property.
#include <cstdint>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

struct ClientPlacement {
  simgrid::s4u::Host* host = nullptr;
  double rtt_ms = 0;              // sum of link latencies there and back
  double draft_ms_per_token = 0;  // its device class's, or the host's draft_ms_per_token property
  std::string device_class;       // `edge.devices` class, the host's device_class, or "default"
  std::string radio;              // a platform file's host's radio property (a preset), or empty
};

// The class of a client whose scenario names none.
inline constexpr const char* kDefaultDeviceClass = "default";

// The SimGrid energy plugin's wattage_per_state value for a one-core host: "idle:busy:busy".
std::string wattage_property(const Wattage& watts);
// Whether the host declares its power (energy can be read for it).
bool has_wattage(const simgrid::s4u::Host* host);
// A platform file's edge host's class: its device_class property, or kDefaultDeviceClass.
std::string device_class_of(const simgrid::s4u::Host* host);

struct ServerPlacement {
  simgrid::s4u::Host* host = nullptr;
  double speed = 1;  // step times are divided by it (the host's speed_factor property)
};

struct PlatformLayout {
  std::vector<ServerPlacement> servers;  // the cloud hosts, in document order
  std::vector<ClientPlacement> clients;  // one per client, in client order
};

// Selects SimGrid's network model; must run before the platform is built.
void configure_network_model(NetworkModel model);
// Whether the run measures energy: some host of the generated star gets wattage, or some host of
// the platform file declares wattage_per_state. SimGrid's energy plugin must then be initialised
// before the platform is built.
bool measures_energy(const Scenario& scenario);
// Whether drafting, prefilling and verifying must be SimGrid executions (sim/sim_clock.hpp):
// with the energy plugin (busy power), and on a platform file (hosts may be shared by several
// clients, or follow a speed profile). On the generated star without powers each host computes
// for one actor at a constant speed, so a sleep of the same length is the same.
bool computing_is_execution(const Scenario& scenario);
// Whether some link's latency follows a profile (network.trace.latency_file, a latency_file).
bool uses_latency_profiles(const Scenario& scenario);
// Whether some link can go off (network.outages, a link's state_file): messages may be lost.
bool network_can_fail(const Scenario& scenario);

// Builds or loads the platform into `engine` and places the clients. Problems with a platform
// file (XML errors, missing roles, unknown role values, bad properties, an edge host without a
// route to the cloud) are reported together as a ConfigError naming the file and XML line.
PlatformLayout build_platform(simgrid::s4u::Engine& engine, const Scenario& scenario);

}  // namespace dsdsi
