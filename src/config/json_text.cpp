#include "dsdsi/config/json_text.hpp"

#include <set>

namespace dsdsi {
namespace {

using nlohmann::json;

// Thrown from the parser's callback to stop at the first level too deep (nlohmann's parser lets
// an exception from the callback through and frees what it had built).
struct TooDeep {};

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 2,
// column 8: " (the position is reported separately) or "[json.exception.out_of_range.406] ".
std::string reason_of(const json::exception& error) {
  const std::string what = error.what();
  const std::size_t at = what.find("parse error");
  if (at != std::string::npos) {
    const std::size_t colon = what.find(": ", at);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  const std::size_t bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

// Follows the parser's events to know where it is: the path of each value (for duplicate keys
// and for a number or a level found bad while parsing) and the depth.
class PathTracker {
 public:
  explicit PathTracker(std::vector<KeyPath>& duplicates) : duplicates_(duplicates) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (frames_.size() >= kMaxJsonDepth) throw TooDeep{};
        frames_.push_back({event == json::parse_event_t::array_start, {}, 0, {}});
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

  // The path of the value being parsed.
  KeyPath where() const {
    KeyPath path;
    for (const auto& frame : frames_) {
      path.push_back(frame.is_array ? std::to_string(frame.index) : frame.key);
    }
    return path;
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
    top.key = key;
    if (!top.keys.insert(key).second) duplicates_.push_back(where());
  }

  void element_done() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().index;
  }

  std::vector<KeyPath>& duplicates_;
  std::vector<Frame> frames_;
};

}  // namespace

ParsedJsonText parse_json_text(const std::string& text) {
  ParsedJsonText parsed;
  PathTracker tracker(parsed.duplicate_keys);
  try {
    parsed.value = json::parse(text, [&tracker](int, json::parse_event_t event, json& value) {
      return tracker.on_event(event, value);
    });
  } catch (const TooDeep&) {
    parsed.error = JsonTextError{
        JsonTextErrorKind::too_deep,
        "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep (arrays and objects)",
        tracker.where(), 0};
  } catch (const json::parse_error& error) {
    parsed.error =
        JsonTextError{JsonTextErrorKind::malformed, reason_of(error), tracker.where(), error.byte};
  } catch (const json::out_of_range& error) {
    // 406: "number overflow parsing '1e400'": a double cannot hold it.
    parsed.error = JsonTextError{
        JsonTextErrorKind::number_overflow,
        reason_of(error) + " (beyond the range of a double, about 1.8e308)", tracker.where(), 0};
  }
  if (parsed.error) {
    parsed.value = nullptr;
    parsed.duplicate_keys.clear();
  }
  return parsed;
}

}  // namespace dsdsi

namespace dsdsi {

std::string show_json_bounded(const nlohmann::json& value, std::size_t max_chars) {
  using nlohmann::json;
  const auto scalar = [](const json& v) {
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  // Each frame is an array or object being printed and the next element to print.
  struct Frame {
    const json* container;
    json::const_iterator next;
  };
  std::string text;
  std::vector<Frame> stack;
  const auto open = [&](const json& v) {
    if (v.is_structured()) {
      text += v.is_array() ? '[' : '{';
      stack.push_back({&v, v.cbegin()});
    } else {
      text += scalar(v);
    }
  };
  open(value);
  while (!stack.empty() && text.size() <= max_chars) {
    Frame& top = stack.back();
    if (top.next == top.container->cend()) {
      text += top.container->is_array() ? ']' : '}';
      stack.pop_back();
      continue;
    }
    if (top.next != top.container->cbegin()) text += ',';
    const auto element = top.next++;
    if (top.container->is_object()) text += scalar(json(element.key())) + ':';
    open(*element);  // may invalidate `top`
  }
  if (text.size() > max_chars) text = text.substr(0, max_chars >= 3 ? max_chars - 3 : 0) + "...";
  return text;
}

}  // namespace dsdsi

namespace dsdsi {

bool is_valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();  // the strict error handler checks every byte sequence
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
  return true;
}

}  // namespace dsdsi
