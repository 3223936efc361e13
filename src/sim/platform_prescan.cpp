#include "dsdsi/sim/platform_prescan.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <regex>

namespace dsdsi {
namespace {

// The zone routing kinds SimGrid 3.32's parser accepts (each checked to load).
const std::vector<std::string> kRoutingKinds = {"Full", "Floyd",   "Dijkstra", "DijkstraCache",
                                                "None", "Vivaldi", "Cluster",  "Wifi"};

std::string read_all(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::optional<std::string> attribute(const std::string& tag, const std::string& name) {
  const std::regex pattern("\\b" + name + R"(\s*=\s*["']([^"']*)["'])");
  std::smatch m;
  if (!std::regex_search(tag, m, pattern)) return std::nullopt;
  return m[1].str();
}

// Why the energy plugin would refuse `value` for a host with `pstates` pstates (0: unknown), if
// it would: one "idle:epsilon:all_cores" (or "idle:busy") group of numbers >= 0 per pstate,
// groups separated by commas.
std::optional<std::string> wattage_problem(const std::string& value, std::size_t pstates) {
  std::vector<std::string> groups{""};
  for (const char c : value) {
    if (c == ',') {
      groups.emplace_back();
    } else if (c != ' ') {
      groups.back() += c;
    }
  }
  for (const auto& group : groups) {
    std::size_t parts = 0;
    for (std::size_t start = 0;;) {
      const std::size_t colon = group.find(':', start);
      const std::string number = group.substr(start, colon - start);
      char* end = nullptr;
      const double watts = std::strtod(number.c_str(), &end);
      if (number.empty() || *end != '\0' || !(watts >= 0) ||
          watts == std::numeric_limits<double>::infinity()) {
        return "\"" + group + "\" is not watts >= 0 separated by ':' (\"idle:epsilon:all_cores\")";
      }
      ++parts;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    if (parts != 2 && parts != 3) {
      return "\"" + group + "\" must be \"idle:epsilon:all_cores\" (watts)";
    }
  }
  if (pstates != 0 && groups.size() != pstates) {
    return "has " + std::to_string(groups.size()) + " group(s) of watts but the host has " +
           std::to_string(pstates) + " pstate(s) (speeds): one group per pstate";
  }
  return std::nullopt;
}

// A latency attribute ("0", "0ms", "1.5us") whose number is not 0.
bool nonzero_latency(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end == text.c_str() || value != 0;
}

}  // namespace

bool declares_wattage(const std::string& file) {
  static const std::regex wattage(R"(\bid\s*=\s*["']wattage_per_state["'])");
  const std::string text = read_all(file);
  return std::regex_search(text, wattage);
}

std::vector<std::string> platform_prescan_problems(const std::string& file) {
  const std::string text = read_all(file);
  std::vector<std::string> problems;
  // Every opening tag of interest, in document order; a property belongs to the host (or
  // cluster, whose props apply to all its hosts) opened last before it.
  static const std::regex tag(R"(<(zone|host|cluster|link|prop)\b[^>]*>)");
  std::string owner;
  std::size_t pstates = 0;
  std::size_t line = 1;
  auto counted = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
    const auto at = text.cbegin() + it->position(0);
    line += static_cast<std::size_t>(std::count(counted, at, '\n'));
    counted = at;
    const std::string where = file + ":" + std::to_string(line) + ": ";
    const std::string kind = (*it)[1].str();
    const std::string element = it->str(0);
    const std::string id = attribute(element, "id").value_or("?");
    if (kind == "zone") {
      const auto routing = attribute(element, "routing");
      if (routing &&
          std::find(kRoutingKinds.begin(), kRoutingKinds.end(), *routing) == kRoutingKinds.end()) {
        std::string known;
        for (const auto& k : kRoutingKinds) known += (known.empty() ? "" : ", ") + k;
        problems.push_back(where + "zone \"" + id + "\": unknown routing \"" + *routing +
                           "\" (SimGrid 3.32 knows " + known + ")");
      }
    } else if (kind == "host" || kind == "cluster") {
      owner = id;
      pstates = 0;
      if (const auto speed = attribute(element, "speed")) {
        pstates = 1 + static_cast<std::size_t>(std::count(speed->begin(), speed->end(), ','));
      }
    } else if (kind == "link") {
      const auto policy = attribute(element, "sharing_policy");
      const auto latency = attribute(element, "latency");
      if (policy && *policy == "WIFI" && latency && nonzero_latency(*latency)) {
        problems.push_back(where + "link \"" + id + "\": a WIFI link must have latency 0 in " +
                           "SimGrid 3.32 (it aborts otherwise), got \"" + *latency + "\"");
      }
    } else if (attribute(element, "id").value_or("") == "wattage_per_state") {
      const auto value = attribute(element, "value").value_or("");
      if (const auto why = wattage_problem(value, pstates)) {
        problems.push_back(where + "host \"" + owner + "\": property wattage_per_state " + *why);
      }
    }
  }
  return problems;
}

}  // namespace dsdsi
