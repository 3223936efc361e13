#include "dsdsi/cli/platform_inspection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/input_file.hpp"
#include "dsdsi/sim/platform_profiles.hpp"
#include "dsdsi/sim/xml_declarations.hpp"

namespace dsdsi::cli {

namespace {

namespace sg4 = simgrid::s4u;

constexpr double kMbitPerSecondPerBytePerSecond = 8e-6;  // SimGrid bandwidths are in bytes/s

std::string role_of(const sg4::Host* host) {
  const char* role = host->get_property("role");
  return role == nullptr ? "" : role;
}

std::string declared_at(const std::string& file, int line) {
  return line == 0 ? file : file + ":" + std::to_string(line);
}

std::vector<sg4::Link*> route_links(const sg4::Host* from, const sg4::Host* to, double* latency) {
  std::vector<sg4::Link*> links;
  *latency = 0;
  from->route_to(to, links, latency);  // build_platform() checked that the route exists
  return links;
}

RouteFacts describe(const std::vector<sg4::Link*>& links, double latency_s) {
  RouteFacts facts;
  facts.latency_ms = latency_s * 1e3;
  facts.bottleneck_mbps = links.empty() ? 0 : HUGE_VAL;
  for (const sg4::Link* link : links) {
    facts.links.push_back(link->get_name());
    const double mbps = link->get_bandwidth() * kMbitPerSecondPerBytePerSecond;
    if (mbps < facts.bottleneck_mbps) {
      facts.bottleneck_mbps = mbps;
      facts.bottleneck_link = link->get_name();
    }
  }
  return facts;
}

std::string formatted(double value, const char* format) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string mbps(double value) { return formatted(value, "%.6g"); }

// Edge hosts in document order: build_platform() places clients on them in that order,
// round-robin, so the first clients name each edge host once. Edge hosts that the layout is too
// short to name (more edge hosts than clients) follow, by name.
std::vector<const sg4::Host*> edge_hosts_in_document_order(
    const PlatformLayout& layout,
    std::map<const sg4::Host*, const ClientPlacement*>* placement_of) {
  std::vector<const sg4::Host*> ordered;
  for (const ClientPlacement& client : layout.clients) {
    if (!placement_of->emplace(client.host, &client).second) break;
    ordered.push_back(client.host);
  }
  for (const sg4::Host* host : sg4::Engine::get_instance()->get_all_hosts()) {
    if (role_of(host) == "edge" && placement_of->count(host) == 0) ordered.push_back(host);
  }
  return ordered;
}

// Which edge hosts' routes cross each link, and in which direction.
struct LinkUse {
  const sg4::Link* link = nullptr;
  std::set<std::string> edge_hosts;
  bool up = false, down = false;
};

std::string declared_wattage(const simgrid::s4u::Host* host) {
  const char* value = host->get_property("wattage_per_state");
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

PlatformFacts inspect_platform(const std::string& file, const PlatformLayout& layout) {
  const sg4::Engine* engine = sg4::Engine::get_instance();
  const auto host_lines = xml_declaration_lines(file, "host");
  const auto host_line = [&](const std::string& name) {
    const auto it = host_lines.find(name);
    return it == host_lines.end() ? 0 : it->second;
  };

  PlatformFacts facts;
  facts.file = file;
  for (const ServerPlacement& server : layout.servers) {
    HostFacts cloud;
    cloud.name = server.host->get_name();
    cloud.role = "cloud";
    cloud.line = host_line(cloud.name);
    cloud.speed_factor = server.speed;
    cloud.wattage = declared_wattage(server.host);
    facts.clouds.push_back(cloud);
  }

  std::map<const sg4::Host*, const ClientPlacement*> placement_of;
  const auto ordered = edge_hosts_in_document_order(layout, &placement_of);

  const sg4::Host* cloud = layout.servers.front().host;
  std::map<std::string, LinkUse> uses;
  std::vector<std::string> problems;
  std::set<std::string> reported;

  for (const sg4::Host* host : ordered) {
    HostFacts edge;
    edge.name = host->get_name();
    edge.role = "edge";
    edge.line = host_line(edge.name);
    edge.wattage = declared_wattage(host);
    edge.device_class = device_class_of(host);
    if (const char* value = host->get_property("draft_ms_per_token")) {
      const auto placed = placement_of.find(host);
      edge.draft_ms_per_token = placed != placement_of.end()
                                    ? placed->second->draft_ms_per_token
                                    : std::strtod(value, nullptr);  // checked by build_platform
    }
    double there = 0, back = 0;
    const auto up = route_links(host, cloud, &there);
    const auto down = route_links(cloud, host, &back);
    edge.up = describe(up, there);
    edge.down = describe(down, back);
    const auto placed = placement_of.find(host);
    edge.rtt_ms = placed != placement_of.end() ? placed->second->rtt_ms : (there + back) * 1e3;
    for (const auto* links : {&up, &down}) {
      for (const sg4::Link* link : *links) {
        LinkUse& use = uses[link->get_name()];
        use.link = link;
        use.edge_hosts.insert(edge.name);
        (links == &up ? use.up : use.down) = true;
      }
    }
    facts.edges.push_back(edge);
  }
  if (!problems.empty()) throw ConfigError(problems);

  for (auto& edge : facts.edges) {
    for (RouteFacts* route : {&edge.up, &edge.down}) {
      const auto it = uses.find(route->bottleneck_link);
      if (it != uses.end() && it->second.link->is_shared()) {
        route->bottleneck_shared_by = static_cast<int>(it->second.edge_hosts.size());
      }
    }
  }
  for (const auto& [name, use] : uses) {
    if (use.edge_hosts.size() < 2 || !use.link->is_shared()) continue;
    facts.shared_links.push_back({name, use.link->get_bandwidth() * kMbitPerSecondPerBytePerSecond,
                                  use.up && use.down ? "up+down" : (use.up ? "up" : "down"),
                                  static_cast<int>(use.edge_hosts.size())});
  }

  // The profiles (build_platform() checked them before SimGrid read them).
  const std::string text =
      read_input_file(file, kMaxReferencedFileBytes, "cannot read the platform");
  for (const auto& p : platform_profiles(file, xml_elements(text)).profiled) {
    facts.profiles.push_back({p.element, p.id, p.attribute, p.path, static_cast<int>(p.line),
                              p.profile.min_value, p.profile.max_value, p.profile.period_s});
  }

  // Properties that dsdsi reads only on hosts of another role are ignored: say so.
  const auto ignored = [&](const sg4::Host* host, const char* property, const char* reader) {
    if (host->get_property(property) == nullptr) return;
    const std::string role = role_of(host);
    facts.warnings.push_back(
        declared_at(file, host_line(host->get_name())) + ": host \"" + host->get_name() + "\" (" +
        (role.empty() ? std::string("no role") : "role " + role) + ") has a " + property +
        " property, which dsdsi reads on " + reader + " hosts only: ignored");
  };
  for (const sg4::Host* host : engine->get_all_hosts()) {
    const std::string role = role_of(host);
    if (role != "edge") ignored(host, "draft_ms_per_token", "edge");
    if (role != "cloud") ignored(host, "speed_factor", "cloud");
    if (role != "edge") ignored(host, "device_class", "edge");
    if (!role.empty()) continue;
    HostFacts other;
    other.name = host->get_name();
    other.line = host_line(other.name);
    facts.others.push_back(other);
  }
  return facts;
}

std::string platform_facts_table(const PlatformFacts& facts) {
  std::vector<std::vector<std::string>> rows = {
      {"host", "role", "line", "class", "draft_ms", "speed", "watts", "rtt_ms", "up_mbps",
       "up_bottleneck", "down_mbps", "down_bottleneck", "links"}};
  const auto watts = [](const HostFacts& h) { return h.wattage.empty() ? "-" : h.wattage; };
  const auto line = [](const HostFacts& h) { return h.line == 0 ? "-" : std::to_string(h.line); };
  const auto via = [](const RouteFacts& r) {
    return r.bottleneck_link + (r.bottleneck_shared_by > 1
                                    ? " (shared by " + std::to_string(r.bottleneck_shared_by) + ")"
                                    : "");
  };
  for (const auto& c : facts.clouds) {
    rows.push_back({c.name, "cloud", line(c), "-", "-", formatted(c.speed_factor, "%g"), watts(c),
                    "-", "-", "-", "-", "-", "-"});
  }
  for (const auto& e : facts.edges) {
    rows.push_back({e.name, "edge", line(e), e.device_class,
                    e.draft_ms_per_token ? formatted(*e.draft_ms_per_token, "%g") : "scenario", "-",
                    watts(e), formatted(e.rtt_ms, "%.3f"), mbps(e.up.bottleneck_mbps), via(e.up),
                    mbps(e.down.bottleneck_mbps), via(e.down),
                    std::to_string(e.up.links.size()) + "/" + std::to_string(e.down.links.size())});
  }
  for (const auto& o : facts.others) {
    rows.push_back({o.name, "(none)", line(o), "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"});
  }
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  std::string out = facts.file + ": ok: " + std::to_string(facts.clouds.size()) +
                    " cloud host(s), " + std::to_string(facts.edges.size()) +
                    " edge host(s); routes to and from the cloud host \"" +
                    facts.clouds.front().name + "\"\n\n";
  for (const auto& row : rows) {
    std::string text;
    for (std::size_t i = 0; i < row.size(); ++i) {
      text += row[i] + (i + 1 < row.size() ? std::string(width[i] - row[i].size() + 2, ' ') : "");
    }
    out += text + "\n";
  }
  out +=
      "\nclass: the edge host's device_class; draft_ms: its draft_ms_per_token (\"scenario\": the\n"
      "  scenario's edge.draft_ms_per_token applies); speed: the cloud host's speed_factor;\n"
      "  watts: the host's wattage_per_state (idle:epsilon:all_cores; \"-\": not measured).\n"
      "up: edge -> cloud, down: cloud -> edge; *_mbps: the smallest link bandwidth on the route\n"
      "  (Mbit/s), *_bottleneck: that link; links: links crossed up/down.\n";
  if (!facts.shared_links.empty()) {
    out +=
        "\nShared links (crossed by several edge hosts' routes; SimGrid shares their bandwidth "
        "between concurrent transfers):\n";
    for (const auto& s : facts.shared_links) {
      out += "  " + s.name + ": " + mbps(s.bandwidth_mbps) + " Mbit/s, " + s.direction + ", " +
             std::to_string(s.edge_hosts) + " edge hosts (" +
             mbps(s.bandwidth_mbps / s.edge_hosts) + " Mbit/s each when all send at once)\n";
    }
  }
  if (!facts.profiles.empty()) {
    out +=
        "\nProfiled links and hosts (values change over time; bandwidth in bytes/s, latency in "
        "s, speed as a fraction, state 1 on / 0 off):\n";
    for (const auto& p : facts.profiles) {
      out += "  " + p.element + " " + p.id + " (line " + std::to_string(p.line) +
             "): " + p.attribute + " " + p.file + ": " + formatted(p.min_value, "%g") + " .. " +
             formatted(p.max_value, "%g") + ", " +
             (p.period_s > 0 ? "repeats every " + formatted(p.period_s, "%g") + " s"
                             : std::string("plays once")) +
             "\n";
    }
  }
  return out;
}

std::string platform_facts_json(const PlatformFacts& facts) {
  using nlohmann::ordered_json;
  const auto route = [](const RouteFacts& r) {
    return ordered_json{{"latency_ms", r.latency_ms},
                        {"bottleneck_mbps", r.bottleneck_mbps},
                        {"bottleneck_link", r.bottleneck_link},
                        {"bottleneck_shared_by", r.bottleneck_shared_by},
                        {"links", r.links}};
  };
  const auto line = [](const HostFacts& h) {
    return h.line == 0 ? ordered_json() : ordered_json(h.line);
  };
  ordered_json out{{"file", facts.file}, {"valid", true}};
  out["routes_to"] = facts.clouds.front().name;
  out["cloud_hosts"] = ordered_json::array();
  for (const auto& c : facts.clouds) {
    out["cloud_hosts"].push_back(ordered_json{
        {"host", c.name},
        {"line", line(c)},
        {"speed_factor", c.speed_factor},
        {"wattage_per_state", c.wattage.empty() ? ordered_json() : ordered_json(c.wattage)}});
  }
  out["edge_hosts"] = ordered_json::array();
  for (const auto& e : facts.edges) {
    out["edge_hosts"].push_back(ordered_json{
        {"host", e.name},
        {"line", line(e)},
        {"device_class", e.device_class},
        {"wattage_per_state", e.wattage.empty() ? ordered_json() : ordered_json(e.wattage)},
        {"draft_ms_per_token",
         e.draft_ms_per_token ? ordered_json(*e.draft_ms_per_token) : ordered_json()},
        {"rtt_ms", e.rtt_ms},
        {"up", route(e.up)},
        {"down", route(e.down)}});
  }
  out["other_hosts"] = ordered_json::array();
  for (const auto& o : facts.others) {
    out["other_hosts"].push_back(ordered_json{{"host", o.name}, {"line", line(o)}});
  }
  out["shared_links"] = ordered_json::array();
  for (const auto& s : facts.shared_links) {
    out["shared_links"].push_back(ordered_json{{"link", s.name},
                                               {"bandwidth_mbps", s.bandwidth_mbps},
                                               {"direction", s.direction},
                                               {"edge_hosts", s.edge_hosts}});
  }
  out["profiles"] = ordered_json::array();
  for (const auto& p : facts.profiles) {
    out["profiles"].push_back(ordered_json{{"element", p.element},
                                           {"id", p.id},
                                           {"attribute", p.attribute},
                                           {"file", p.file},
                                           {"line", p.line},
                                           {"min", p.min_value},
                                           {"max", p.max_value},
                                           {"period_s", p.period_s}});
  }
  out["warnings"] = facts.warnings;
  return out.dump(2) + "\n";
}

}  // namespace dsdsi::cli
