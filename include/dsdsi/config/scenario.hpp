#pragma once
// A scenario as the simulator uses it: every value typed, validated and defaulted. Built only by
// load_scenario() from the parameter table (parameter_table.hpp), which is the one place that
// names, documents, defaults and range-checks each field below.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dsdsi/config/profile_file.hpp"

#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi {

enum class NetworkModel { exact, tcp };

// A random quantity: `{"dist": "uniform", "min": 20, "max": 80}` and the like (model/
// distribution.hpp samples it). A plain number in a scenario is `fixed`.
enum class DistKind { fixed, uniform, lognormal, list };

struct DistributionSpec {
  DistKind kind = DistKind::fixed;
  double value = 0;             // fixed
  double min = 0, max = 0;      // uniform
  double median = 0, sigma = 0; // lognormal: exp(N(ln median, sigma^2))
  std::vector<double> values;   // list: one of them, equally likely

  static DistributionSpec fixed_at(double v) {
    DistributionSpec d;
    d.value = v;
    return d;
  }
};

// Groups of clients behind one access link each (a cell, a home router): the generated star puts
// clients c with the same c / clients_per_link behind one shared link in each direction, on top
// of their own links. 0 clients_per_link: no shared links.
struct SharedUplink {
  std::int64_t clients_per_link = 0;
  double uplink_mbps = 0;
  double downlink_mbps = 0;
};

// Generated star only: a bandwidth (and optionally latency) time series on every client's
// access link, both directions, each client from its own offset into the looping trace.
struct NetworkTrace {
  Profile bandwidth;  // bytes/s; no points: no trace
  Profile latency;    // one-way seconds; no points: the client's RTT / 2 stays
  std::string bandwidth_file, latency_file;
  std::optional<double> offset_s;  // absent: each client's own random offset
  bool given() const { return !bandwidth.points.empty(); }
};

// Generated star only: each client's access link goes off and on, exponential up and down
// periods drawn from the client's own stream. 0: no outages.
struct OutageParams {
  double mean_up_s = 0;
  double mean_down_s = 0;
  bool given() const { return mean_up_s > 0; }
};

struct NetworkParams {
  // Generated star only: each client's round-trip latency to the cloud, drawn once per client
  // from its own stream (a plain number is `fixed`).
  DistributionSpec rtt_ms;
  // Extra one-way delay of every message, drawn per message (sim/jitter_line.hpp); fixed 0: none.
  DistributionSpec jitter_ms;
  SharedUplink shared_uplink;  // generated star only
  double uplink_mbps = 0;      // generated star only: each edge host's uplink
  double downlink_mbps = 0;    // generated star only: each edge host's downlink
  double cloud_link_gbps = 0;  // generated star only: the cloud host's own link, shared by all
  NetworkModel model = NetworkModel::exact;
  std::int64_t header_bytes = 0;  // per-message header added to every payload
  NetworkTrace trace;
  OutageParams outages;
};

// How long one model step takes as a function of the batched tokens it processes (see
// model/latency_model.hpp). Every model time of a scenario is one of these, given by a model key
// (`cloud.verify`, `edge.draft`, ...: a number or a model object, config/latency_param.hpp) or by
// its plain-number shorthand (`cloud.verify_ms`, `edge.draft_ms_per_token`, ...: `constant`, and
// `affine` with no base for `cloud.prefill_ms_per_token`), never both.
enum class LatencyKind { constant, affine, table, roofline };

struct LatencySpec {
  LatencyKind kind = LatencyKind::constant;
  double ms = 0;            // constant
  double base_ms = 0;       // affine: base_ms + per_token_ms x batched tokens
  double per_token_ms = 0;
  std::string file;         // table: source file (resolved path), for messages and run.json
  bool extrapolate = false; // table: allow batched tokens outside the table
  std::vector<std::pair<double, double>> points;  // table: (batched_tokens, ms), ascending
  double params_billion = 0;  // roofline: max(weight bytes / bandwidth, 2 P tokens / flops)
  double bytes_per_param = 0;
  double mem_bw_gbps = 0;
  double peak_tflops = 0;
  double overhead_ms = 0;

  static LatencySpec constant_ms(double value) {
    LatencySpec spec;
    spec.ms = value;
    return spec;
  }
  static LatencySpec per_token(double ms_per_token) {
    LatencySpec spec;
    spec.kind = LatencyKind::affine;
    spec.per_token_ms = ms_per_token;
    return spec;
  }
};

// Power of a host (the SimGrid energy plugin's wattage_per_state "idle:busy:busy"). Absent
// (`given` false): the host's energy is not measured.
struct Wattage {
  bool given = false;
  double idle_w = 0;  // idle: waiting for the network or the verifier
  double busy_w = 0;  // computing (drafting, prefilling, verifying)
};

// A device's radio (`edge.radio`, `edge.devices[].radio`): a preset of model/radio_presets.hpp
// and the parameters the scenario overrides, in table order. No preset: the radio is not modelled.
struct RadioChoice {
  std::string preset;
  std::vector<std::pair<std::string, double>> overrides;  // radio_fields() key, value
};

// A device's memory (`edge.memory_gb`, ..., or an `edge.devices` element's): 0 where not given
// (config/device_memory_param.hpp).
struct DeviceMemory {
  double memory_gb = 0;
  double draft_model_gb = 0;
  double kv_bytes_per_token = 0;
};

// One kind of edge device (`edge.devices`): clients are assigned to classes by share
// (sim/device_assignment.hpp).
struct DeviceClass {
  std::string name;
  double share = 0;
  double draft_ms_per_token = 0;
  Wattage watts;
  RadioChoice radio;
  DeviceMemory memory;
};

inline constexpr int kOnFailureWait = 0;
inline constexpr int kOnFailureLocal = 1;

struct EdgeParams {
  double draft_ms_per_token = 0;    // shorthand for draft = constant; 0 when `edge.draft` is given
  double prefill_ms_per_token = 0;  // the draft model's prefill on the device
  LatencySpec draft;                // one draft step (one token) on the device
  Wattage watts;                    // single-class scenarios: `edge.watts_busy`/`_idle`
  RadioChoice radio;                // single-class scenarios: `edge.radio` and its overrides
  DeviceMemory memory;              // single-class scenarios: `edge.memory_gb` and the like
  std::vector<DeviceClass> devices; // empty: one class, "default", from the keys above
  // What a device does when the network fails a message (docs/network.md): `wait` sends it again
  // every retry_ms until it gets through (sim/reliable_link.hpp); `local` decodes on its own
  // with the draft model when a verdict is later than timeout_ms or its link is down, and
  // re-synchronises with the cloud when a probe (every retry_ms) succeeds.
  int on_failure = 0;  // kOnFailureWait or kOnFailureLocal
  double retry_ms = 0;
  double timeout_ms = 0;  // `local` only
};

// `static`: a batch waits up to batch_window_ms for max_batch jobs, then runs one step;
// `continuous`: iteration-level, a step starts as soon as the GPU is free with whatever is ready.
enum class BatchingPolicy { static_window, continuous };
// Which server a new request goes to (all its rounds then go there: its KV cache lives there).
enum class RoutingPolicy { round_robin, random, least_outstanding, power_of_two };

struct CloudParams {
  // Shorthands for the specs below; each is 0 when its model key (`cloud.verify`, ...) is given.
  double verify_ms = 0;             // target: verify gamma+1 positions for one batch
  double ar_step_ms = 0;            // target: one autoregressive step for one batch
  double draft_ms_per_token = 0;    // co-located draft model on the cloud GPU
  double prefill_ms_per_token = 0;  // target prefill, per prompt token
  std::int64_t max_batch = 0;
  double batch_window_ms = 0;
  LatencySpec verify;   // verify a batch: tokens = sum over requests of (window + 1)
  LatencySpec ar_step;  // one AR step of a batch: tokens = requests
  LatencySpec prefill;  // prefill a batch: tokens = prompt tokens of the requests
  LatencySpec draft;    // one co-located draft step of a batch: tokens = requests
  BatchingPolicy batching = BatchingPolicy::static_window;
  std::int64_t servers = 1;             // generated platform only
  RoutingPolicy routing = RoutingPolicy::round_robin;
  std::int64_t kv_capacity_tokens = 0;  // per server; 0: the key is absent, no limit
  std::int64_t max_batched_tokens = 0;  // per step (chunked prefill); 0 (default): no cap
  double verify_overhead_ms = 0;        // fixed cost of a batch that verifies draft windows
  Wattage watts;                        // generated platform only
};

enum class AcceptanceKind { bernoulli, positional, beta, trace, length_table };

// The acceptance of one request in an acceptance or workload trace: a constant alpha, or one
// per draft position.
struct RequestAcceptanceRecord {
  double alpha = 0;            // used when alphas is empty
  std::vector<double> alphas;  // per position (the last one repeats beyond its end)
};

struct AcceptanceParams {
  AcceptanceKind kind = AcceptanceKind::bernoulli;
  double alpha = 0;             // bernoulli
  std::vector<double> alphas;   // positional: per position (alpha0/decay are expanded into it);
                                // length_table: fitted to mean_length
  std::vector<double> mean_length;  // length_table: mean accepted length at gamma = 1, 2, ...
  std::string source;               // length_table: where the numbers come from (not used)
  double alpha0 = 0, decay = 0; // positional, geometric form: alpha_i = alpha0 x decay^i
  double a = 0, b = 0;          // beta: each request draws alpha ~ Beta(a, b)
  std::string file;             // trace: resolved path
  std::vector<RequestAcceptanceRecord> records;  // trace: loaded and checked at load time
};

// How gamma is chosen per round (model/speculation_policy.hpp).
enum class PolicyKind { fixed, analytic_optimal, aimd, awc, wait_quantile };

struct PolicyParams {
  PolicyKind kind = PolicyKind::fixed;
  // analytic_optimal, aimd, awc, wait_quantile: the range of windows they may ask for.
  std::int64_t gamma_min = 1;
  std::int64_t gamma_max = 12;
  // analytic_optimal, awc, wait_quantile: the client's estimates
  // (model/speculation/round_estimator.hpp).
  double ewma_weight = 0;           // weight of the newest observation in smoothed estimates
  std::int64_t warmup_rounds = 0;   // windows observed before the estimates are used
  // aimd: additive increase after a fully accepted window, multiplicative decrease after an
  // early rejection.
  std::int64_t increase = 1;
  double decrease_factor = 0.5;
  // awc: where a client decodes when DSD does not pay, and how it is decided
  // (model/speculation/awc_policy.hpp).
  double gamma_smoothing = 0;   // awc: fraction of the way to the optimal window per verdict
  DecodingMode fallback = DecodingMode::colocated_sd;
  double cloud_tpot_ms = 0;     // awc: the per-token time it expects from cloud-side decoding
                                // before observing any (0: the closed-form prior)
  double switch_margin = 0;     // awc: hysteresis, relative
  double switch_confidence = 0; // awc: standard errors of alpha_hat a switch needs
  std::int64_t probe_every = 0; // awc: while in the cloud, least requests between DSD probes
  double probe_overhead = 0;    // awc: most that probes may add to the time per token
  // wait_quantile: the window is planned for this quantile of the waits of the last
  // window_rounds rounds (model/speculation/wait_quantile_policy.hpp).
  double quantile = 0.9;
  std::int64_t window_rounds = 20;
  // wait_quantile with `edge.resilience.on_failure: local`: the device gives up on a verdict
  // after timeout_factor x W_q (at most edge.resilience.timeout_ms); 0: the configured timeout.
  double timeout_factor = 0;
};

// What an uplink window carries per draft token (model/payload.hpp gives the bytes).
enum class PayloadKind { token_ids, ids_and_probs, topk, full_distribution };

struct PayloadParams {
  PayloadKind kind = PayloadKind::token_ids;
  std::int64_t k = 0;           // topk
  std::int64_t vocab_size = 0;  // full_distribution
};

struct SpeculationParams {
  std::int64_t gamma = 0;
  PayloadParams payload;
  AcceptanceParams acceptance;
  PolicyParams policy;
};

enum class ArrivalKind { closed_loop, poisson, trace };

// One request of a workload trace (JSONL), loaded and checked at load time.
struct TraceRequest {
  double arrival_ms = 0;
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;
  std::int64_t client = -1;  // -1: assigned round-robin in file order
  std::optional<RequestAcceptanceRecord> acceptance;
};

struct ArrivalParams {
  ArrivalKind kind = ArrivalKind::closed_loop;
  DistributionSpec think_ms;     // closed_loop: pause after a request before the next
  double rate_per_s = 0;         // poisson: one aggregate process, requests/s over all clients
  double rate_per_client_per_s = 0;  // poisson: each client its own process (exclusive of the
                                     // above: exactly one of the two is > 0)
  std::string file;              // trace: resolved path
  std::vector<TraceRequest> requests;  // trace, in file order
};

// When each closed-loop client submits its first request (model/start_offsets.hpp).
enum class StartKind { together, ramp, stationary };

struct StartParams {
  StartKind kind = StartKind::together;
  double over_ms = 0;  // ramp: client c starts at c x over_ms / clients
};

struct WorkloadParams {
  std::int64_t clients = 0;
  // closed_loop and poisson (trace: the file decides); 0: not given, the clients submit until
  // measure.horizon_ms (the loader allows that only with a horizon)
  std::int64_t requests_per_client = 0;
  StartParams start;  // closed loop only
  // The longest prompt (output) a request can have: the fixed length, a uniform's or a list's
  // max, a workload trace's longest; 0 when unbounded (lognormal). Requests use `prompt`/`output`.
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;
  double think_ms = 0;                   // shorthand: closed loop, fixed think time
  DistributionSpec prompt;  // per-request prompt length (rounded, >= 1); with a workload trace,
                            // the list of the trace's (each request uses its own line's)
  DistributionSpec output;  // per-request output length (rounded, >= 1); the same
  ArrivalParams arrival;
};

// A request meets the SLO when it meets every bound given (0: that bound is not given).
struct SloParams {
  double ttft_ms = 0;
  double tpot_ms = 0;
  double e2e_ms = 0;
  bool any() const { return ttft_ms > 0 || tpot_ms > 0 || e2e_ms > 0; }
};

// What the summary measures (docs/measurement.md): a window [warmup_ms, horizon_ms or the last
// completion], the timeline's interval, an SLO.
struct MeasureParams {
  double horizon_ms = 0;   // 0: none (the run ends when every request has finished)
  double warmup_ms = 0;
  double timeline_ms = 0;  // timeline.csv interval; 0: no timeline.csv
  SloParams slo;
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
  MeasureParams measure;
};

}  // namespace dsdsi
