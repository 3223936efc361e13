#pragma once
// The ranges that every time, size, rate and count of a scenario stays within, used by the
// parameter table's rows (and so shown in docs/scenario.md). They are wide enough for any real
// deployment and narrow enough that nothing `validate` accepts can overflow a 64-bit integer,
// make a double infinite or NaN, or hand SimGrid a duration it cannot schedule (which it reports
// as "Deadlock detected"). The arithmetic behind each bound is stated next to it.
#include <cstddef>
#include <cstdint>

namespace dsdsi::limits {

// Any duration given in ms: about 11.6 days. Sums over a run (1e5 clients x 1e6 requests x 1e6
// tokens x this) stay far below a double's 1.8e308.
inline constexpr double kMaxMs = 1e9;
// A step time that must be > 0 (a time per token, per step): at least 1 ns, so that its inverse
// (a speed in flop/s given to SimGrid) stays finite.
inline constexpr double kMinStepMs = 1e-6;
// Arrival times of a workload trace: about 31 years.
inline constexpr double kMaxTraceMs = 1e12;
// Link bandwidths: 1 kbit/s to 1 Pbit/s (a transfer of the largest message then takes at most
// about 1e7 s, still a finite time SimGrid schedules).
inline constexpr double kMinMbps = 1e-3;
inline constexpr double kMaxMbps = 1e9;
// Edge clients of one run: each is one SimGrid actor or more, about 30 KiB of memory for one
// (30 GB at this limit); config/actor_budget.hpp bounds the actors of the scenario as a whole
// (modes with cloud-side receivers allow fewer clients).
inline constexpr std::int64_t kMaxClients = 1'000'000;
// Tokens of one request (prompt, output): 4 bytes each on the wire; with max_batch and gamma
// below, batched token counts stay below 1e11.
inline constexpr std::int64_t kMaxTokens = 1'000'000;
// Requests per client: with clients <= kMaxClients, the run's request count stays below 1e11.
inline constexpr std::int64_t kMaxRequestsPerClient = 1'000'000;
// Requests of one run (workload.clients x workload.requests_per_client): the summary keeps
// 64 bytes per request for its percentiles, so memory stays within a few GB (the measured cost
// is in docs/reliability.md).
inline constexpr std::int64_t kMaxRequestsPerRun = 10'000'000;
// Records (non-blank lines) of one trace file. Each checked record is kept as JSON until the
// scenario is built; a million records take about 4 s of CPU and 600 MB to validate (measured,
// docs/reliability.md), which is what `validate` of the largest allowed scenario may cost.
inline constexpr std::size_t kMaxTraceRecords = 1'000'000;
// Message header bytes.
inline constexpr std::int64_t kMaxHeaderBytes = 1'000'000;
// Requests in one verifier batch.
inline constexpr std::int64_t kMaxBatch = 65'536;
// KV-cache budget of one server, in tokens.
inline constexpr std::int64_t kMaxKvTokens = 1'000'000'000'000;
// Power of one device.
inline constexpr double kMaxWatts = 1e6;
// A lognormal's sigma: its largest draw is median x exp(sigma x 8.6) (Box-Muller's normal is
// at most 8.6 in magnitude), so with sigma <= 2 and median <= kMaxMedian a draw is < 3e16, which
// an int64 token count holds.
inline constexpr double kMaxSigma = 2;
inline constexpr double kMaxMedian = 1e9;
// Rates of arrivals per second (Poisson): the mean gap 1 / rate stays within kMaxMs.
inline constexpr double kMinRatePerS = 1e-6;
inline constexpr double kMaxRatePerS = 1e6;
// Rounds, requests, steps counted by a policy's settings.
inline constexpr std::int64_t kMaxCount = 1'000'000'000;

}  // namespace dsdsi::limits
