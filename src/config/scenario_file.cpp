#include "dsdsi/config/scenario_file.hpp"

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/input_file.hpp"
#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {

using nlohmann::json;

TextPosition position_of_byte(const std::string& text, std::size_t byte) {
  TextPosition position;
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

json parse_scenario_text(const std::string& text, const std::string& source,
                         ProblemList& problems) {
  ParsedJsonText parsed = parse_json_text(text);
  if (parsed.error) {
    const JsonTextError& error = *parsed.error;
    if (error.kind == JsonTextErrorKind::malformed) {
      const TextPosition at = position_of_byte(text, error.byte);
      throw ConfigError({source + ": line " + std::to_string(at.line) + ", column " +
                         std::to_string(at.column) + ": malformed JSON: " + error.reason});
    }
    throw ConfigError({source + ": " + to_pointer(error.where) + ": " + error.reason});
  }
  for (const auto& where : parsed.duplicate_keys) {
    problems.add_from(source, to_pointer(where),
                      "duplicate key (each key may appear once in an object)");
  }
  return std::move(parsed.value);
}

json read_scenario_file(const std::string& path, ProblemList& problems) {
  const std::string text = read_input_file(path, kMaxScenarioFileBytes, "cannot read the scenario");
  return parse_scenario_text(text, path, problems);
}

}  // namespace dsdsi
