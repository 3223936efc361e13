#include "dsdsi/sim/platform_prescan.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <optional>

#include "dsdsi/config/input_file.hpp"
#include "dsdsi/sim/platform_profiles.hpp"
#include "dsdsi/sim/platform_structure.hpp"

namespace dsdsi {
namespace {

// The zone routing kinds SimGrid 3.32's parser accepts (each checked to load).
const std::vector<std::string> kRoutingKinds = {"Full", "Floyd",   "Dijkstra", "DijkstraCache",
                                                "None", "Vivaldi", "Cluster",  "Wifi"};

std::string read_all(const std::string& file) {
  return read_input_file(file, kMaxReferencedFileBytes, "cannot read the platform");
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
  for (const auto& e : xml_elements(read_all(file))) {
    if (e.name == "prop" && xml_attribute(e.tag, "id").value_or("") == "wattage_per_state") {
      return true;
    }
  }
  return false;
}

std::vector<std::string> platform_prescan_problems(const std::string& file) {
  const std::string text = read_all(file);
  std::vector<std::string> problems = platform_structure_problems(file, text);
  // A property belongs to the host (or cluster, whose props apply to all its hosts) opened last
  // before it.
  std::string owner;
  std::size_t pstates = 0;
  const std::vector<XmlElement> elements = xml_elements(text);
  for (auto& problem : platform_profiles(file, elements).problems) {
    problems.push_back(std::move(problem));
  }
  for (const auto& e : elements) {
    const std::string where = file + ":" + std::to_string(e.line) + ": ";
    const std::string& kind = e.name;
    const std::string id = xml_attribute(e.tag, "id").value_or("?");
    if (kind == "zone") {
      const auto routing = xml_attribute(e.tag, "routing");
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
      if (const auto speed = xml_attribute(e.tag, "speed")) {
        pstates = 1 + static_cast<std::size_t>(std::count(speed->begin(), speed->end(), ','));
      }
    } else if (kind == "link") {
      const auto policy = xml_attribute(e.tag, "sharing_policy");
      const auto latency = xml_attribute(e.tag, "latency");
      if (policy && *policy == "WIFI" && latency && nonzero_latency(*latency)) {
        problems.push_back(where + "link \"" + id + "\": a WIFI link must have latency 0 in " +
                           "SimGrid 3.32 (it aborts otherwise), got \"" + *latency + "\"");
      }
    } else if (kind == "prop" && id == "wattage_per_state") {
      const auto value = xml_attribute(e.tag, "value").value_or("");
      if (const auto why = wattage_problem(value, pstates)) {
        problems.push_back(where + "host \"" + owner + "\": property wattage_per_state " + *why);
      }
    }
  }
  return problems;
}

}  // namespace dsdsi
