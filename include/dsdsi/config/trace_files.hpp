#pragma once
// The two trace formats a scenario can name, both JSONL (config/jsonl_file.hpp), read and checked
// when the scenario is loaded:
//
//   workload trace (`workload.arrival` of kind "trace"): one request per line,
//     {"arrival_ms": 0, "prompt_tokens": 212, "output_tokens": 90, "client": 2, "alpha": 0.74}
//     arrival_ms >= 0 and nondecreasing through the file; prompt_tokens, output_tokens >= 1;
//     optional client (0 to workload.clients - 1; checked against it by the arrival parameter);
//     optional acceptance of the request: alpha, or alphas by draft position (not both).
//   acceptance trace (`speculation.acceptance.file`): one record per line,
//     {"alpha": 0.74}  or  {"alphas": [0.9, 0.8, 0.7]}
//
// Checked lines are kept as JSON (the parameter's stored form), each with its "line" number.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// The keys of a line, declared like parameters (docs/workloads.md lists them).
std::vector<ParamSpec> workload_trace_keys();
std::vector<ParamSpec> acceptance_trace_keys();

struct TraceFileContents {
  nlohmann::json lines = nlohmann::json::array();  // the checked lines, each with "line" added
  std::vector<std::string> problems;               // "<file>:<line>: <key>: <what>"
};

TraceFileContents read_workload_trace(const std::filesystem::path& file);
TraceFileContents read_acceptance_trace(const std::filesystem::path& file);

// The acceptance a checked line gives: its "alpha" or its "alphas"; nullopt when it has neither.
std::optional<RequestAcceptanceRecord> acceptance_record_of(const nlohmann::json& line);

}  // namespace dsdsi
