// The scenario schema's rows for the platform that the generated star builds and the hosts on
// it: `network.*`, `edge.*`, `cloud.*` (parameter_table.cpp puts them in the table, in order).
#include <algorithm>

#include "dsdsi/config/device_memory_param.hpp"
#include "dsdsi/config/device_param.hpp"
#include "dsdsi/config/distribution_param.hpp"
#include "dsdsi/config/latency_param.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/radio_param.hpp"
#include "dsdsi/config/param_builder.hpp"
#include "parameter_rows.hpp"

namespace dsdsi {
namespace {

// Why the generated star's own parameters are refused next to a platform file: they would be
// silently ignored.
const char* const kPlatformDefinesNetwork = "the platform file defines the network";

// The batched tokens each latency model is asked for, as the simulator counts them
// (model/batch_cost.cpp), and the most a scenario can form.
TokenDemand verify_tokens() {
  return {"the sum over the batch of (window + 1)",
          "`cloud.max_batch` x (`speculation.gamma` + 1)",
          {"cloud.max_batch", "speculation.gamma"},
          [](const std::vector<double>& v) { return v.at(0) * (v.at(1) + 1); }};
}
TokenDemand per_request_tokens() {
  return {"one per request in the batch",
          "`cloud.max_batch`",
          {"cloud.max_batch"},
          [](const std::vector<double>& v) { return v.at(0); }};
}
TokenDemand prefill_tokens() {
  // A prompt length given as a distribution or by a workload trace: config/cross_checks.cpp.
  return {"the prompt tokens of the batch's requests",
          "`cloud.max_batch` x the longest prompt (`workload.prompt_tokens`, or the workload "
          "trace's), or `cloud.max_batched_tokens` if that is smaller",
          {"cloud.max_batch", "workload.prompt_tokens", "cloud.max_batched_tokens"},
          [](const std::vector<double>& v) {
            const double whole = v.at(0) * v.at(1);
            const double cap = v.at(2);  // 0: no cap on batched tokens per step
            return cap > 0 ? std::min(whole, cap) : whole;
          }};
}
TokenDemand edge_draft_tokens() {
  return {"always 1 (an edge device drafts alone, one token per step)",
          "",
          {},
          [](const std::vector<double>&) { return 1.0; }};
}

}  // namespace

std::vector<ParamSpec> network_and_host_rows() {
  using S = Scenario;
  std::vector<ParamSpec> rows{
      distribution_param("network.rtt_ms", "ms",
                         "Round-trip latency between each edge host and the cloud host: a number, "
                         "or a distribution drawn once per client (from the client's own stream).",
                         Param::number("value", "ms", "").at_least(0).at_most(limits::kMaxMs))
          .default_to(50)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store_converted(distribution_of, &S::network, &NetworkParams::rtt_ms),
      distribution_param("network.jitter_ms", "ms",
                         "Extra delay of every message, drawn per message and added to its "
                         "one-way latency; a message is never delivered before the one sent "
                         "before it on the same connection (docs/platforms.md). 0: none.",
                         Param::number("value", "ms", "").at_least(0).at_most(limits::kMaxMs))
          .default_to(0)
          .store_converted(distribution_of, &S::network, &NetworkParams::jitter_ms),
      Param::number("network.uplink_mbps", "Mbit/s",
                    "Bandwidth of each edge host's uplink (edge to cloud).")
          .default_to(20)
          .at_least(limits::kMinMbps)
          .at_most(limits::kMaxMbps)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::uplink_mbps),
      Param::number("network.downlink_mbps", "Mbit/s",
                    "Bandwidth of each edge host's downlink (cloud to edge).")
          .default_to(100)
          .at_least(limits::kMinMbps)
          .at_most(limits::kMaxMbps)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::downlink_mbps),
      Param::number("network.cloud_link_gbps", "Gbit/s",
                    "Bandwidth of the cloud host's own link, shared by all clients.")
          .default_to(100)
          .at_least(limits::kMinMbps / 1e3)
          .at_most(limits::kMaxMbps / 1e3)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::cloud_link_gbps),
      Param::integer("network.shared_uplink.clients_per_link", "clients",
                     "Clients behind each shared access link (a cell, a home router): clients "
                     "0..n-1 share the first, n..2n-1 the next, and so on. With `uplink_mbps` and "
                     "`downlink_mbps`. Absent: no shared links.")
          .optional()
          .at_least(1)
          .at_most(limits::kMaxClients)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::shared_uplink, &SharedUplink::clients_per_link),
      Param::number("network.shared_uplink.uplink_mbps", "Mbit/s",
                    "Bandwidth of each shared access link towards the cloud, shared by its "
                    "clients' concurrent transfers (on top of each client's own uplink).")
          .optional()
          .at_least(limits::kMinMbps)
          .at_most(limits::kMaxMbps)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::shared_uplink, &SharedUplink::uplink_mbps),
      Param::number("network.shared_uplink.downlink_mbps", "Mbit/s",
                    "Bandwidth of each shared access link towards the edge.")
          .optional()
          .at_least(limits::kMinMbps)
          .at_most(limits::kMaxMbps)
          .only_when_absent("platform", kPlatformDefinesNetwork)
          .store(&S::network, &NetworkParams::shared_uplink, &SharedUplink::downlink_mbps),
      Param::choice("network.model",
                    "`exact`: a transfer takes latency + size / bandwidth (bandwidth shared "
                    "fairly); `tcp`: SimGrid's TCP-calibrated model (latency and window effects).")
          .default_to("exact")
          .store_enum<NetworkModel>({{"exact", NetworkModel::exact}, {"tcp", NetworkModel::tcp}},
                                    &S::network, &NetworkParams::model),
      Param::integer("network.header_bytes", "bytes",
                     "Header added to the payload of every message.")
          .default_to(40)
          .at_least(0)
          .at_most(limits::kMaxHeaderBytes)
          .store(&S::network, &NetworkParams::header_bytes),

      latency_model_param("edge.draft",
                          "Latency model of one step of the edge's draft model (one token).",
                          edge_draft_tokens())
          .store_converted(latency_spec_of, &S::edge, &EdgeParams::draft),
      Param::number("edge.draft_ms_per_token", "ms/token",
                    "Time the edge's draft model takes to produce one token: shorthand for a "
                    "constant `edge.draft`.")
          .default_to(10)
          .at_least(limits::kMinStepMs)
          .at_most(limits::kMaxMs)
          .alternative_to("edge.draft",
                          "/edge/draft_ms_per_token is the shorthand for a constant "
                          "/edge/draft")
          .store(&S::edge, &EdgeParams::draft_ms_per_token),
      Param::number("edge.prefill_ms_per_token", "ms/token",
                    "Time the edge's draft model takes to prefill one prompt token.")
          .default_to(0)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .store(&S::edge, &EdgeParams::prefill_ms_per_token),
      Param::number("edge.watts_busy", "W",
                    "Power of an edge device while it drafts or prefills (SimGrid's energy "
                    "plugin); with `edge.watts_idle`. Absent: edge energy is not measured.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .only_when_absent("platform", "the platform file's hosts give wattage_per_state")
          .store(&S::edge, &EdgeParams::watts, &Wattage::busy_w),
      Param::number("edge.watts_idle", "W",
                    "Power of an edge device while it waits for the network or the verifier; "
                    "with `edge.watts_busy`.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .only_when_absent("platform", "the platform file's hosts give wattage_per_state")
          .store(&S::edge, &EdgeParams::watts, &Wattage::idle_w),
  };
  for (auto& row : edge_radio_rows()) rows.push_back(std::move(row));
  for (auto& row : edge_memory_rows()) rows.push_back(std::move(row));
  std::vector<ParamSpec> after_radio{
      device_classes_param("edge.devices",
                           "Classes of edge device, each with its share of the clients, draft "
                           "speed and power; clients are assigned to them deterministically by "
                           "share. Absent: every client is of one class, \"default\", given by "
                           "the keys above.")
          .optional()
          .only_when_absent("platform",
                            "the platform file's edge hosts are the devices (properties "
                            "draft_ms_per_token, wattage_per_state, device_class)")
          .not_with("edge.draft", "each device class gives its own draft_ms_per_token")
          .not_with("edge.draft_ms_per_token", "each device class gives its own draft speed")
          .not_with("edge.watts_busy", "each device class gives its own watts_busy")
          .not_with("edge.watts_idle", "each device class gives its own watts_idle")
          .not_with("edge.radio", "each device class gives its own radio")
          .not_with("edge.memory_gb", "each device class gives its own memory_gb")
          .not_with("edge.draft_model_gb", "each device class gives its own draft_model_gb")
          .not_with("edge.kv_bytes_per_token", "each device class gives its own kv_bytes_per_token")
          .store_converted(device_classes_of, &S::edge, &EdgeParams::devices),

      latency_model_param("cloud.verify",
                          "Latency model of the target model verifying a batch of draft windows.",
                          verify_tokens())
          .store_converted(latency_spec_of, &S::cloud, &CloudParams::verify),
      Param::number("cloud.verify_ms", "ms",
                    "Time the target model takes to verify gamma+1 positions for a batch: "
                    "shorthand for a constant `cloud.verify`.")
          .default_to(20)
          .at_least(limits::kMinStepMs)
          .at_most(limits::kMaxMs)
          .alternative_to("cloud.verify",
                          "/cloud/verify_ms is the shorthand for a constant /cloud/verify")
          .store(&S::cloud, &CloudParams::verify_ms),
      latency_model_param("cloud.ar_step",
                          "Latency model of one autoregressive step of the target model for a "
                          "batch.",
                          per_request_tokens())
          .store_converted(latency_spec_of, &S::cloud, &CloudParams::ar_step),
      Param::number("cloud.ar_step_ms", "ms",
                    "Time the target model takes for one autoregressive step of a batch: "
                    "shorthand for a constant `cloud.ar_step`.")
          .default_to(20)
          .at_least(limits::kMinStepMs)
          .at_most(limits::kMaxMs)
          .alternative_to("cloud.ar_step",
                          "/cloud/ar_step_ms is the shorthand for a constant /cloud/ar_step")
          .store(&S::cloud, &CloudParams::ar_step_ms),
      latency_model_param("cloud.draft",
                          "Latency model of one step of the draft model co-located on the cloud "
                          "GPU, for a batch.",
                          per_request_tokens())
          .store_converted(latency_spec_of, &S::cloud, &CloudParams::draft),
      Param::number("cloud.draft_ms_per_token", "ms/token",
                    "Time a draft model co-located on the cloud GPU takes per token: shorthand "
                    "for a constant `cloud.draft`.")
          .default_to(10)
          .at_least(limits::kMinStepMs)
          .at_most(limits::kMaxMs)
          .alternative_to("cloud.draft",
                          "/cloud/draft_ms_per_token is the shorthand for a constant /cloud/draft")
          .store(&S::cloud, &CloudParams::draft_ms_per_token),
      latency_model_param("cloud.prefill",
                          "Latency model of the target model prefilling a batch of prompts.",
                          prefill_tokens())
          .store_converted(latency_spec_of, &S::cloud, &CloudParams::prefill),
      Param::number("cloud.prefill_ms_per_token", "ms/token",
                    "Time the target model takes to prefill one prompt token: shorthand for an "
                    "affine `cloud.prefill` with `base_ms` 0.")
          .default_to(0.1)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .alternative_to("cloud.prefill",
                          "/cloud/prefill_ms_per_token is the shorthand for an "
                          "affine /cloud/prefill with no base")
          .store(&S::cloud, &CloudParams::prefill_ms_per_token),
      Param::integer("cloud.max_batch", "requests",
                     "Most requests the cloud verifier processes in one batch.")
          .default_to(1)
          .at_least(1)
          .at_most(limits::kMaxBatch)
          .store(&S::cloud, &CloudParams::max_batch),
      Param::choice("cloud.batching",
                    "`static`: a batch waits up to batch_window_ms for max_batch jobs, then runs "
                    "one step; `continuous`: iteration-level batching, a step starts as soon as "
                    "the GPU is free, with every ready job up to max_batch (running requests "
                    "first).")
          .default_to("static")
          .store_enum<BatchingPolicy>({{"static", BatchingPolicy::static_window},
                                       {"continuous", BatchingPolicy::continuous}},
                                      &S::cloud, &CloudParams::batching),
      Param::number("cloud.batch_window_ms", "ms",
                    "Longest the verifier waits for a batch to fill once a request is waiting.")
          .default_to(0)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .only_when("cloud.batching", {"static"},
                     "continuous batching starts a step as soon as the GPU is free, so a "
                     "window would have no effect")
          .store(&S::cloud, &CloudParams::batch_window_ms),
      Param::integer("cloud.servers", "servers",
                     "Cloud servers (one verifier GPU each) in the generated platform.")
          .default_to(1)
          .at_least(1)
          .at_most(4096)
          .only_when_absent("platform", "the platform file's cloud hosts are the servers")
          .store(&S::cloud, &CloudParams::servers),
      Param::choice("cloud.routing",
                    "Which server a new request goes to: `round_robin`, `random`, "
                    "`least_outstanding` (fewest requests in progress) or `power_of_two` (the "
                    "less loaded of two random servers).")
          .default_to("round_robin")
          .store_enum<RoutingPolicy>({{"round_robin", RoutingPolicy::round_robin},
                                      {"random", RoutingPolicy::random},
                                      {"least_outstanding", RoutingPolicy::least_outstanding},
                                      {"power_of_two", RoutingPolicy::power_of_two}},
                                     &S::cloud, &CloudParams::routing),
      Param::integer("cloud.kv_capacity_tokens", "tokens",
                     "KV-cache budget of each server. A request holds its prompt plus its output "
                     "tokens from admission to its last token; requests that do not fit wait for "
                     "admission. Absent: no limit.")
          .optional()
          .at_least(1)
          .at_most(limits::kMaxKvTokens)
          .store(&S::cloud, &CloudParams::kv_capacity_tokens),
      Param::integer("cloud.max_batched_tokens", "tokens",
                     "Cap on the batched tokens of one step of each server, as vLLM's "
                     "`max_num_batched_tokens` with chunked prefill: a step's decode work "
                     "(verify windows, AR steps) takes its tokens first, and the batch's "
                     "prefills share the rest, a longer prompt going on in the next steps. Must "
                     "be at least `cloud.max_batch` x (largest window + 1). 0: no cap (a "
                     "batch's prefills run whole).")
          .default_to(0)
          .at_least(0)
          .store(&S::cloud, &CloudParams::max_batched_tokens),
      Param::number("cloud.verify_overhead_ms", "ms",
                    "Fixed time added to every batch that verifies draft windows (DSD modes, "
                    "and the verify step of `colocated_sd`), on top of `cloud.verify`: the "
                    "per-round work of speculative decoding that a plain step does not do "
                    "(measured by engines at about 20 ms per speculative block; see "
                    "docs/latency.md). The closed forms add it to t_v.")
          .default_to(0)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .store(&S::cloud, &CloudParams::verify_overhead_ms),
      Param::number("cloud.watts_busy", "W",
                    "Power of a cloud server while it computes (SimGrid's energy plugin); with "
                    "`cloud.watts_idle`. Absent: cloud energy is not measured.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .only_when_absent("platform", "the platform file's hosts give wattage_per_state")
          .store(&S::cloud, &CloudParams::watts, &Wattage::busy_w),
      Param::number("cloud.watts_idle", "W",
                    "Power of an idle cloud server; with `cloud.watts_busy`.")
          .optional()
          .at_least(0)
          .at_most(limits::kMaxWatts)
          .only_when_absent("platform", "the platform file's hosts give wattage_per_state")
          .store(&S::cloud, &CloudParams::watts, &Wattage::idle_w),
  };
  for (auto& row : after_radio) rows.push_back(std::move(row));
  return rows;
}

}  // namespace dsdsi
