#pragma once
// Per-entity random streams (ARCHITECTURE habit 7). Each client, server or policy draws from its
// own stream, derived from the scenario seed, a purpose name and a stable entity id, so adding a
// client or changing a policy does not shift anybody else's draws.
#include <cstdint>
#include <memory>
#include <random>
#include <string_view>

namespace dsdsi {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::string_view purpose, std::uint64_t entity_id);

  // Uniform in [0, 1) with 53 random bits. Written out rather than std::uniform_real_distribution
  // because the standard leaves that distribution's algorithm to the library, and golden
  // regression numbers must not depend on which libstdc++ built the binary.
  double uniform01() { return static_cast<double>(engine()() >> 11) * 0x1.0p-53; }

  std::uint64_t next_u64() { return engine()(); }

  // Standard normal by Box-Muller (one of the pair), from two uniform01() draws; written out
  // rather than std::normal_distribution for the same reason as uniform01().
  double standard_normal();

 private:
  // Seeded at the first draw, with the seed the constructor derived: the same sequence as one
  // seeded at once, but a stream nobody draws from (a client's workload stream when every
  // length and think time is fixed, say) costs 16 bytes instead of the engine's 2.5 KB: 250 MB
  // at 100,000 clients (docs/performance.md).
  std::mt19937_64& engine() {
    if (!engine_) engine_ = std::make_unique<std::mt19937_64>(seed_);
    return *engine_;
  }

  std::uint64_t seed_;
  std::unique_ptr<std::mt19937_64> engine_;  // its output sequence is fixed by the standard
};

// SplitMix64 finaliser: a bijective 64-bit mixer (Steele, Lea and Flood 2014).
std::uint64_t mix64(std::uint64_t x);

}  // namespace dsdsi
