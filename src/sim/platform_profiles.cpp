#include "dsdsi/sim/platform_profiles.hpp"

#include <filesystem>
#include <map>
#include <set>

namespace dsdsi {
namespace {

struct ProfileAttribute {
  const char* element;
  const char* attribute;
  ProfileQuantity quantity;
};

constexpr ProfileAttribute kAttributes[] = {
    {"link", "bandwidth_file", ProfileQuantity::bandwidth},
    {"link", "latency_file", ProfileQuantity::latency},
    {"link", "state_file", ProfileQuantity::state},
    {"host", "speed_file", ProfileQuantity::speed},
    {"host", "state_file", ProfileQuantity::state},
};

std::string resolved(const std::string& xml_file, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(xml_file).parent_path() / p).lexically_normal().string();
}

}  // namespace

PlatformProfiles platform_profiles(const std::string& file,
                                   const std::vector<XmlElement>& elements) {
  PlatformProfiles out;
  std::map<std::string, std::size_t> first_use;  // a file as written -> its first line
  std::map<std::string, std::size_t> host_state_lines;
  std::set<std::string> hosts_with_role;
  std::string owner;  // the host opened last, for its <prop>s
  for (const auto& e : elements) {
    const std::string id = xml_attribute(e.tag, "id").value_or("?");
    if (e.name == "host") owner = id;
    if (e.name == "prop" && xml_attribute(e.tag, "id").value_or("") == "role") {
      hosts_with_role.insert(owner);
    }
    for (const auto& a : kAttributes) {
      if (e.name != a.element) continue;
      const auto written = xml_attribute(e.tag, a.attribute);
      if (!written) continue;
      const std::string where = file + ":" + std::to_string(e.line) + ": " + e.name + " \"" + id +
                                "\": " + a.attribute + " \"" + *written + "\": ";
      if (const auto [it, fresh] = first_use.emplace(*written, e.line); !fresh) {
        out.problems.push_back(where + "already used at line " + std::to_string(it->second) +
                               "; SimGrid 3.32 aborts on one profile file named twice: give "
                               "each its own copy");
        continue;
      }
      if (e.name == "host" && a.quantity == ProfileQuantity::state) {
        host_state_lines[id] = e.line;
      }
      const std::string path = resolved(file, *written);
      ProfileRead read = read_profile_file(path, a.quantity);
      for (const auto& problem : read.problems) out.problems.push_back(where + problem);
      if (read.problems.empty()) {
        out.profiled.push_back({e.name, id, a.attribute, path, e.line, std::move(read.profile)});
      }
    }
  }
  for (const auto& [host, line] : host_state_lines) {
    if (hosts_with_role.count(host) == 0) continue;
    out.problems.push_back(file + ":" + std::to_string(line) + ": host \"" + host +
                           "\": a state_file on an edge or cloud host would kill dsdsi's "
                           "programs on it; model the outage with a state_file on its link");
  }
  return out;
}

}  // namespace dsdsi
