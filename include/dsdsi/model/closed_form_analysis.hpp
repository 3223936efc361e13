#pragma once
// What docs/model.md's closed forms say about one parameter set, beyond each mode's per-token time:
// where DSD stops paying (break-even RTTs), the best gamma, the pipelining window and the
// capacity of a saturated server. Used by `dsdsi analyze` and the sweep's closed-form columns.
#include <map>
#include <optional>

#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi::closed_form {

// The RTT below which `dsd_mode` (dsd_sync or dsd_pipelined) has a lower per-token time than
// `other` (any mode), everything else in `in` fixed: the RTT at which the two curves cross.
// nullopt when `dsd_mode` is not faster even at RTT 0 ("never"); +infinity when it is faster at
// every RTT up to 10^9 ms. Found by bisection on the continuous, non-decreasing T(RTT), to
// 1e-9 ms; for dsd_sync against cloud_ar it equals break_even_rtt().
std::optional<double> rtt_below_which_faster(DecodingMode dsd_mode, DecodingMode other, Inputs in);

// Tokens per second a saturated single server sustains when its verifier works serially
// (max_batch 1), the model's "Capacity": E / t_v in DSD (either kind: a round costs the server one
// verification), E / (gamma t_dc + t_v) in co-located SD, 1 / t_ar in cloud AR. nullopt for
// edge_ar, which uses no server.
std::optional<double> saturated_throughput_tokens_per_s(DecodingMode mode, const Inputs& in);

struct Analysis {
  Inputs inputs;
  double expected_tokens_per_round = 0;  // E
  std::map<DecodingMode, double> tpot_ms;
  // RTT below which each DSD mode beats cloud AR and co-located SD (see above).
  std::optional<double> sync_beats_cloud_ar_below_rtt_ms;
  std::optional<double> sync_beats_colocated_below_rtt_ms;
  std::optional<double> pipelined_beats_cloud_ar_below_rtt_ms;
  std::optional<double> pipelined_beats_colocated_below_rtt_ms;
  int optimal_gamma_sync = 0;           // at this RTT, docs/model.md's form (ser taken as 0)
  double tpot_ms_at_optimal_gamma = 0;  // T_SYNC at that gamma (ser taken as 0)
  // Pipelining: the edge drafts (gamma + 1) t_de while a window is in flight; when the window's
  // round trip L = RTT + t_v + ser fits in it, a hit costs no waiting for the network.
  double pipelining_window_ms = 0;
  double pipelining_hides_rtt_up_to_ms = 0;  // (gamma + 1) t_de - t_v - ser, can be negative
  double capacity_ratio = 0;                 // 1 + gamma t_dc / t_v
  double saturated_dsd_tokens_per_s = 0;
  double saturated_colocated_tokens_per_s = 0;
};

// gamma_max bounds the optimal-gamma search (the scenario schema's own limit is 256).
Analysis analyze(const Inputs& in, int gamma_max = 256);

}  // namespace dsdsi::closed_form
