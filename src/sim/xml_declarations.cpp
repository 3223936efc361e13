#include "dsdsi/sim/xml_declarations.hpp"

#include <fstream>
#include <regex>

namespace dsdsi {

std::map<std::string, int> xml_declaration_lines(const std::string& file, const std::string& tag) {
  std::map<std::string, int> lines;
  std::ifstream in(file);
  const std::regex opening("<" + tag + R"(\b[^>]*\bid\s*=\s*["']([^"']*)["'])");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    for (std::sregex_iterator it(line.begin(), line.end(), opening), end; it != end; ++it) {
      lines.emplace((*it)[1].str(), number);
    }
  }
  return lines;
}

}  // namespace dsdsi
