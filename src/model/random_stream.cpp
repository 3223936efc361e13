#include "dsdsi/model/random_stream.hpp"

#include <cmath>

namespace dsdsi {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace {
// FNV-1a: a stable hash of the purpose name (std::hash is not stable across libraries).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}
}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::string_view purpose, std::uint64_t entity_id)
    : seed_(mix64(mix64(seed) ^ mix64(fnv1a(purpose)) ^ mix64(entity_id + 0x632be59bd9b4e019ULL))) {
}

double RandomStream::standard_normal() {
  const double u1 = 1.0 - uniform01();  // in (0, 1]
  const double u2 = uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

}  // namespace dsdsi
