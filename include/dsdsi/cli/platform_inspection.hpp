#pragma once
// What `dsdsi platform inspect` reports about a platform XML that dsdsi has loaded (the way a
// run loads it, src/sim/platform_file.cpp): each host with its role, and for each edge host the
// route to and from the (first) cloud host: RTT, bottleneck bandwidth, the links crossed, and
// which of them other edge hosts' routes cross too (SimGrid shares those between flows).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/sim/platform_layout.hpp"

namespace dsdsi::cli {

// How many clients to place on a platform to list its edge hosts: build_platform() places clients
// on edge hosts in document order, round-robin, so with at least as many clients as edge hosts its
// first clients name every edge host in that order. Placing 65536 costs about 1.5 MB; a platform
// with more edge hosts lists the rest by name.
inline constexpr std::int64_t kClientsToListEdgeHosts = std::int64_t{1} << 16;

// One direction of an edge host's route (edge -> cloud is "up", cloud -> edge is "down").
struct RouteFacts {
  double latency_ms = 0;       // sum of the link latencies
  double bottleneck_mbps = 0;  // the smallest link bandwidth on the route
  std::string bottleneck_link;
  int bottleneck_shared_by = 1;  // edge hosts whose routes (this direction) cross that link
  std::vector<std::string> links;
};

struct HostFacts {
  std::string name;
  std::string role;  // "cloud", "edge", or "" (no role: dsdsi leaves the host alone)
  int line = 0;      // where the XML declares it; 0 when unknown (a <cluster> host)
  std::optional<double> draft_ms_per_token;  // edge: its own property, if it has one
  std::string device_class;                  // edge: its device_class, or "default"
  std::string wattage;                       // its wattage_per_state; "" when it has none
  double speed_factor = 1;                   // cloud
  double rtt_ms = 0;                         // edge: to the first cloud host and back
  RouteFacts up, down;                       // edge
};

// A link that the routes of two or more edge hosts cross (FATPIPE links are never shared).
struct SharedLinkFacts {
  std::string name;
  double bandwidth_mbps = 0;
  std::string direction;  // "up", "down" or "up+down": which routes cross it
  int edge_hosts = 0;
};

// A profile the XML attaches to a link or host (bandwidth_file, ...), with its range of values
// (in the profile's own unit) and its period (0: plays once).
struct ProfileFacts {
  std::string element;  // "link" or "host"
  std::string id;
  std::string attribute;
  std::string file;
  int line = 0;
  double min_value = 0;
  double max_value = 0;
  double period_s = 0;
};
struct PlatformFacts {
  std::string file;
  std::vector<HostFacts> clouds;  // in document order; routes are to clouds.front()
  std::vector<HostFacts> edges;   // in document order (the order clients are placed in)
  std::vector<HostFacts> others;  // hosts without a role, by name
  std::vector<SharedLinkFacts> shared_links;
  std::vector<ProfileFacts> profiles;  // in document order
  std::vector<std::string> warnings;  // legal but probably not meant: properties dsdsi ignores
};

// Describes the platform that `layout` was built from (build_platform() has checked it). The
// layout must hold at least one client per edge host (so that its first clients are the edge
// hosts in document order). Throws ConfigError for what loads but cannot run: a WiFi link, a
// link of zero bandwidth or negative latency on an edge host's route.
PlatformFacts inspect_platform(const std::string& file, const PlatformLayout& layout);

// The human table and the machine form of the same facts.
std::string platform_facts_table(const PlatformFacts& facts);
std::string platform_facts_json(const PlatformFacts& facts);

}  // namespace dsdsi::cli
