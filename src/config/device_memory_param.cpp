#include "dsdsi/config/device_memory_param.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace dsdsi {

namespace {

using nlohmann::json;

constexpr double kBytesPerGb = 1e9;
// A phone has a few GB, an edge server a few hundred; 100 TB only stops a unit slip.
constexpr double kMaxGb = 1e5;
// fp16 KV of a 405B model is about 0.5 MB per token; 1e9 B only stops a unit slip.
constexpr double kMaxKvBytes = 1e9;

struct MemoryKey {
  const char* key;
  const char* unit;
  const char* meaning;
  double min;
  double max;
  double DeviceMemory::*member;
};

const std::vector<MemoryKey>& memory_keys() {
  static const std::vector<MemoryKey> keys{
      {"memory_gb", "GB",
       "Memory of the device for the draft model and its KV cache, in 10^9 bytes. With "
       "`draft_model_gb`.",
       1e-3, kMaxGb, &DeviceMemory::memory_gb},
      {"draft_model_gb", "GB",
       "Size of the draft model's weights on the device; a model larger than `memory_gb` is "
       "refused.",
       1e-6, kMaxGb, &DeviceMemory::draft_model_gb},
      {"kv_bytes_per_token", "bytes/token",
       "KV cache of the draft model per context token. A request whose prompt plus output "
       "tokens need more than `memory_gb` - `draft_model_gb` is decoded in the cloud instead "
       "(dsd_sync and dsd_pipelined only). Absent: no limit on the context.",
       1, kMaxKvBytes, &DeviceMemory::kv_bytes_per_token},
  };
  return keys;
}

Param memory_param(const std::string& path, const MemoryKey& key) {
  return Param::number(path, key.unit, key.meaning).optional().at_least(key.min).at_most(key.max);
}

std::string gb_text(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", x);
  return buffer;
}

// One class's keys, at `where` (the edge object, or a device element).
void check_class(const DeviceMemory& m, const KeyPath& where, DecodingMode mode,
                 ProblemList& problems) {
  const auto at = [&where](const char* key) {
    KeyPath path = where;
    path.emplace_back(key);
    return path;
  };
  const bool memory = m.memory_gb > 0, draft = m.draft_model_gb > 0, kv = m.kv_bytes_per_token > 0;
  if (memory && !draft) problems.add(at("memory_gb"), "needs draft_model_gb too (what must fit)");
  if (draft && !memory) problems.add(at("draft_model_gb"), "needs memory_gb too (where it fits)");
  if (kv && !(memory && draft)) {
    problems.add(at("kv_bytes_per_token"), "needs memory_gb and draft_model_gb too");
  }
  if (memory && draft && m.draft_model_gb > m.memory_gb) {
    problems.add(at("draft_model_gb"), "the draft model (" + gb_text(m.draft_model_gb) +
                                           " GB) does not fit in the device's memory_gb (" +
                                           gb_text(m.memory_gb) + " GB)");
  }
  if (kv && mode != DecodingMode::dsd_sync && mode != DecodingMode::dsd_pipelined) {
    problems.add(at("kv_bytes_per_token"),
                 "only in dsd_sync and dsd_pipelined, where a request too long for the device "
                 "can be decoded in the cloud instead");
  }
}

}  // namespace

std::vector<ParamSpec> edge_memory_rows() {
  std::vector<ParamSpec> rows;
  for (const MemoryKey& key : memory_keys()) {
    const auto member = key.member;
    rows.push_back(memory_param(std::string("edge.") + key.key, key)
                       .only_when_absent("platform", "platform files' hosts have no memory yet")
                       .store_with([member](Scenario& s, const json& value) {
                         s.edge.memory.*member = value.get<double>();
                       }));
  }
  return rows;
}

std::vector<ParamSpec> device_memory_keys() {
  std::vector<ParamSpec> keys;
  for (const MemoryKey& key : memory_keys())
    keys.push_back(memory_param(key.key, key).not_stored());
  return keys;
}

DeviceMemory device_memory_of(const json& element) {
  DeviceMemory memory;
  for (const MemoryKey& key : memory_keys()) {
    if (element.contains(key.key)) memory.*key.member = element.at(key.key).get<double>();
  }
  return memory;
}

void check_device_memory(const Scenario& s, ProblemList& problems) {
  if (s.edge.devices.empty()) {
    check_class(s.edge.memory, {"edge"}, s.mode, problems);
  }
  for (std::size_t i = 0; i < s.edge.devices.size(); ++i) {
    check_class(s.edge.devices[i].memory, {"edge", "devices", std::to_string(i)}, s.mode, problems);
  }
}

std::optional<std::int64_t> context_capacity_tokens(const DeviceMemory& m) {
  if (m.kv_bytes_per_token <= 0) return std::nullopt;
  const double free_bytes = (m.memory_gb - m.draft_model_gb) * kBytesPerGb;
  return static_cast<std::int64_t>(std::floor(free_bytes / m.kv_bytes_per_token));
}

}  // namespace dsdsi
