#pragma once
// The profiles a platform file attaches to its links (`bandwidth_file`, `latency_file`,
// `state_file`) and hosts (`speed_file`, `state_file`), found and checked before SimGrid reads
// them: SimGrid aborts the process on a bad profile, and on the same file named by two elements
// ("Refusing to define trace ... twice"). A relative path is relative to the XML file's folder.
// A `state_file` on an edge or cloud host is refused: turning a host off kills the programs on
// it (their requests would vanish); an outage is a `state_file` on the host's link.
#include <string>
#include <vector>

#include "dsdsi/config/profile_file.hpp"
#include "dsdsi/sim/platform_structure.hpp"

namespace dsdsi {

struct ProfiledElement {
  std::string element;    // "link" or "host"
  std::string id;         // as declared
  std::string attribute;  // "bandwidth_file", ...
  std::string path;       // resolved
  std::size_t line = 0;
  Profile profile;
};

struct PlatformProfiles {
  std::vector<ProfiledElement> profiled;
  std::vector<std::string> problems;  // "file:line: ..."
};

// The profiles of `elements` (the tags of `file`), read and checked.
PlatformProfiles platform_profiles(const std::string& file,
                                   const std::vector<XmlElement>& elements);

}  // namespace dsdsi
