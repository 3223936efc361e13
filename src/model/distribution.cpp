#include "dsdsi/model/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dsdsi {

double sample(const DistributionSpec& d, RandomStream& stream) {
  switch (d.kind) {
    case DistKind::fixed:
      return d.value;
    case DistKind::uniform:
      return d.min + (d.max - d.min) * stream.uniform01();
    case DistKind::lognormal:
      return d.median * std::exp(d.sigma * stream.standard_normal());
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
