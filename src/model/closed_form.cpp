#include "dsdsi/model/closed_form.hpp"

#include <algorithm>
#include <cmath>

#include "dsdsi/model/latency_model.hpp"
#include "dsdsi/model/payload.hpp"

namespace dsdsi::closed_form {

double expected_tokens_per_round(double alpha, int gamma) {
  if (alpha >= 1.0) return gamma + 1.0;
  return (1.0 - std::pow(alpha, gamma + 1)) / (1.0 - alpha);
}

double tpot_cloud_ar(const Inputs& in) { return in.t_ar; }

double tpot_colocated_sd(const Inputs& in) {
  return (in.gamma * in.t_dc + in.t_v) / expected_tokens_per_round(in.alpha, in.gamma);
}

double tpot_dsd_sync(const Inputs& in) {
  return (in.gamma * in.t_de + in.rtt + in.t_v + in.ser) /
         expected_tokens_per_round(in.alpha, in.gamma);
}

double tpot_dsd_pipelined(const Inputs& in) {
  // Depth-1 pipelining: while a window is in flight (L), the edge drafts gamma+1 tokens. They
  // stay valid with probability p = alpha^(gamma+1) (all accepted and the bonus guessed).
  const double in_flight = in.rtt + in.t_v + in.ser;
  const double p = std::pow(in.alpha, in.gamma + 1);
  const double hit = std::max((in.gamma + 1) * in.t_de, in_flight);
  const double miss = in.gamma * in.t_de + in_flight;
  return (p * hit + (1 - p) * miss) / expected_tokens_per_round(in.alpha, in.gamma);
}

double tpot_edge_ar(const Inputs& in) { return in.t_de; }

double tpot(DecodingMode mode, const Inputs& in) {
  switch (mode) {
    case DecodingMode::cloud_ar:
      return tpot_cloud_ar(in);
    case DecodingMode::colocated_sd:
      return tpot_colocated_sd(in);
    case DecodingMode::dsd_sync:
      return tpot_dsd_sync(in);
    case DecodingMode::dsd_pipelined:
      return tpot_dsd_pipelined(in);
    case DecodingMode::edge_ar:
      return tpot_edge_ar(in);
  }
  return NAN;
}

std::optional<double> break_even_rtt(const Inputs& in) {
  const double rtt = expected_tokens_per_round(in.alpha, in.gamma) * in.t_ar - in.t_v -
                     in.gamma * in.t_de - in.ser;
  if (rtt <= 0) return std::nullopt;
  return rtt;
}

int optimal_gamma_sync(double alpha, double t_de, double rtt, double t_v, int gamma_max) {
  int best = 1;
  double best_rate = 0;
  for (int g = 1; g <= gamma_max; ++g) {
    const double rate = expected_tokens_per_round(alpha, g) / (g * t_de + rtt + t_v);
    if (rate > best_rate) {
      best_rate = rate;
      best = g;
    }
  }
  return best;
}

double capacity_ratio(const Inputs& in) { return 1.0 + in.gamma * in.t_dc / in.t_v; }

double serialisation_ms(double bytes, double mbps) { return bytes * 8.0 / (mbps * 1e6) * 1e3; }

std::optional<std::string> not_applicable(const Scenario& s) {
  if (!s.platform_file.empty()) {
    return "the scenario runs on a platform file, where each client's RTT is its route's";
  }
  if (s.network.rtt_ms.kind != DistKind::fixed) {
    return "the RTT is drawn per client: there is no single RTT";
  }
  if (s.network.jitter_ms.kind != DistKind::fixed) {
    return "each message's jitter is drawn: there is no single RTT";
  }
  if (s.network.shared_uplink.clients_per_link > 1 && s.workload.clients > 1) {
    return "clients share access links: their transfers contend";
  }
  if (s.edge.devices.size() > 1) {
    return "the clients are of several device classes";
  }
  if (s.speculation.acceptance.kind != AcceptanceKind::bernoulli) {
    return "the acceptance model is not bernoulli: there is no single alpha";
  }
  if (s.speculation.policy.kind != PolicyKind::fixed) {
    return "the speculation policy is adaptive: there is no single gamma";
  }
  return std::nullopt;
}

Inputs inputs_for(const Scenario& s) {
  Inputs in;
  in.alpha = s.speculation.acceptance.alpha;
  in.gamma = static_cast<int>(s.speculation.gamma);
  // One request alone: the batch-1 step times of the latency models.
  in.t_de = s.edge.devices.empty() ? unbatched_step_ms(s.edge.draft, 1)
                                   : s.edge.devices.front().draft_ms_per_token;
  in.t_dc = unbatched_step_ms(s.cloud.draft, 1);
  in.t_v = unbatched_step_ms(s.cloud.verify, in.gamma + 1) + s.cloud.verify_overhead_ms;
  in.t_ar = unbatched_step_ms(s.cloud.ar_step, 1);
  // Both fixed (not_applicable() refuses distributions); a fixed jitter delays both messages.
  in.rtt = s.network.rtt_ms.value + 2 * s.network.jitter_ms.value;
  // A transfer crosses the edge's link, its shared access link if any, and the cloud's link:
  // the slowest sets its rate.
  const double cloud_mbps = s.network.cloud_link_gbps * 1e3;
  double up_mbps = std::min(s.network.uplink_mbps, cloud_mbps);
  double down_mbps = std::min(s.network.downlink_mbps, cloud_mbps);
  if (s.network.shared_uplink.clients_per_link > 0) {
    up_mbps = std::min(up_mbps, s.network.shared_uplink.uplink_mbps);
    down_mbps = std::min(down_mbps, s.network.shared_uplink.downlink_mbps);
  }
  const auto header = s.network.header_bytes;
  const auto per_token = payload::bytes_per_draft_token(s.speculation.payload);
  in.ser =
      serialisation_ms(
          static_cast<double>(payload::draft_window_bytes(header, per_token, in.gamma)), up_mbps) +
      serialisation_ms(static_cast<double>(payload::verify_reply_bytes(header)), down_mbps);
  return in;
}

}  // namespace dsdsi::closed_form
