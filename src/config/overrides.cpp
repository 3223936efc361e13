#include "dsdsi/config/overrides.hpp"

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// Why `arg` is not a usable PATH=VALUE, or "" when it is.
std::string malformation(const std::string& arg) {
  const std::size_t equals = arg.find('=');
  if (equals == std::string::npos) {
    return "--set takes PATH=VALUE as one argument, e.g. --set " + arg + "=VALUE";
  }
  if (equals == 0) return "the PATH before '=' is empty (expected PATH=VALUE)";
  for (const auto& key : split_dotted(std::string_view(arg).substr(0, equals))) {
    if (key.empty()) {
      return "empty key in PATH \"" + arg.substr(0, equals) +
             "\" (keys are separated by single dots)";
    }
  }
  return "";
}

// `text` with every byte beyond ASCII written as \xNN, for a message about text that is not
// valid UTF-8 (the message itself must stay printable and storable as JSON).
std::string ascii_escaped(const std::string& text) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

}  // namespace

std::vector<Override> parse_overrides(const std::vector<std::string>& set_args) {
  std::vector<Override> overrides;
  std::vector<std::string> problems;
  for (const auto& arg : set_args) {
    const std::string why = malformation(arg);
    if (!why.empty()) {
      problems.push_back("--set " + arg + ": " + why);
      continue;
    }
    const std::size_t equals = arg.find('=');
    // The key lands in run.json too (inside `sweep` it is kept as given), so it must be valid
    // UTF-8 (found by fuzzing); the message shows its bytes beyond ASCII escaped.
    if (!is_valid_utf8(arg.substr(0, equals))) {
      problems.push_back("--set " + ascii_escaped(arg.substr(0, equals)) +
                         "=...: the key must be valid UTF-8 text");
      continue;
    }
    const std::string value_text = arg.substr(equals + 1);
    // 20 is a number, true a boolean, {"a": 1} an object; anything that is not JSON (dsd_sync,
    // platforms/x.xml) is the string itself, so users need not quote strings in the shell.
    // JSON too deep or a number too large is JSON the user meant, not a string.
    ParsedJsonText parsed = parse_json_text(value_text);
    if (parsed.error && parsed.error->kind != JsonTextErrorKind::malformed) {
      const KeyPath& inside = parsed.error->where;
      problems.push_back("--set " + arg.substr(0, equals) + "=...: " +
                         (inside.empty() ? "" : to_pointer(inside) + ": ") + parsed.error->reason);
      continue;
    }
    // A value taken as a string must be valid UTF-8 wherever it lands (run.json must stay valid
    // JSON), also inside a block kept as given, such as `sweep` (found by fuzzing).
    if (parsed.error && !is_valid_utf8(value_text)) {
      problems.push_back("--set " + arg.substr(0, equals) + "=...: " +
                         to_pointer(split_dotted(arg.substr(0, equals))) +
                         ": must be valid UTF-8 text");
      continue;
    }
    json value = parsed.error ? json(value_text) : std::move(parsed.value);
    overrides.push_back({arg.substr(0, equals), std::move(value), arg, ""});
  }
  if (!problems.empty()) throw ConfigError(problems);
  return overrides;
}

std::string override_source(const Override& override_) {
  return override_.source.empty() ? "--set " + override_.text : override_.source;
}

namespace {

// PATH=null takes the key out, as if the file did not give it: the way back to a default (or,
// for `platform`, to the generated network) without a second scenario file.
void remove_key(json& document, const KeyPath& path) {
  json* node = &document;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    const auto found = node->find(path[i]);
    if (found == node->end() || !found->is_object()) return;
    node = &*found;
  }
  node->erase(path.back());
}

}  // namespace

void apply_overrides(json& document, const std::vector<Override>& overrides,
                     ProblemList& problems) {
  for (const auto& override_ : overrides) {
    const KeyPath path = split_dotted(override_.path);
    if (override_.value.is_null()) {
      remove_key(document, path);
      continue;
    }
    json* node = &document;
    KeyPath walked;
    bool blocked = false;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      walked.push_back(path[i]);
      auto found = node->find(path[i]);
      if (found == node->end()) {
        node = &((*node)[path[i]] = json::object());
      } else if (found->is_object()) {
        node = &*found;
      } else {
        problems.add_from(override_source(override_), to_pointer(walked),
                          "cannot set " + to_pointer(path) + ": " + to_pointer(walked) + " is " +
                              show_value(*found) + ", not an object");
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    (*node)[path.back()] = override_.value;
    problems.attribute_to(path, override_source(override_));
  }
}

}  // namespace dsdsi
