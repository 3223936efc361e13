#pragma once
// A measured latency table on disk: how long one step takes at a number of batched tokens.
//
//   # Llama 3 8B, BF16, one H100 SXM: measured with vllm benchmark_latency ...
//   batched_tokens,ms
//   1,6.5
//   64,8.8
//
// `#` lines (anywhere) say where the numbers come from; blank lines are skipped. The first other
// line is the header, exactly `batched_tokens,ms`. Then at least two rows, batched_tokens strictly
// ascending and > 0, ms > 0. The file is read and checked when the scenario is loaded, so a bad
// table is refused before anything runs.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace dsdsi {

struct LatencyTableFile {
  std::vector<std::pair<double, double>> points;  // (batched_tokens, ms), ascending
  std::vector<std::string> problems;              // each "<file>:<line>: <what>" (or "<file>: ...")
};

// Reads and checks `file`. Every problem is reported (up to a limit, then how many more).
LatencyTableFile read_latency_table(const std::filesystem::path& file);

}  // namespace dsdsi
