#pragma once
// How many tokens an edge client drafts in its next window, chosen per round from what the
// client has observed. One class per policy (src/model/speculation/<name>.cpp), registered in
// make_speculation_policy(); a researcher adds a policy by writing one class and one line there.
//
// A policy lives inside one edge client (one instance per client) and sees only what that
// client can see: its own windows, verdicts and timings. The simulator calls, for each request:
//   begin_request() -> decoding_for_request(): dsd, or one of the cloud-side fallbacks
//   if dsd: per round  next_gamma() -> (draft, send, wait) -> observe_round(...)
//   if cloud-side: observe_cloud_request(...) when the request ends
#include <cstdint>
#include <optional>
#include <memory>

#include "dsdsi/config/scenario.hpp"

namespace dsdsi {

// One verification round as the edge saw it.
struct RoundObservation {
  std::int64_t gamma = 0;      // window drafted (may be shorter than asked at a request's end)
  std::int64_t accepted = 0;   // accepted draft tokens
  std::int64_t committed = 0;  // tokens the round added
  double draft_ms = 0;         // time spent drafting the window
  double wait_ms = 0;          // window sent -> verdict received: RTT + serialisation + queueing
                               // at the verifier + verification
};

// A request decoded in the cloud (the AWC fallback) as the edge saw it.
struct CloudRequestObservation {
  std::int64_t tokens = 0;
  double ttft_ms = 0;
  double tpot_ms = 0;  // 0 when the request had one token
};

enum class RequestDecoding { dsd, colocated_sd, cloud_ar };

class SpeculationPolicy {
 public:
  virtual ~SpeculationPolicy() = default;
  // How the client's next request is decoded. Only the awc policy ever answers other than dsd.
  virtual RequestDecoding decoding_for_next_request() { return RequestDecoding::dsd; }
  // The next window's size, in [1, gamma_max]; the simulator shortens it at a request's end.
  virtual std::int64_t next_gamma() = 0;
  virtual void observe_round(const RoundObservation& round) = 0;
  virtual void observe_cloud_request(const CloudRequestObservation& /*request*/) {}
  // With `edge.resilience.on_failure: local`: how long the device waits for a verdict before it
  // decodes on its own, if the policy chooses it (it never exceeds edge.resilience.timeout_ms).
  virtual std::optional<double> verdict_timeout_ms() const { return std::nullopt; }
};

// What a policy knows about its client beyond its observations.
struct PolicyContext {
  double draft_ms_per_token = 0;  // this client's t_de
  // Prior estimates of cloud-side decoding's per-token time for this scenario (closed forms for
  // one client: t_ar, and (gamma t_dc + t_v) / E at the configured gamma and acceptance). An
  // awc policy starts from these and replaces them with what it observes when it decodes in the
  // cloud.
  double cloud_ar_tpot_ms = 0;
  double colocated_tpot_ms = 0;
  // The client drafts ahead while a window is in flight (dsd_pipelined): a window's time per
  // token is then docs/model.md's T_PIPE rather than T_SYNC.
  bool pipelined = false;
};

std::unique_ptr<SpeculationPolicy> make_speculation_policy(const SpeculationParams& speculation,
                                                           const PolicyContext& context);

}  // namespace dsdsi
