#pragma once
// The terminal view of summary.json. summary.json stays the reference; this text is for people
// and may change format freely.
#include <nlohmann/json.hpp>
#include <string>

namespace dsdsi {

// A short multi-line text (each line ends with '\n') of a summary as built by
// SummaryAccumulator::finish: requests, output tokens, rounds, tokens/round, acceptance, a small
// aligned table of TTFT/TPOT/E2E (mean, p50, p95, p99 in ms), throughput, server busy %, WAN
// bytes up/down in decimal units (kB = 1000 B, as network volumes are usually quoted). The mode
// line is left to the caller. A null or missing metric prints as "n/a".
std::string format_human_summary(const nlohmann::ordered_json& summary);

}  // namespace dsdsi
