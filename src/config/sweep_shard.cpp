#include "dsdsi/config/sweep_shard.hpp"

#include <cctype>

#include "dsdsi/config/config_error.hpp"

namespace dsdsi {
namespace {

// Digits only (no sign, no spaces, no "1e2"), at most 9 of them: a shard count beyond that is
// a typo, not a cluster.
bool parse_count(const std::string& text, std::size_t& value) {
  if (text.empty() || text.size() > 9) return false;
  value = 0;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

}  // namespace

std::string SweepShard::text() const { return std::to_string(k) + "/" + std::to_string(n); }

SweepShard parse_shard(const std::string& text) {
  const std::string prefix = "--shard " + text + ": ";
  const std::size_t slash = text.find('/');
  SweepShard shard;
  if (slash == std::string::npos || !parse_count(text.substr(0, slash), shard.k) ||
      !parse_count(text.substr(slash + 1), shard.n)) {
    throw ConfigError({prefix + "expected K/N with whole numbers, e.g. --shard 2/8"});
  }
  if (shard.n < 1) throw ConfigError({prefix + "N must be at least 1"});
  if (shard.k < 1 || shard.k > shard.n) {
    throw ConfigError({prefix + "K must be between 1 and N (shards are numbered 1.." +
                       std::to_string(shard.n) + ")"});
  }
  return shard;
}

}  // namespace dsdsi
