#pragma once
// --shard K/N: a deterministic 1/N of a sweep's points, for cluster job arrays. Point i belongs
// to shard K of N iff i % N == K - 1, so shards interleave (each gets a share of every part of
// the sweep, hence of the slow points too) and together hold every point exactly once.
#include <cstddef>
#include <string>

namespace dsdsi {

struct SweepShard {
  std::size_t k = 1;  // 1-based
  std::size_t n = 1;

  bool holds(std::size_t point_index) const { return point_index % n == k - 1; }
  std::string text() const;  // "K/N"
};

// Parses "K/N" (1 <= K <= N). Anything else -> ConfigError naming the argument and the rule.
SweepShard parse_shard(const std::string& text);

}  // namespace dsdsi
