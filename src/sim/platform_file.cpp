// A platform from a SimGrid XML file (format 4.1). Hosts declare what they are with
// <prop id="role" value="edge|cloud"/>; hosts without a role (routers, other machines) are left
// alone. Each cloud host is a server and may carry <prop id="speed_factor" value="0.5"/>.
// Clients go to edge hosts in document order, round-robin when there are more clients; an edge
// host is one device, so clients placed on the same host share its processor. A host may declare
// its power with SimGrid's wattage_per_state, and an edge host its class with device_class (and
// its radio with radio, a preset of model/radio_presets.hpp).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <string>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/model/latency_model.hpp"
#include "dsdsi/model/radio_presets.hpp"
#include "dsdsi/sim/platform_prescan.hpp"
#include "dsdsi/sim/xml_declarations.hpp"
#include "platform_internal.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

namespace {

constexpr int kUnknownLine = std::numeric_limits<int>::max();
// A server's speed relative to the scenario's: a millionth to a million times.
constexpr double kMinSpeedFactor = 1e-6;
constexpr double kMaxSpeedFactor = 1e6;

// SimGrid names the two halves of a SPLITDUPLEX link "<id>_UP" and "<id>_DOWN"; the XML
// declares "<id>".
std::string declared_link_name(const std::string& link) {
  for (const std::string suffix : {"_UP", "_DOWN"}) {
    if (link.size() > suffix.size() &&
        link.compare(link.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return link.substr(0, link.size() - suffix.size());
    }
  }
  return link;
}

std::string problem_site(const std::string& file, int line) {
  return line == kUnknownLine ? file : file + ":" + std::to_string(line);
}

// Why there is no usable route from `a` to `b`, or "" when there is one. SimGrid reports a
// missing route as std::invalid_argument (Floyd and Full zones: "No route from ... to ...") and
// a zone without the zone route a host needs as simgrid::Exception ("Bad gateways"); both are
// problems of the file. (No actor runs yet, so nothing here can be a kill to let through.)
std::string route_problem(const sg4::Host* a, const sg4::Host* b) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  try {
    a->route_to(b, links, &latency);
  } catch (const std::invalid_argument&) {
    return "no route";
  } catch (const simgrid::Exception& e) {
    return std::string("SimGrid cannot route it: ") + e.what();
  }
  return links.empty() ? "no route" : "";
}

}  // namespace

PlatformLayout load_platform_file(sg4::Engine& engine, const Scenario& s) {
  const std::string& file = s.platform_file;
  // What SimGrid would abort the process on while loading is found in the text first.
  if (auto problems = platform_prescan_problems(file); !problems.empty()) {
    throw ConfigError(problems);
  }
  try {
    engine.load_platform(file);
    // SimGrid 3.32 computes Floyd and Dijkstra routes when the root zone is sealed, which
    // load_platform leaves to Engine::run; routes are needed now, to check and report RTTs.
    engine.get_netzone_root()->seal();
  } catch (const simgrid::ParseError& e) {
    throw ConfigError({file + ": " + e.what()});
  } catch (const simgrid::Exception& e) {  // e.g. a host declared twice
    throw ConfigError({file + ": SimGrid rejected the platform: " + e.what()});
  } catch (const std::invalid_argument& e) {  // e.g. a route naming a link that does not exist
    throw ConfigError({file + ": SimGrid rejected the platform: " + e.what()});
  }
  // SimGrid does not keep where a host or link was declared: find it in the file, so that
  // problems name their line and edge hosts can be taken in document order.
  const auto lines = xml_declaration_lines(file, "host");
  auto link_lines = xml_declaration_lines(file, "link");
  for (const auto& [name, line] : xml_declaration_lines(file, "backbone")) {
    link_lines.emplace(name, line);
  }
  auto line_of = [&](const sg4::Host* h) {
    const auto it = lines.find(h->get_name());
    return it == lines.end() ? kUnknownLine : it->second;
  };

  std::vector<std::string> problems;
  std::vector<sg4::Host*> clouds, edges;
  for (sg4::Host* host : engine.get_all_hosts()) {
    const char* role = host->get_property("role");
    if (role == nullptr) continue;
    const std::string r(role);
    if (r == "cloud") {
      clouds.push_back(host);
    } else if (r == "edge") {
      edges.push_back(host);
    } else {
      problems.push_back(problem_site(file, line_of(host)) + ": host \"" + host->get_name() +
                         "\": unknown role \"" + r + "\" (expected \"edge\" or \"cloud\")");
    }
  }
  if (clouds.empty()) {
    problems.push_back(file +
                       ": no cloud host (give one host <prop id=\"role\" value=\"cloud\"/>)");
  }
  if (edges.empty()) {
    problems.push_back(file + ": no edge host (give hosts <prop id=\"role\" value=\"edge\"/>)");
  }
  const auto in_document_order = [&](const sg4::Host* a, const sg4::Host* b) {
    const int la = line_of(a), lb = line_of(b);
    return la != lb ? la < lb : a->get_name() < b->get_name();
  };
  std::sort(clouds.begin(), clouds.end(), in_document_order);
  std::sort(edges.begin(), edges.end(), in_document_order);

  // A number within [low, high] from a host property, or a problem naming the host's line. The
  // bounds keep what is derived from it (a speed, a step time) finite.
  const auto bounded_property = [&](const sg4::Host* host, const char* name, double fallback,
                                    double low, double high) -> double {
    const char* value = host->get_property(name);
    if (value == nullptr) return fallback;
    char* end = nullptr;
    const double v = std::strtod(value, &end);
    if (end == value || *end != '\0' || !(v >= low && v <= high)) {
      char range[96];
      std::snprintf(range, sizeof range, "a number >= %g and <= %g", low, high);
      problems.push_back(problem_site(file, line_of(host)) + ": host \"" + host->get_name() +
                         "\": property " + name + " must be " + range + ", got \"" + value + "\"");
      return fallback;
    }
    return v;
  };

  PlatformLayout layout;
  for (sg4::Host* cloud : clouds) {
    layout.servers.push_back(
        {cloud, bounded_property(cloud, "speed_factor", 1.0, kMinSpeedFactor, kMaxSpeedFactor)});
  }
  // Links that would break a run: each is reported once, at its declaration.
  std::set<std::string> links_checked;
  const auto check_route_links = [&](const sg4::Host* from, const sg4::Host* to) {
    std::vector<sg4::Link*> links;
    double latency = 0;
    from->route_to(to, links, &latency);
    for (const sg4::Link* link : links) {
      const std::string name = link->get_name();
      if (!links_checked.insert(name).second) continue;
      const auto it = link_lines.find(declared_link_name(name));
      const std::string at =
          problem_site(file, it == link_lines.end() ? kUnknownLine : it->second) + ": link \"" +
          name + "\"";
      if (link->get_sharing_policy() == sg4::Link::SharingPolicy::WIFI) {
        problems.push_back(
            at +
            " is a WiFi link: SimGrid 3.32 aborts at its first transfer unless "
            "each station is attached with Link::set_host_wifi_rate(), which dsdsi "
            "does not do; model the Wi-Fi as an ordinary SHARED link (docs/platforms.md)");
      } else if (!(link->get_bandwidth() > 0)) {
        char text[64];
        std::snprintf(text, sizeof text, "%g", link->get_bandwidth() * 8 / 1e6);
        problems.push_back(at + " has bandwidth " + text +
                           " Mbit/s: transfers over it would never finish");
      } else if (link->get_latency() < 0) {
        char text[64];
        std::snprintf(text, sizeof text, "%g", link->get_latency() * 1e3);
        problems.push_back(at + " has a negative latency (" + text + " ms)");
      }
    }
  };

  std::vector<ClientPlacement> per_edge;
  for (sg4::Host* edge : edges) {
    ClientPlacement placement{
        edge, 0,
        bounded_property(edge, "draft_ms_per_token", unbatched_step_ms(s.edge.draft, 1),
                         limits::kMinStepMs, limits::kMaxMs),
        device_class_of(edge), ""};
    if (const char* radio = edge->get_property("radio")) {
      placement.radio = radio;
      if (!radio_preset(placement.radio)) {
        std::string names;
        for (const auto& name : radio_preset_names()) names += (names.empty() ? "" : ", ") + name;
        problems.push_back(problem_site(file, line_of(edge)) + ": host \"" + edge->get_name() +
                           "\": property radio must be one of " + names + ", got \"" + radio +
                           "\"");
      }
    }
    // Any request may be routed to any server: every edge host needs a route to each.
    for (const sg4::Host* cloud : clouds) {
      std::string why = route_problem(edge, cloud);
      if (why.empty()) why = route_problem(cloud, edge);
      if (why == "no route") {
        problems.push_back(problem_site(file, line_of(edge)) + ": edge host \"" + edge->get_name() +
                           "\" has no route to the cloud host \"" + cloud->get_name() + "\"");
      } else if (!why.empty()) {
        problems.push_back(problem_site(file, line_of(edge)) + ": edge host \"" + edge->get_name() +
                           "\" and the cloud host \"" + cloud->get_name() + "\": " + why +
                           " (give each zone on the way a zoneRoute to the others)");
      } else {
        check_route_links(edge, cloud);
        check_route_links(cloud, edge);
      }
    }
    per_edge.push_back(placement);
  }
  if (!problems.empty()) throw ConfigError(problems);

  for (auto& placement : per_edge) placement.rtt_ms = route_rtt_ms(placement.host, clouds[0]);
  for (std::int64_t c = 0; c < s.workload.clients; ++c) {
    layout.clients.push_back(per_edge[static_cast<std::size_t>(c) % per_edge.size()]);
  }
  return layout;
}

}  // namespace dsdsi
