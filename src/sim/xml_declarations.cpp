#include "dsdsi/sim/xml_declarations.hpp"

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/input_file.hpp"
#include "dsdsi/sim/platform_structure.hpp"

namespace dsdsi {

std::map<std::string, int> xml_declaration_lines(const std::string& file, const std::string& tag) {
  std::map<std::string, int> lines;
  std::string text;
  try {
    text = read_input_file(file, kMaxReferencedFileBytes, "cannot read the platform");
  } catch (const ConfigError&) {
    return lines;  // the caller has read it already; this is only for line numbers
  }
  for (const auto& e : xml_elements(text)) {
    if (e.name != tag) continue;
    if (const auto id = xml_attribute(e.tag, "id")) {
      lines.emplace(*id, static_cast<int>(e.line));
    }
  }
  return lines;
}

}  // namespace dsdsi
