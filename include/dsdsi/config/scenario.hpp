#pragma once
// A scenario as the simulator uses it: every value typed, validated and defaulted. Built only by
// load_scenario() from the parameter table (parameter_table.hpp), which is the one place that
// names, documents, defaults and range-checks each field below.
#include <cstdint>
#include <string>

#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi {

enum class NetworkModel { exact, tcp };

struct NetworkParams {
  double rtt_ms = 0;           // generated star only: round-trip latency edge <-> cloud
  double uplink_mbps = 0;      // generated star only: each edge host's uplink
  double downlink_mbps = 0;    // generated star only: each edge host's downlink
  double cloud_link_gbps = 0;  // generated star only: the cloud host's own link, shared by all
  NetworkModel model = NetworkModel::exact;
  std::int64_t header_bytes = 0;  // per-message header added to every payload
};

struct EdgeParams {
  double draft_ms_per_token = 0;
  double prefill_ms_per_token = 0;
};

struct CloudParams {
  double verify_ms = 0;             // target: verify gamma+1 positions for one batch
  double ar_step_ms = 0;            // target: one autoregressive step for one batch
  double draft_ms_per_token = 0;    // co-located draft model on the cloud GPU
  double prefill_ms_per_token = 0;  // target prefill, per prompt token
  std::int64_t max_batch = 0;
  double batch_window_ms = 0;
};

enum class AcceptanceKind { bernoulli };

struct AcceptanceParams {
  AcceptanceKind kind = AcceptanceKind::bernoulli;
  double alpha = 0;
};

struct SpeculationParams {
  std::int64_t gamma = 0;
  AcceptanceParams acceptance;
};

struct WorkloadParams {
  std::int64_t clients = 0;
  std::int64_t requests_per_client = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;
  double think_ms = 0;
};

struct Scenario {
  std::int64_t schema_version = 0;
  std::string description;
  std::uint64_t seed = 0;
  DecodingMode mode = DecodingMode::dsd_sync;
  // Empty: generate a star platform from `network`. Otherwise an absolute or scenario-relative
  // path already resolved to something openable by load_scenario().
  std::string platform_file;
  NetworkParams network;
  EdgeParams edge;
  CloudParams cloud;
  SpeculationParams speculation;
  WorkloadParams workload;
};

}  // namespace dsdsi
