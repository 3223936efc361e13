#include "dsdsi/model/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dsdsi {

namespace {
// Standard normal by Box-Muller, from the stream's own uniforms (not std::normal_distribution,
// whose algorithm the standard leaves to the library).
double standard_normal(RandomStream& stream) {
  const double u1 = 1.0 - stream.uniform01();  // in (0, 1]
  const double u2 = stream.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}
}  // namespace

double sample(const DistributionSpec& d, RandomStream& stream) {
  switch (d.kind) {
    case DistKind::fixed:
      return d.value;
    case DistKind::uniform:
      return d.min + (d.max - d.min) * stream.uniform01();
    case DistKind::lognormal:
      return d.median * std::exp(d.sigma * standard_normal(stream));
    case DistKind::list: {
      const auto n = d.values.size();
      const auto i =
          std::min(static_cast<std::size_t>(stream.uniform01() * static_cast<double>(n)), n - 1);
      return d.values[i];
    }
  }
  return d.value;
}

std::int64_t sample_tokens(const DistributionSpec& dist, RandomStream& stream) {
  return std::max<std::int64_t>(1, std::llround(sample(dist, stream)));
}

double mean(const DistributionSpec& d) {
  switch (d.kind) {
    case DistKind::fixed:
      return d.value;
    case DistKind::uniform:
      return (d.min + d.max) / 2;
    case DistKind::lognormal:
      return d.median * std::exp(d.sigma * d.sigma / 2);
    case DistKind::list:
      return std::accumulate(d.values.begin(), d.values.end(), 0.0) /
             static_cast<double>(d.values.size());
  }
  return d.value;
}

}  // namespace dsdsi
