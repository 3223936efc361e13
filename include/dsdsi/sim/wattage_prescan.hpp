#pragma once
// SimGrid 3.32's energy plugin reads a host's `wattage_per_state` property while the platform
// file is being parsed, and aborts the process (not an exception) when it cannot: a value that is
// not numbers, or a number of groups other than the host's pstates. So dsdsi reads those values
// from the file's text before SimGrid does, and reports each bad one with its line.
#include <string>
#include <vector>

namespace dsdsi {

// "file:line: host "h": property wattage_per_state ..." for each value the plugin would refuse;
// empty when all are fine (or the file cannot be read: SimGrid's own loading reports that).
std::vector<std::string> wattage_problems(const std::string& file);

// Whether any host of the file declares wattage_per_state (energy is measured only then).
bool declares_wattage(const std::string& file);

}  // namespace dsdsi
