#pragma once
// What SimGrid 3.32 aborts on (the process dies, no exception to catch) while it parses a
// platform file, found in the file's text before SimGrid reads it, and reported with the line:
// - a host's `wattage_per_state` that the energy plugin cannot read (not numbers, or not one
//   group per pstate);
// - a zone `routing` kind SimGrid does not know ("Not a valid model!");
// - a WIFI link with a latency other than 0.
#include <string>
#include <vector>

namespace dsdsi {

// "file:line: ..." for each; empty when there are none (or the file cannot be read: SimGrid's
// own loading reports that).
std::vector<std::string> platform_prescan_problems(const std::string& file);

// Whether any host of the file declares wattage_per_state (energy is measured only then).
bool declares_wattage(const std::string& file);

}  // namespace dsdsi
