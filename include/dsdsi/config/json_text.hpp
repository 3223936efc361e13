#pragma once
// Parsing JSON text that comes from users (scenario files, trace lines, --set values) with the
// limits that keep everything after it bounded: nesting at most kMaxJsonDepth levels (so that
// printing, copying and checking a value never recurse deeper), numbers that a double can hold,
// and each key at most once per object. One parser for every input, so no reader forgets one.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/config/key_path.hpp"

namespace dsdsi {

// No scenario needs more than a handful of levels; 64 leaves room for any object a user writes
// and keeps recursive code (nlohmann's dump, copies, comparisons) far from the stack's limit.
inline constexpr std::size_t kMaxJsonDepth = 64;

enum class JsonTextErrorKind {
  malformed,        // not JSON (nlohmann's parse error)
  too_deep,         // arrays and objects nested more than kMaxJsonDepth levels
  number_overflow,  // a number beyond a double's range (1e400)
};

struct JsonTextError {
  JsonTextErrorKind kind = JsonTextErrorKind::malformed;
  std::string reason;    // what is wrong, without position
  KeyPath where;         // the value it was found in (empty: the top level)
  std::size_t byte = 0;  // 1-based offset, for malformed text (0 otherwise)
};

struct ParsedJsonText {
  nlohmann::json value;  // null when `error` is set
  std::optional<JsonTextError> error;
  std::vector<KeyPath> duplicate_keys;  // each key given a second time in one object
};

ParsedJsonText parse_json_text(const std::string& text);

}  // namespace dsdsi

namespace dsdsi {

// `value` as compact JSON, cut after about `max_chars` characters ("..." marks the cut). Walks
// the value without recursion and stops at the limit, so echoing any value in a message costs
// little whatever its size or depth. Bytes that are not UTF-8 (a --set value) are shown as U+FFFD.
std::string show_json_bounded(const nlohmann::json& value, std::size_t max_chars);

// Whether `text` is valid UTF-8 (JSON text always is; a --set value need not be).
bool is_valid_utf8(const std::string& text);

}  // namespace dsdsi
