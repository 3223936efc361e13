#pragma once
#include "dsdsi/model/speculation_policy.hpp"
#include "round_estimator.hpp"

namespace dsdsi {

// `{"kind": "awc", ...}`: an Adaptive-Window-Control-style controller, one per client. It sizes
// the draft window, and decides per request whether this client decodes with DSD at all or
// hands the request to cloud-side decoding (`fallback`: colocated_sd or cloud_ar). A request is
// decoded entirely one way: its KV cache lives on one side. Deterministic: no randomness.
//
// Inputs, all as this client observes them:
//   - recent acceptance alpha_hat and the send -> verdict wait wait_hat (RoundEstimator). The
//     wait is RTT + serialisation + queueing at the verifier + verification; the verifier's
//     queue utilisation enters the controller through it (a busier verifier makes rounds
//     slower). The client cannot tell a longer RTT from a longer queue with the times it sees,
//     so it does not try to separate them: both make DSD slower, and that is what it decides on;
//   - t_de, its own draft step (PolicyContext);
//   - the TPOT of the requests it decoded in the cloud (observe_cloud_request), which carries the
//     cloud-side queueing, smoothed like the other estimates; before the first one, a prior: the
//     closed form for the fallback mode (PolicyContext), or cloud_tpot_ms when given;
//   - the previous gamma.
//
// Window: after each verdict (once warmup_rounds windows are seen), the smoothed gamma moves a
// fraction gamma_smoothing of the way toward analytic_optimal's argmax, and the window is that
// value rounded and clamped to [gamma_min, gamma_max]. It starts at speculation.gamma.
//
// Where to decode, before each request. T_dsd = (gamma t_de + wait_hat) / E(alpha, gamma) at the
// current window (the model's T_SYNC), T_cloud is the cloud-side estimate, m = switch_margin. The
// client moves only on clear evidence: T_dsd is taken at alpha_hat + z standard errors for "DSD
// is slower" (its optimistic value, T_dsd_lo) and at alpha_hat - z standard errors for "DSD is
// faster" (its pessimistic value, T_dsd_hi), z = switch_confidence. Near the boundary, where one
// request's alpha_hat moves T_dsd by several percent (E is most sensitive to alpha at long
// windows), this keeps the client where it is instead of following the noise; the band it adds
// narrows as evidence accumulates, unlike the margin's.
//   - in DSD: stay until warmup_rounds windows have been seen; then switch to the cloud when
//     T_dsd_lo > T_cloud x (1 + m);
//   - in the cloud: come back when T_dsd_hi x (1 + m) < T_cloud (the cloud has become slower than
//     DSD was); otherwise, after `interval` consecutive cloud requests, probe: decode the next
//     request with DSD with the estimates restarted, so that they describe present conditions.
//     A probe lasts until warmup_rounds windows are seen (usually one request), then the client
//     stays in DSD when T_dsd_hi x (1 + m) < T_cloud ("DSD pays again") and goes back to the
//     cloud otherwise;
//   - interval = max(probe_every, ceil((r - 1) / probe_overhead) - 1), with r = T_dsd / T_cloud
//     (point estimates) when the client last left DSD: a probe request costs r - 1 requests'
//     worth of extra time, so in steady conditions probes add at most probe_overhead to the mean
//     time per token.
// The first request is always DSD: the client has no DSD estimate before it.
//
// T_dsd is the synchronous round's time. In dsd_pipelined, where drafting overlaps the wait, it
// overestimates DSD's time per token, so the switch to the cloud comes at a lower RTT than the
// pipelined break-even (the policy is not told the mode).
class AwcPolicy final : public SpeculationPolicy {
 public:
  AwcPolicy(std::int64_t configured_gamma, const PolicyParams& params,
            const PolicyContext& context);
  RequestDecoding decoding_for_next_request() override;
  std::int64_t next_gamma() override;
  void observe_round(const RoundObservation& round) override;
  void observe_cloud_request(const CloudRequestObservation& request) override;

 private:
  enum class Place { dsd, probe, cloud };

  // T_dsd at alpha_hat + `sigmas` standard errors (clamped to [0, 1]).
  double predicted_dsd_ms(double sigmas = 0) const;
  bool dsd_clearly_faster() const;
  bool dsd_clearly_slower() const;
  RequestDecoding go_to_cloud();

  PolicyParams params_;
  double t_de_;
  bool pipelined_;  // predicts T_PIPE (dsd_pipelined) rather than T_SYNC
  RoundEstimator estimate_;
  double smoothed_gamma_;
  std::int64_t gamma_;
  double cloud_ms_;  // estimated cloud-side time per token
  std::int64_t cloud_requests_seen_ = 0;
  Place place_ = Place::dsd;
  std::int64_t cloud_streak_ = 0;  // consecutive cloud requests since the last DSD one
  std::int64_t probe_interval_ = 0;
};

}  // namespace dsdsi
