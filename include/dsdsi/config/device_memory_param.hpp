#pragma once
// A device class's memory (docs/energy.md, "Memory"): `memory_gb`, the draft model's
// `draft_model_gb` and its `kv_bytes_per_token`, as `edge.<key>` for the single class and as keys
// of each `edge.devices` element. The draft model must fit; what is left holds the KV cache of
// the request being drafted, and a request whose prompt plus output needs more is decoded in the
// cloud instead (dsd_sync and dsd_pipelined only: the other modes have no cloud to send it to or
// no draft model on the device).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {

// The rows `edge.memory_gb`, `edge.draft_model_gb`, `edge.kv_bytes_per_token`.
std::vector<ParamSpec> edge_memory_rows();
// The same keys in an `edge.devices` element.
std::vector<ParamSpec> device_memory_keys();
DeviceMemory device_memory_of(const nlohmann::json& element);

// Each class's keys go together and the draft model fits (problems at the keys' paths).
void check_device_memory(const Scenario& s, ProblemList& problems);

// The most context tokens (prompt + output) a device of `memory` can hold; none: no limit (no
// `kv_bytes_per_token`).
std::optional<std::int64_t> context_capacity_tokens(const DeviceMemory& memory);

}  // namespace dsdsi
