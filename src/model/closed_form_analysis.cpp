#include "dsdsi/model/closed_form_analysis.hpp"

#include <cmath>
#include <limits>

namespace dsdsi::closed_form {

std::optional<double> rtt_below_which_faster(DecodingMode dsd_mode, DecodingMode other, Inputs in) {
  const auto gap = [&](double rtt) {
    in.rtt = rtt;
    const double mine = tpot(dsd_mode, in);
    return mine - tpot(other, in);
  };
  // Both per-token times are continuous in RTT and the DSD one grows at least as fast as any
  // other mode's (which do not depend on RTT per token), so the gap has one sign change.
  double low = 0, high = 1e9;
  if (gap(low) >= 0) return std::nullopt;
  if (gap(high) < 0) return std::numeric_limits<double>::infinity();
  // 100 halvings take 1e9 below 1e-9 ms, or to the limit of double precision.
  for (int step = 0; step < 100 && high - low > 1e-9; ++step) {
    const double mid = 0.5 * (low + high);
    (gap(mid) < 0 ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

std::optional<double> saturated_throughput_tokens_per_s(DecodingMode mode, const Inputs& in) {
  const double e = expected_tokens_per_round(in.alpha, in.gamma);
  switch (mode) {
    case DecodingMode::dsd_sync:
    case DecodingMode::dsd_pipelined:
      return 1000.0 * e / in.t_v;
    case DecodingMode::colocated_sd:
      return 1000.0 * e / (in.gamma * in.t_dc + in.t_v);
    case DecodingMode::cloud_ar:
      return 1000.0 / in.t_ar;
    case DecodingMode::edge_ar:
      return std::nullopt;
  }
  return std::nullopt;
}

Analysis analyze(const Inputs& in, int gamma_max) {
  Analysis a;
  a.inputs = in;
  a.expected_tokens_per_round = expected_tokens_per_round(in.alpha, in.gamma);
  for (const auto name : kDecodingModeNames) {
    const DecodingMode mode = *parse_decoding_mode(name);
    a.tpot_ms[mode] = tpot(mode, in);
  }
  using M = DecodingMode;
  a.sync_beats_cloud_ar_below_rtt_ms = rtt_below_which_faster(M::dsd_sync, M::cloud_ar, in);
  a.sync_beats_colocated_below_rtt_ms = rtt_below_which_faster(M::dsd_sync, M::colocated_sd, in);
  a.pipelined_beats_cloud_ar_below_rtt_ms =
      rtt_below_which_faster(M::dsd_pipelined, M::cloud_ar, in);
  a.pipelined_beats_colocated_below_rtt_ms =
      rtt_below_which_faster(M::dsd_pipelined, M::colocated_sd, in);
  a.optimal_gamma_sync = optimal_gamma_sync(in.alpha, in.t_de, in.rtt, in.t_v, gamma_max);
  Inputs at_optimum = in;
  at_optimum.gamma = a.optimal_gamma_sync;
  at_optimum.ser = 0;
  a.tpot_ms_at_optimal_gamma = tpot_dsd_sync(at_optimum);
  a.pipelining_window_ms = (in.gamma + 1) * in.t_de;
  a.pipelining_hides_rtt_up_to_ms = a.pipelining_window_ms - in.t_v - in.ser;
  a.capacity_ratio = capacity_ratio(in);
  a.saturated_dsd_tokens_per_s = *saturated_throughput_tokens_per_s(M::dsd_sync, in);
  a.saturated_colocated_tokens_per_s = *saturated_throughput_tokens_per_s(M::colocated_sd, in);
  return a;
}

}  // namespace dsdsi::closed_form
