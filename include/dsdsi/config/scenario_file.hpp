#pragma once
// Reading a scenario file into a JSON document. A file that cannot be read or is not JSON stops
// everything (nothing else can be checked); duplicate keys do not, they are reported together
// with the validation's problems.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace dsdsi {

class ProblemList;

// Reads `path` and parses it. Unreadable file or malformed JSON -> ConfigError with one problem
// naming the file (and the line and column for malformed JSON).
nlohmann::json read_scenario_file(const std::string& path, ProblemList& problems);

// Parses `text`; `source` names it in problems. Malformed -> ConfigError. A key given twice in
// one object is a problem (JSON parsers keep one of the two silently).
nlohmann::json parse_scenario_text(const std::string& text, const std::string& source,
                                   ProblemList& problems);

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
};
// Position of the 1-based byte `byte` (as nlohmann's parse_error::byte counts) in `text`.
TextPosition position_of_byte(const std::string& text, std::size_t byte);

}  // namespace dsdsi
