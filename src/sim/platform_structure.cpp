#include "dsdsi/sim/platform_structure.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

namespace dsdsi {
namespace {

// The number at the start of a SimGrid quantity ("1.5Gf", "20Mbps", "2ms"), if there is one.
std::optional<double> leading_number(const std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const double value = std::strtod(begin, &end);
  if (end == begin) return std::nullopt;
  return value;
}

struct Route {
  std::string src, dst;
  bool symmetrical = true;
  std::size_t line = 0;
};

struct Zone {
  std::string id, routing;
  std::size_t line = 0;
  std::vector<std::string> members;  // hosts and sub-zones, which routes are searched between
  std::vector<Route> routes;
};

class StructureCheck {
 public:
  explicit StructureCheck(std::string file) : file_(std::move(file)) {}

  void run(const std::vector<XmlElement>& elements) {
    std::vector<std::size_t> open_zones;  // indices into zones_
    for (const auto& e : elements) {
      const std::string id = xml_attribute(e.tag, "id").value_or("");
      if (e.name == "zone" || e.name == "AS" || e.name == "cluster") {
        if (open_zones.size() >= kMaxZoneDepth && !depth_reported_) {
          problem(e.line, "zone \"" + id + "\" is nested more than " +
                              std::to_string(kMaxZoneDepth) + " zones deep (dsdsi's limit)");
          depth_reported_ = true;
        }
        name_once(id, e.line, "zone");
        if (!open_zones.empty()) zones_[open_zones.back()].members.push_back(id);
        zones_.push_back(
            {id,
             e.name == "cluster" ? "Cluster" : xml_attribute(e.tag, "routing").value_or(""),
             e.line,
             {},
             {}});
        if (e.name == "cluster") check_speed_and_cores(e, "cluster");
        if (!e.self_closing) open_zones.push_back(zones_.size() - 1);
      } else if (e.name == "/zone" || e.name == "/AS" || e.name == "/cluster") {
        if (!open_zones.empty()) open_zones.pop_back();
      } else if (e.name == "host") {
        name_once(id, e.line, "host");
        if (!open_zones.empty()) zones_[open_zones.back()].members.push_back(id);
        check_speed_and_cores(e, "host");
      } else if (e.name == "router") {
        name_once(id, e.line, "router");
      } else if (e.name == "link" || e.name == "backbone") {
        link_once(id, e.line);
        check_link_numbers(e, id);
      } else if ((e.name == "route" || e.name == "zoneRoute" || e.name == "ASroute") &&
                 !open_zones.empty()) {
        const std::string sym = xml_attribute(e.tag, "symmetrical").value_or("YES");
        zones_[open_zones.back()].routes.push_back({xml_attribute(e.tag, "src").value_or(""),
                                                    xml_attribute(e.tag, "dst").value_or(""),
                                                    sym != "NO" && sym != "no", e.line});
      }
    }
    for (const auto& zone : zones_) {
      check_routes(zone);
      if (zone.routing == "Dijkstra" || zone.routing == "DijkstraCache") check_reachable(zone);
    }
  }

  std::vector<std::string> problems() && { return std::move(problems_); }

 private:
  void problem(std::size_t line, const std::string& what) {
    problems_.push_back(file_ + ":" + std::to_string(line) + ": " + what);
  }

  void name_once(const std::string& id, std::size_t line, const std::string& kind) {
    if (id.empty()) return;
    const auto [it, fresh] = netpoints_.emplace(id, line);
    if (!fresh) {
      problem(line, kind + " \"" + id + "\": the id is already used on line " +
                        std::to_string(it->second) +
                        " (hosts, routers and zones need distinct ids)");
    }
  }

  void link_once(const std::string& id, std::size_t line) {
    if (id.empty()) return;
    const auto [it, fresh] = links_.emplace(id, line);
    if (!fresh) {
      problem(line, "link \"" + id + "\" is already declared on line " +
                        std::to_string(it->second) + " (SimGrid 3.32 aborts on a second one)");
    }
  }

  void check_speed_and_cores(const XmlElement& e, const std::string& kind) {
    const std::string id = xml_attribute(e.tag, "id").value_or("?");
    if (const auto speed = xml_attribute(e.tag, "speed")) {
      std::size_t start = 0;
      for (;;) {
        const std::size_t comma = speed->find(',', start);
        const std::string one = speed->substr(start, comma - start);
        const auto value = leading_number(one);
        if (!value || !std::isfinite(*value) || *value <= 0) {
          problem(e.line, kind + " \"" + id + "\": speed \"" + one +
                              "\" must be a finite number > 0 of flop/s (e.g. \"1Gf\"); "
                              "SimGrid aborts on a host that cannot compute");
          break;
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (const auto cores = xml_attribute(e.tag, "core")) {
      char* end = nullptr;
      const long n = std::strtol(cores->c_str(), &end, 10);
      if (cores->empty() || *end != '\0' || n < 1) {
        problem(e.line, kind + " \"" + id + "\": core \"" + *cores + "\" must be an integer >= 1");
      }
    }
  }

  void check_link_numbers(const XmlElement& e, const std::string& id) {
    for (const char* name : {"bandwidth", "latency"}) {
      const auto text = xml_attribute(e.tag, name);
      if (!text) continue;
      const auto value = leading_number(*text);
      if (value && !std::isfinite(*value)) {
        problem(e.line, "link \"" + id + "\": " + name + " \"" + *text +
                            "\" is not a finite number (a run over it could never end)");
      }
    }
  }

  void check_routes(const Zone& zone) {
    std::map<std::pair<std::string, std::string>, const Route*> declared;
    for (const auto& route : zone.routes) {
      const auto key = std::make_pair(route.src, route.dst);
      if (const auto it = declared.find(key); it != declared.end()) {
        problem(route.line, "route from \"" + route.src + "\" to \"" + route.dst +
                                "\" is already declared on line " +
                                std::to_string(it->second->line));
        continue;
      }
      const auto back = declared.find({route.dst, route.src});
      if (back != declared.end() && (back->second->symmetrical || route.symmetrical)) {
        problem(route.line, "route from \"" + route.src + "\" to \"" + route.dst +
                                "\": the route of line " + std::to_string(back->second->line) +
                                " already gives this way (routes are symmetrical unless both say "
                                "symmetrical=\"NO\"; SimGrid 3.32 aborts on the second)");
      }
      declared.emplace(key, &route);
    }
  }

  // Every host and sub-zone of a Dijkstra zone must reach every other through its routes.
  void check_reachable(const Zone& zone) {
    if (zone.members.size() < 2) return;
    std::map<std::string, std::vector<std::string>> forward, backward;
    for (const auto& r : zone.routes) {
      forward[r.src].push_back(r.dst);
      backward[r.dst].push_back(r.src);
      if (r.symmetrical) {
        forward[r.dst].push_back(r.src);
        backward[r.src].push_back(r.dst);
      }
    }
    const std::string& first = zone.members.front();
    const auto reached_from = [&](const std::map<std::string, std::vector<std::string>>& graph) {
      std::set<std::string> seen{first};
      std::vector<std::string> todo{first};
      while (!todo.empty()) {
        const std::string node = todo.back();
        todo.pop_back();
        const auto next = graph.find(node);
        if (next == graph.end()) continue;
        for (const auto& n : next->second) {
          if (seen.insert(n).second) todo.push_back(n);
        }
      }
      return seen;
    };
    const auto ahead = reached_from(forward);
    const auto behind = reached_from(backward);
    for (const auto& member : zone.members) {
      const bool to = ahead.count(member) != 0, from = behind.count(member) != 0;
      if (to && from) continue;
      problem(zone.line, "zone \"" + zone.id + "\" (Dijkstra): no route from \"" +
                             (to ? member : first) + "\" to \"" + (to ? first : member) +
                             "\" through the zone's routes (SimGrid 3.32's route search never "
                             "ends on such a pair)");
      return;  // one is enough to fix the zone
    }
  }

  std::string file_;
  std::vector<Zone> zones_;
  std::map<std::string, std::size_t> netpoints_, links_;
  bool depth_reported_ = false;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<XmlElement> xml_elements(const std::string& text) {
  std::vector<XmlElement> out;
  std::size_t line = 1, counted = 0;
  std::size_t at = 0;
  while ((at = text.find('<', at)) != std::string::npos) {
    for (; counted < at; ++counted) line += text[counted] == '\n' ? 1 : 0;
    if (text.compare(at, 4, "<!--") == 0) {
      const std::size_t end = text.find("-->", at);
      at = end == std::string::npos ? text.size() : end + 3;
      continue;
    }
    const std::size_t end = text.find('>', at);
    if (end == std::string::npos) break;
    std::string tag = text.substr(at, end - at + 1);
    at = end + 1;
    if (tag.size() < 3 || tag[1] == '?' || tag[1] == '!') continue;
    const bool closing = tag[1] == '/';
    const std::size_t name_start = closing ? 2 : 1;
    std::size_t name_end = name_start;
    while (name_end < tag.size() &&
           (std::isalnum(static_cast<unsigned char>(tag[name_end])) || tag[name_end] == '_')) {
      ++name_end;
    }
    XmlElement e;
    e.name = (closing ? "/" : "") + tag.substr(name_start, name_end - name_start);
    e.self_closing = tag[tag.size() - 2] == '/';
    e.tag = std::move(tag);
    e.line = line;
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<std::string> xml_attribute(const std::string& tag, const std::string& name) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (std::size_t at = tag.find(name); at != std::string::npos; at = tag.find(name, at + 1)) {
    if (at == 0 || !space(tag[at - 1])) continue;
    std::size_t i = at + name.size();
    while (i < tag.size() && space(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && space(tag[i])) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) continue;
    const std::size_t close = tag.find(tag[i], i + 1);
    if (close == std::string::npos) return std::nullopt;
    return tag.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}

std::vector<std::string> platform_structure_problems(const std::string& file,
                                                     const std::string& text) {
  StructureCheck check(file);
  check.run(xml_elements(text));
  return std::move(check).problems();
}

}  // namespace dsdsi
