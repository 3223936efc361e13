#include "dsdsi/sim/wattage_prescan.hpp"

#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <regex>

namespace dsdsi {
namespace {

// Why the plugin would refuse `value` for a host with `pstates` pstates (0: unknown), if it
// would: one "idle:epsilon:all_cores" (or "idle:busy") group of numbers >= 0 per pstate,
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

}  // namespace

bool declares_wattage(const std::string& file) {
  std::ifstream in(file);
  const std::regex wattage(R"(\bid\s*=\s*["']wattage_per_state["'])");
  for (std::string line; std::getline(in, line);) {
    if (std::regex_search(line, wattage)) return true;
  }
  return false;
}

std::vector<std::string> wattage_problems(const std::string& file) {
  std::vector<std::string> problems;
  std::ifstream in(file);
  // The host (or cluster, whose props apply to all its hosts) a property belongs to is the last
  // one opened before it; its speed attribute lists one speed per pstate.
  const std::regex owner(R"(<(host|cluster)\b[^>]*)");
  const std::regex id(R"(\bid\s*=\s*["']([^"']*)["'])");
  const std::regex speed(R"(\bspeed\s*=\s*["']([^"']*)["'])");
  const std::regex wattage(
      R"(<prop\b[^>]*\bid\s*=\s*["']wattage_per_state["'][^>]*\bvalue\s*=\s*["']([^"']*)["'])");
  std::string line, name;
  std::size_t pstates = 0;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch m;
    std::string::const_iterator from = line.cbegin();
    // Walk the line left to right so that a host and its prop on one line pair up.
    for (;;) {
      std::smatch host, prop;
      const bool has_host = std::regex_search(from, line.cend(), host, owner);
      const bool has_prop = std::regex_search(from, line.cend(), prop, wattage);
      if (!has_host && !has_prop) break;
      if (has_host && (!has_prop || host.position(0) < prop.position(0))) {
        const std::string tag = host.str(0);
        name = std::regex_search(tag, m, id) ? m[1].str() : std::string("?");
        pstates = 0;
        if (std::regex_search(tag, m, speed)) {
          pstates = 1;
          for (const char c : m[1].str()) pstates += c == ',' ? 1 : 0;
        }
        from = host[0].second;
      } else {
        if (const auto why = wattage_problem(prop[1].str(), pstates)) {
          problems.push_back(file + ":" + std::to_string(number) + ": host \"" + name +
                             "\": property wattage_per_state " + *why);
        }
        from = prop[0].second;
      }
    }
  }
  return problems;
}

}  // namespace dsdsi
