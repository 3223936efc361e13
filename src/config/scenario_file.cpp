#include "dsdsi/config/scenario_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 2, column 8:
// syntax error ..."; the position is given separately, so keep only what follows it.
std::string parse_error_reason(const json::parse_error& error) {
  const std::string what = error.what();
  const std::size_t at = what.find("parse error");
  const std::size_t colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Follows the parser's events to know the path of each key, so that a key seen twice in the
// same object can be reported with its JSON pointer.
class DuplicateKeyFinder {
 public:
  DuplicateKeyFinder(ProblemList& problems, std::string source)
      : problems_(problems), source_(std::move(source)) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        frames_.push_back({false, {}, 0, {}});
        break;
      case json::parse_event_t::array_start:
        frames_.push_back({true, {}, 0, {}});
        break;
      case json::parse_event_t::key:
        on_key(parsed.get<std::string>());
        break;
      case json::parse_event_t::value:
        element_done();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_array;
    std::string key;    // the member being parsed, in an object
    std::size_t index;  // the element being parsed, in an array
    std::set<std::string> keys;
  };

  void on_key(const std::string& key) {
    Frame& top = frames_.back();
    if (!top.keys.insert(key).second) {
      KeyPath where;
      for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
        where.push_back(frames_[i].is_array ? std::to_string(frames_[i].index) : frames_[i].key);
      }
      where.push_back(key);
      problems_.add_from(source_, to_pointer(where),
                         "duplicate key (each key may appear once in an object)");
    }
    top.key = key;
  }

  void element_done() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  ProblemList& problems_;
  std::string source_;
  std::vector<Frame> frames_;
};

}  // namespace

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
  DuplicateKeyFinder finder(problems, source);
  try {
    return json::parse(text, [&finder](int, json::parse_event_t event, json& parsed) {
      return finder.on_event(event, parsed);
    });
  } catch (const json::parse_error& error) {
    const TextPosition at = position_of_byte(text, error.byte);
    throw ConfigError({source + ": line " + std::to_string(at.line) + ", column " +
                       std::to_string(at.column) +
                       ": malformed JSON: " + parse_error_reason(error)});
  }
}

json read_scenario_file(const std::string& path, ProblemList& problems) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) {
    throw ConfigError({path + ": cannot read the scenario: no such file"});
  }
  if (std::filesystem::is_directory(status)) {
    throw ConfigError({path + ": cannot read the scenario: it is a directory"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ConfigError({path + ": cannot read the scenario: " + std::strerror(errno)});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError({path + ": cannot read the scenario: read error"});
  return parse_scenario_text(text.str(), path, problems);
}

}  // namespace dsdsi
