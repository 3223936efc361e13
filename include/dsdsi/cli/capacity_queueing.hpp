#pragma once
// The warning of `dsdsi capacity` when its answer was limited by no SLO on queueing. An SLO on
// TPOT alone says nothing of the wait before the first token: a server can admit ever more
// clients while their requests queue for seconds, each then decoding at an acceptable pace.
// The rule: when no --slo bounds TTFT or E2E (the latencies that include that wait) and the
// p95 TTFT at the capacity is more than kQueueingGrowthLimit times its value at --min clients
// (1 by default: no queueing), the answer is flagged. The factor 10 is a judgement, stated as
// such: at 10x the first token waits about nine unloaded TTFTs, so the wait, not the model, is
// what users would notice; far above the spread of TTFT between one client and a few.
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/cli/capacity_report.hpp"
#include "dsdsi/cli/slo.hpp"

namespace dsdsi::cli {

inline constexpr double kQueueingGrowthLimit = 10;

// Whether some SLO bounds a latency that includes queueing for the first token (TTFT, E2E).
bool slos_bound_queueing(const std::vector<Slo>& slos);

// The warning text for one mode's finished search, or nullopt: none when an SLO bounds TTFT or
// E2E, when there is no capacity, or when either p95 TTFT (at --min, at the capacity) is missing
// or not positive.
std::optional<std::string> queueing_warning(const ModeOutcome& outcome,
                                            const std::vector<Slo>& slos);

}  // namespace dsdsi::cli
