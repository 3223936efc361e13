#pragma once
// Where a value sits in a scenario document: the keys from the root down. Users write it dotted
// ("network.rtt_ms", in the parameter table and in --set) and read it back in messages as a JSON
// pointer (RFC 6901: "/network/rtt_ms"; the root is shown as "/").
#include <string>
#include <string_view>
#include <vector>

namespace dsdsi {

using KeyPath = std::vector<std::string>;

// "a.b" -> {"a", "b"}. Empty segments are kept ("a..b" -> {"a", "", "b"}) so callers can refuse.
KeyPath split_dotted(std::string_view dotted);
std::string to_dotted(const KeyPath& path);
// Escapes '~' and '/' inside keys as RFC 6901 requires, so any key can be pointed at.
std::string to_pointer(const KeyPath& path);
bool is_prefix(const KeyPath& prefix, const KeyPath& path);

}  // namespace dsdsi
