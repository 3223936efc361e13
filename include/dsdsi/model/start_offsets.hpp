#pragma once
// When a closed-loop client submits its first request (`workload.start`):
//   together    at time 0;
//   ramp        client c of N at c x over_ms / N (evenly spaced, deterministic);
//   stationary  after a draw of the think time's equilibrium (residual) distribution, whose
//               density is (1 - F(x)) / E[T]: the time left of a think period in progress when a
//               loop that has run for ever is observed. It is drawn as U x T*, with U uniform on
//               [0, 1) and T* the length-biased think time (density x f(x) / E[T]):
//                 fixed v          T* = v                     (residual uniform on [0, v))
//                 uniform [a, b]   T* = sqrt(a^2 + V (b^2 - a^2))
//                 lognormal(m, s)  T* = lognormal(m exp(s^2), s)
//                 list             T* = value v_i with probability v_i / sum(v)
//               A think time that is always 0 gives 0 (together).
#include <cstdint>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

// One draw of the equilibrium distribution of `think`.
double stationary_residual(const DistributionSpec& think, RandomStream& stream);

// Client `client`'s first submission time, from its own "start" stream (seed, client).
double first_submission_ms(const StartParams& start, const DistributionSpec& think,
                           std::int64_t client, std::int64_t clients, std::uint64_t seed);

}  // namespace dsdsi
