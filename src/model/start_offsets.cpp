#include "dsdsi/model/start_offsets.hpp"

#include <cmath>
#include <numeric>

namespace dsdsi {

namespace {
// A draw of the length-biased think time T* (density x f(x) / E[T]).
double length_biased(const DistributionSpec& d, RandomStream& stream) {
  switch (d.kind) {
    case DistKind::fixed:
      return d.value;
    case DistKind::uniform: {
      const double v = stream.uniform01();
      return std::sqrt(d.min * d.min + v * (d.max * d.max - d.min * d.min));
    }
    case DistKind::lognormal:
      // x f(x) of a lognormal is proportional to the lognormal with log-mean shifted by s^2.
      return d.median * std::exp(d.sigma * d.sigma) * std::exp(d.sigma * stream.standard_normal());
    case DistKind::list: {
      const double total = std::accumulate(d.values.begin(), d.values.end(), 0.0);
      if (total <= 0) return 0;
      double target = stream.uniform01() * total;
      for (const double v : d.values) {
        if (target < v) return v;
        target -= v;
      }
      return d.values.back();
    }
  }
  return 0;
}
}  // namespace

double stationary_residual(const DistributionSpec& think, RandomStream& stream) {
  const double biased = length_biased(think, stream);
  return stream.uniform01() * biased;
}

double first_submission_ms(const StartParams& start, const DistributionSpec& think,
                           std::int64_t client, std::int64_t clients, std::uint64_t seed) {
  switch (start.kind) {
    case StartKind::together:
      return 0;
    case StartKind::ramp:
      return static_cast<double>(client) * start.over_ms / static_cast<double>(clients);
    case StartKind::stationary: {
      RandomStream stream(seed, "start", static_cast<std::uint64_t>(client));
      return stationary_residual(think, stream);
    }
  }
  return 0;
}

}  // namespace dsdsi
