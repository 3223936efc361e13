// The generated platform: a star with the cloud at one branch and one edge host per client, each
// behind its own split-duplex WAN link. One-way latency is rtt_ms / 2 on each edge link, so a
// round trip edge -> cloud -> edge pays exactly rtt_ms. Routes are O(N) (SIMGRID_NOTES.md).
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <string>

#include "dsdsi/model/latency_model.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "platform_internal.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

PlatformLayout build_star_platform(const Scenario& s) {
  // Host speed only matters to computations; actors spend time with sleep_for today.
  constexpr double kHostFlops = 1e9;
  auto* zone = sg4::create_star_zone("wan");
  PlatformLayout layout;
  // Each server sits behind its own datacenter link; with one server it is simply "cloud".
  for (std::int64_t i = 0; i < s.cloud.servers; ++i) {
    const std::string name = s.cloud.servers == 1 ? "cloud" : "cloud-" + std::to_string(i);
    sg4::Host* host = zone->create_host(name, kHostFlops)->seal();
    const sg4::Link* link =
        zone->create_split_duplex_link(name + "-link", s.network.cloud_link_gbps * 1e9 / 8)
            ->set_latency(0)
            ->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                    {{link, sg4::LinkInRoute::Direction::UP}}, true);
    layout.servers.push_back({host, 1.0});
  }

  const double one_way_s = s.network.rtt_ms / 2 * 1e-3;
  for (std::int64_t c = 0; c < s.workload.clients; ++c) {
    const std::string name = "edge-" + std::to_string(c);
    sg4::Host* host = zone->create_host(name, kHostFlops)->seal();
    auto* link = zone->create_split_duplex_link(name + "-wan", 1.0);
    link->get_link_up()->set_bandwidth(s.network.uplink_mbps * 1e6 / 8);
    link->get_link_down()->set_bandwidth(s.network.downlink_mbps * 1e6 / 8);
    link->set_latency(one_way_s)->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                    {{link, sg4::LinkInRoute::Direction::UP}}, true);
    layout.clients.push_back({host, 0, unbatched_step_ms(s.edge.draft, 1)});
  }
  zone->seal();
  return layout;
}

}  // namespace dsdsi
