#pragma once
// A client without an engine, for the speculation policy tests: docs/model.md's synchronous round
// (draft the window at t_de per token, then wait RTT + t_v for the verdict), acceptance drawn
// from the acceptance model, and cloud-side requests whose TPOT is a given number. The policy is
// called exactly as the edge client calls it in dsd_sync (src/sim/edge_client.cpp).
#include <algorithm>
#include <cstdint>
#include <vector>

#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/model/random_stream.hpp"
#include "dsdsi/model/round_logic.hpp"
#include "dsdsi/model/speculation_policy.hpp"

namespace dsdsi::policy_test {

struct Conditions {
  double alpha = 0.8;
  double t_de = 10;
  double t_v = 20;
  double rtt = 50;
  double cloud_tpot_ms = 20;  // what a request decoded in the cloud turns out to take per token
};

struct RequestResult {
  RequestDecoding decoding = RequestDecoding::dsd;
  double tpot_ms = 0;
  std::vector<std::int64_t> asked;  // next_gamma() of each round (before the request-end cut)
  double round_ms = 0;              // sum of the rounds' times
  double expected_tokens = 0;       // sum of E(alpha, window): the tokens without the draw's noise
};

// The time per token a run of rounds would have without acceptance noise: sum of round times
// over sum of E(alpha, window).
inline double expected_ms_per_token(const std::vector<RequestResult>& requests) {
  double ms = 0, tokens = 0;
  for (const auto& r : requests) {
    ms += r.round_ms;
    tokens += r.expected_tokens;
  }
  return ms / tokens;
}

class SyntheticClient {
 public:
  SyntheticClient(SpeculationPolicy& policy, std::uint64_t seed)
      : policy_(&policy), stream_(seed, "policy-test", 0) {}

  // One request: asks the policy where to decode it, then decodes it there.
  RequestResult request(const Conditions& c, std::int64_t output_tokens) {
    RequestResult result;
    result.decoding = policy_->decoding_for_next_request();
    if (result.decoding != RequestDecoding::dsd) {
      result.tpot_ms = c.cloud_tpot_ms;
      CloudRequestObservation seen;
      seen.tokens = output_tokens;
      seen.ttft_ms = c.rtt + c.cloud_tpot_ms;
      seen.tpot_ms = output_tokens > 1 ? c.cloud_tpot_ms : 0;
      policy_->observe_cloud_request(seen);
      return result;
    }
    const RequestAcceptance acceptance(std::vector<double>{c.alpha});
    std::int64_t remaining = output_tokens;
    double now = 0, first_token = -1;
    while (remaining > 0) {
      const std::int64_t asked = policy_->next_gamma();
      const std::int64_t window = window_size(asked, remaining);
      const std::int64_t accepted = acceptance.leading_accepted(stream_, static_cast<int>(window));
      const std::int64_t committed = std::min(accepted + 1, remaining);
      const double draft_ms = static_cast<double>(window) * c.t_de;
      const double wait_ms = c.rtt + c.t_v;
      now += draft_ms + wait_ms;
      if (first_token < 0) first_token = now;
      remaining -= committed;
      policy_->observe_round({window, accepted, committed, draft_ms, wait_ms});
      result.asked.push_back(asked);
      result.round_ms += draft_ms + wait_ms;
      result.expected_tokens +=
          closed_form::expected_tokens_per_round(c.alpha, static_cast<int>(window));
    }
    result.tpot_ms =
        output_tokens > 1 ? (now - first_token) / static_cast<double>(output_tokens - 1) : 0;
    return result;
  }

  std::vector<RequestResult> requests(const Conditions& c, int count, std::int64_t output_tokens) {
    std::vector<RequestResult> results;
    for (int i = 0; i < count; ++i) results.push_back(request(c, output_tokens));
    return results;
  }

 private:
  SpeculationPolicy* policy_;
  RandomStream stream_;
};

inline double mean_tpot(const std::vector<RequestResult>& requests) {
  double sum = 0;
  for (const auto& r : requests) sum += r.tpot_ms;
  return sum / static_cast<double>(requests.size());
}

// The windows asked in every round of `requests`, in order.
inline std::vector<std::int64_t> asked_windows(const std::vector<RequestResult>& requests) {
  std::vector<std::int64_t> all;
  for (const auto& r : requests) all.insert(all.end(), r.asked.begin(), r.asked.end());
  return all;
}

}  // namespace dsdsi::policy_test
