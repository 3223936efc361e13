// A platform from a SimGrid XML file (format 4.1). Hosts declare what they are with
// <prop id="role" value="edge|cloud"/>; hosts without a role (routers, other machines) are left
// alone. Each cloud host is a server and may carry <prop id="speed_factor" value="0.5"/>.
// Clients go to edge hosts in document order, round-robin when there are more clients.
#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <string>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/model/latency_model.hpp"
#include "platform_internal.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

namespace {

constexpr int kUnknownLine = std::numeric_limits<int>::max();

// SimGrid does not tell where in the file a host was declared; find each `<host id="...">` so
// that problems can name their line and edge hosts can be taken in document order. Hosts that a
// <cluster> generates have no line of their own.
std::map<std::string, int> host_declaration_lines(const std::string& file) {
  std::map<std::string, int> lines;
  std::ifstream in(file);
  const std::regex host_tag(R"(<host\b[^>]*\bid\s*=\s*"([^"]*)\")");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    for (std::sregex_iterator it(line.begin(), line.end(), host_tag), end; it != end; ++it) {
      lines.emplace((*it)[1].str(), number);
    }
  }
  return lines;
}

std::string where(const std::string& file, int line) {
  return line == kUnknownLine ? file : file + ":" + std::to_string(line);
}

bool has_route(const sg4::Host* a, const sg4::Host* b) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  try {
    a->route_to(b, links, &latency);
  } catch (const std::invalid_argument&) {  // Floyd and Full zones: "No route from ... to ..."
    return false;
  }
  return !links.empty();
}

}  // namespace

PlatformLayout load_platform_file(sg4::Engine& engine, const Scenario& s) {
  const std::string& file = s.platform_file;
  try {
    engine.load_platform(file);
    // SimGrid 3.32 computes Floyd and Dijkstra routes when the root zone is sealed, which
    // load_platform leaves to Engine::run; routes are needed now, to check and report RTTs.
    engine.get_netzone_root()->seal();
  } catch (const simgrid::ParseError& e) {
    throw ConfigError({file + ": " + e.what()});
  }
  const auto lines = host_declaration_lines(file);
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
      problems.push_back(where(file, line_of(host)) + ": host \"" + host->get_name() +
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

  // A positive number from a host property, or a problem naming the host's line.
  const auto positive_property = [&](const sg4::Host* host, const char* name,
                                     double fallback) -> double {
    const char* value = host->get_property(name);
    if (value == nullptr) return fallback;
    char* end = nullptr;
    const double v = std::strtod(value, &end);
    if (end == value || *end != '\0' || !(v > 0) || v == std::numeric_limits<double>::infinity()) {
      problems.push_back(where(file, line_of(host)) + ": host \"" + host->get_name() +
                         "\": property " + name + " must be a number > 0, got \"" + value + "\"");
      return fallback;
    }
    return v;
  };

  PlatformLayout layout;
  for (sg4::Host* cloud : clouds) {
    layout.servers.push_back({cloud, positive_property(cloud, "speed_factor", 1.0)});
  }
  std::vector<ClientPlacement> per_edge;
  for (sg4::Host* edge : edges) {
    ClientPlacement placement{
        edge, 0, positive_property(edge, "draft_ms_per_token", unbatched_step_ms(s.edge.draft, 1))};
    // Any request may be routed to any server: every edge host needs a route to each.
    for (const sg4::Host* cloud : clouds) {
      if (!has_route(edge, cloud) || !has_route(cloud, edge)) {
        problems.push_back(where(file, line_of(edge)) + ": edge host \"" + edge->get_name() +
                           "\" has no route to the cloud host \"" + cloud->get_name() + "\"");
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
