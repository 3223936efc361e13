#include "dsdsi/config/key_path.hpp"

#include <algorithm>

namespace dsdsi {

KeyPath split_dotted(std::string_view dotted) {
  KeyPath path;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    path.emplace_back(dotted.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

std::string to_dotted(const KeyPath& path) {
  std::string text;
  for (const auto& key : path) {
    if (!text.empty()) text += '.';
    text += key;
  }
  return text;
}

std::string to_pointer(const KeyPath& path) {
  if (path.empty()) return "/";
  std::string text;
  for (const auto& key : path) {
    text += '/';
    for (const char c : key) {
      if (c == '~') {
        text += "~0";
      } else if (c == '/') {
        text += "~1";
      } else {
        text += c;
      }
    }
  }
  return text;
}

bool is_prefix(const KeyPath& prefix, const KeyPath& path) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

}  // namespace dsdsi
