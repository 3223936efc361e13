// The generated platform: a star with the cloud at one branch and one edge host per client, each
// behind its own split-duplex WAN link. One-way latency is the client's RTT / 2 on its edge link,
// so a round trip edge -> cloud -> edge pays exactly that RTT. With `network.shared_uplink`,
// each group of clients' routes also cross one shared access link (latency 0), whose bandwidth
// SimGrid shares between the group's concurrent transfers. Routes are O(N).
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <string>

#include "dsdsi/model/device_assignment.hpp"
#include "dsdsi/model/distribution.hpp"
#include "dsdsi/model/latency_model.hpp"
#include "dsdsi/model/random_stream.hpp"
#include "dsdsi/sim/access_link_profiles.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "platform_internal.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

namespace {

// Host speed only sets the size of the executions (sim_clock.hpp): any value gives the same times.
constexpr double kHostFlops = 1e9;

// What each client's device is: its class, draft speed and power.
struct Device {
  std::string name;
  double draft_ms_per_token;
  Wattage watts;
};

std::vector<Device> client_devices(const Scenario& s) {
  const auto clients = static_cast<std::size_t>(s.workload.clients);
  if (s.edge.devices.empty()) {
    return std::vector<Device>(
        clients, Device{kDefaultDeviceClass, unbatched_step_ms(s.edge.draft, 1), s.edge.watts});
  }
  std::vector<double> shares;
  for (const auto& device : s.edge.devices) shares.push_back(device.share);
  std::vector<Device> devices;
  for (const std::size_t k : assign_device_classes(shares, s.workload.clients)) {
    const DeviceClass& d = s.edge.devices[k];
    devices.push_back({d.name, d.draft_ms_per_token, d.watts});
  }
  return devices;
}

// `prepare` may add profiles before the link is sealed.
template <typename Prepare>
sg4::SplitDuplexLink* make_link(sg4::NetZone* zone, const std::string& name, double up_mbps,
                                double down_mbps, double latency_s, Prepare prepare) {
  auto* link = zone->create_split_duplex_link(name, 1.0);
  link->get_link_up()->set_bandwidth(up_mbps * 1e6 / 8);
  link->get_link_down()->set_bandwidth(down_mbps * 1e6 / 8);
  link->set_latency(latency_s);
  prepare(link);
  link->seal();
  return link;
}

}  // namespace

PlatformLayout build_star_platform(const Scenario& s) {
  auto* zone = sg4::create_star_zone("wan");
  PlatformLayout layout;
  // Each server sits behind its own datacenter link; with one server it is simply "cloud".
  for (std::int64_t i = 0; i < s.cloud.servers; ++i) {
    const std::string name = s.cloud.servers == 1 ? "cloud" : "cloud-" + std::to_string(i);
    sg4::Host* host = zone->create_host(name, kHostFlops);
    if (s.cloud.watts.given)
      host->set_property("wattage_per_state", wattage_property(s.cloud.watts));
    host->seal();
    const sg4::Link* link =
        zone->create_split_duplex_link(name + "-link", s.network.cloud_link_gbps * 1e9 / 8)
            ->set_latency(0)
            ->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                    {{link, sg4::LinkInRoute::Direction::UP}}, true);
    layout.servers.push_back({host, 1.0});
  }

  const SharedUplink& shared = s.network.shared_uplink;
  const std::vector<Device> devices = client_devices(s);
  sg4::SplitDuplexLink* access = nullptr;  // the current group's shared link
  for (std::int64_t c = 0; c < s.workload.clients; ++c) {
    const std::string name = "edge-" + std::to_string(c);
    const Device& device = devices[static_cast<std::size_t>(c)];
    sg4::Host* host = zone->create_host(name, kHostFlops);
    if (device.watts.given) host->set_property("wattage_per_state", wattage_property(device.watts));
    host->seal();
    // The client's RTT: one draw from its own stream, so adding clients changes no one's RTT.
    RandomStream rtt_stream(s.seed, "rtt", static_cast<std::uint64_t>(c));
    const double rtt_ms = sample(s.network.rtt_ms, rtt_stream);
    std::vector<sg4::LinkInRoute> route{
        {make_link(zone, name + "-wan", s.network.uplink_mbps, s.network.downlink_mbps,
                   rtt_ms / 2 * 1e-3,
                   [&](sg4::SplitDuplexLink* link) { attach_access_profiles(s, c, link); }),
         sg4::LinkInRoute::Direction::UP}};
    if (shared.clients_per_link > 0) {
      const std::int64_t group = c / shared.clients_per_link;
      if (c % shared.clients_per_link == 0) {
        access = make_link(zone, "access-" + std::to_string(group), shared.uplink_mbps,
                           shared.downlink_mbps, 0, [](sg4::SplitDuplexLink*) {});
      }
      route.push_back({access, sg4::LinkInRoute::Direction::UP});
    }
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, route, true);
    layout.clients.push_back({host, 0, device.draft_ms_per_token, device.name, ""});
  }
  zone->seal();
  return layout;
}

}  // namespace dsdsi
