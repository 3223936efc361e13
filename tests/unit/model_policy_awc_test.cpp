// The awc policy driven by synthetic rounds and cloud requests: it keeps DSD well below the
// closed-form break-even RTT, hands requests to cloud-side decoding well above it, switches near
// it, probes DSD at the interval its overhead budget allows and comes back when DSD pays again,
// and its margin keeps it from flapping when DSD and the cloud are equally fast.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model_policy_synthetic.hpp"

namespace dsdsi {
namespace {

using policy_test::Conditions;
using policy_test::RequestResult;
using policy_test::SyntheticClient;

// The table's defaults for awc, with cloud_ar as the fallback.
SpeculationParams awc(DecodingMode fallback = DecodingMode::cloud_ar) {
  SpeculationParams s;
  s.gamma = 4;
  s.policy.kind = PolicyKind::awc;
  s.policy.gamma_min = 1;
  s.policy.gamma_max = 12;
  s.policy.ewma_weight = 0.01;
  s.policy.warmup_rounds = 10;
  s.policy.gamma_smoothing = 0.2;
  s.policy.fallback = fallback;
  s.policy.switch_margin = 0.03;
  s.policy.switch_confidence = 1.5;
  s.policy.probe_every = 4;
  s.policy.probe_overhead = 0.01;
  return s;
}

// The priors the simulator would give for t_ar = t_cloud (cloud_ar) and co-located SD.
PolicyContext context(double cloud_ar_ms = 20, double colocated_ms = 17.85) {
  PolicyContext c;
  c.draft_ms_per_token = 10;
  c.cloud_ar_tpot_ms = cloud_ar_ms;
  c.colocated_tpot_ms = colocated_ms;
  return c;
}

Conditions at(double rtt, double cloud_tpot_ms = 20) {
  Conditions c;
  c.rtt = rtt;
  c.cloud_tpot_ms = cloud_tpot_ms;
  return c;
}

std::vector<bool> in_cloud(const std::vector<RequestResult>& requests) {
  std::vector<bool> cloud;
  for (const auto& r : requests) cloud.push_back(r.decoding != RequestDecoding::dsd);
  return cloud;
}

long count_cloud(const std::vector<RequestResult>& requests, std::size_t from = 0) {
  return std::count_if(requests.begin() + static_cast<long>(from), requests.end(),
                       [](const RequestResult& r) { return r.decoding != RequestDecoding::dsd; });
}

// The RTT below which synchronous DSD at its best window beats a cloud-side time per token of
// `cloud_ms` x (1 + margin): max over gamma of E(gamma) cloud_ms (1 + margin) - t_v - gamma t_de
// (closed_form::break_even_rtt at t_ar = cloud_ms (1 + margin), maximised over gamma).
double break_even_at_best_gamma(double cloud_ms, double margin) {
  double best = 0;
  for (int g = 1; g <= 12; ++g) {
    closed_form::Inputs in;
    in.alpha = 0.8;
    in.gamma = g;
    in.t_de = 10;
    in.t_v = 20;
    in.t_ar = cloud_ms * (1 + margin);
    best = std::max(best, closed_form::break_even_rtt(in).value_or(0));
  }
  return best;
}

TEST(ModelPolicyAwc, BreakEvenOfTheseTestsIsTheModels) {
  closed_form::Inputs in;
  in.alpha = 0.8;
  in.gamma = 4;
  in.t_de = 10;
  in.t_v = 20;
  in.t_ar = 20;
  EXPECT_NEAR(*closed_form::break_even_rtt(in), 7.232, 1e-3);
  EXPECT_NEAR(break_even_at_best_gamma(20, 0), 9.04, 0.01);  // at gamma 3
}

TEST(ModelPolicyAwc, KeepsDsdWellBelowTheBreakEvenRtt) {
  auto policy = make_speculation_policy(awc(), context());
  SyntheticClient client(*policy, 1);
  const auto requests = client.requests(at(1), 200, 256);  // T_SYNC 16.8 ms vs 20 ms
  EXPECT_EQ(count_cloud(requests), 0);
}

TEST(ModelPolicyAwc, HandsRequestsToTheCloudFarAboveTheBreakEvenRtt) {
  for (const auto fallback : {DecodingMode::cloud_ar, DecodingMode::colocated_sd}) {
    auto policy = make_speculation_policy(awc(fallback), context());
    SyntheticClient client(*policy, 2);
    const auto requests = client.requests(at(300, 20), 200, 256);
    EXPECT_EQ(requests[0].decoding, RequestDecoding::dsd);  // nothing known about DSD yet
    EXPECT_EQ(requests[1].decoding, fallback == DecodingMode::cloud_ar
                                        ? RequestDecoding::cloud_ar
                                        : RequestDecoding::colocated_sd);
    // DSD is about 4.6 times slower: a probe costs 3.6 requests' worth, so with a 1% overhead
    // budget the next probe comes after about 360 cloud requests.
    EXPECT_GE(count_cloud(requests), 198);
  }
}

// Where awc switches: with t_cloud = 50 ms (a 70B-class target) the closed-form break-even RTT
// at the best window is 118 ms, 124 ms with the 3% margin. Every 5 ms from 80 to 200 ms, the
// client's steady state (requests 2 to 40) is all DSD up to 10 ms below the break-even; the
// lowest RTT at which half of it is in the cloud lies between 10 ms below the break-even and
// 20 ms above the margin's (usually 120 to 135 ms: alpha_hat from the first request or two moves
// T_dsd by about 8% at gamma 7, and the 1.5 standard errors of evidence the switch needs are worth
// 5-15 ms of RTT here); and from 30 ms above the margin's, it is in the cloud but for probes (at
// most one request in probe_every + 1 = 5; they are that frequent near the boundary, where a probe
// costs little). Checked over 60 seeds.
TEST(ModelPolicyAwc, SwitchesNearTheClosedFormBreakEvenRtt) {
  const double break_even = break_even_at_best_gamma(50, 0);
  const double with_margin = break_even_at_best_gamma(50, 0.03);
  EXPECT_NEAR(break_even, 118.1, 0.5);
  EXPECT_NEAR(with_margin, 124.2, 0.5);
  double lowest_cloud_rtt = -1;
  for (double rtt = 80; rtt <= 200; rtt += 5) {
    auto policy = make_speculation_policy(awc(), context(50));
    SyntheticClient client(*policy, 3);
    const auto requests = client.requests(at(rtt, 50), 40, 256);
    const long cloud = count_cloud(requests, 2);
    if (rtt < break_even - 10) {
      EXPECT_EQ(cloud, 0) << "RTT " << rtt;
    }
    if (rtt >= with_margin + 30) {
      EXPECT_GE(cloud, 38 - (38 + 4) / 5) << "RTT " << rtt;
    }
    if (lowest_cloud_rtt < 0 && cloud >= 19) lowest_cloud_rtt = rtt;
  }
  EXPECT_GE(lowest_cloud_rtt, break_even - 10);
  EXPECT_LE(lowest_cloud_rtt, with_margin + 20);
}

// After leaving DSD with DSD r times slower, awc probes after max(probe_every,
// ceil((r - 1) / probe_overhead) - 1) cloud requests. At RTT 300 r is about 4.6 (2.5 to 5.5 as
// measured by one probe request of about 30 windows), so with a 50% budget 3 to 9 cloud
// requests separate two probes; with the default 1%, about 360 (over 150 for any r >= 2.5).
TEST(ModelPolicyAwc, ProbesAtTheIntervalItsOverheadBudgetAllows) {
  for (const double overhead : {0.5, 0.01}) {
    SpeculationParams s = awc();
    s.policy.probe_overhead = overhead;
    auto policy = make_speculation_policy(s, context());
    SyntheticClient client(*policy, 4);
    const auto cloud = in_cloud(client.requests(at(300), overhead > 0.1 ? 60 : 150, 256));
    std::vector<std::size_t> dsd;
    for (std::size_t i = 0; i < cloud.size(); ++i) {
      if (!cloud[i]) dsd.push_back(i);
    }
    ASSERT_FALSE(dsd.empty());
    EXPECT_EQ(dsd[0], 0u);
    if (overhead < 0.1) {
      EXPECT_EQ(dsd.size(), 1u);  // no probe within 150 requests
      continue;
    }
    ASSERT_GE(dsd.size(), 5u);
    for (std::size_t i = 1; i < dsd.size(); ++i) {
      const auto gap = dsd[i] - dsd[i - 1] - 1;  // cloud requests between two DSD ones
      EXPECT_GE(gap, 3u) << i;
      EXPECT_LE(gap, 9u) << i;
    }
  }
}

TEST(ModelPolicyAwc, ProbesAndComesBackWhenDsdPaysAgain) {
  SpeculationParams s = awc();
  s.policy.probe_overhead = 0.5;  // probes every 7-9 requests at RTT 300
  auto policy = make_speculation_policy(s, context());
  SyntheticClient client(*policy, 5);
  const auto before = client.requests(at(300), 20, 256);
  EXPECT_GE(count_cloud(before), 17);
  const auto after = client.requests(at(1), 60, 256);  // the route got much better
  const auto back = std::find_if(after.begin(), after.end(), [](const RequestResult& r) {
    return r.decoding == RequestDecoding::dsd;
  });
  ASSERT_NE(back, after.end());
  EXPECT_LE(back - after.begin(), 10);  // by the next probe
  EXPECT_EQ(count_cloud(after, static_cast<std::size_t>(back - after.begin())), 0);
}

// The cloud it fell back to got slower (its TPOT observations rise well above DSD's last
// estimate): it comes back without waiting for a probe.
TEST(ModelPolicyAwc, ComesBackWhenTheCloudSlowsDown) {
  auto policy = make_speculation_policy(awc(), context());
  SyntheticClient client(*policy, 6);
  const auto before = client.requests(at(50, 20), 10, 256);  // T_SYNC about 32.5 ms
  EXPECT_EQ(count_cloud(before), 9);
  const auto after = client.requests(at(50, 400), 20, 256);
  EXPECT_EQ(after[0].decoding, RequestDecoding::cloud_ar);
  // One request at 400 ms per token lifts the cloud estimate (a mean of 10 so far) to 58 ms,
  // well above DSD's 32.5 x 1.03: back to DSD, long before the next probe would be due (about
  // 60 requests).
  EXPECT_EQ(count_cloud(after), 1);
}

// Settled switches: changes of where the client decodes, a probe (one DSD request between cloud
// requests, 256 tokens being many more windows than warmup_rounds) not counted as one.
int settled_switches(const std::vector<RequestResult>& requests) {
  auto cloud = in_cloud(requests);
  for (std::size_t i = 1; i + 1 < cloud.size(); ++i) {
    if (!cloud[i] && cloud[i - 1] && cloud[i + 1]) cloud[i] = true;
  }
  int n = 0;
  for (std::size_t i = 1; i < cloud.size(); ++i) n += cloud[i] != cloud[i - 1];
  return n;
}

// T_SYNC at the optimal window (docs/model.md's parameters) for `rtt` and `t_v`.
double best_sync_ms(double rtt, double t_v) {
  double best = 1e300;
  for (int g = 1; g <= 12; ++g) {
    closed_form::Inputs in;
    in.alpha = 0.8;
    in.gamma = g;
    in.t_de = 10;
    in.t_v = t_v;
    in.rtt = rtt;
    best = std::min(best, closed_form::tpot_dsd_sync(in));
  }
  return best;
}

// When DSD and the cloud are equally fast (the cloud's TPOT set to T_SYNC at the optimal window;
// RTT 8 ms with t_v 20, and RTT 88 ms with t_v 50 where windows are longer and alpha_hat's
// noise moves T_dsd more), the defaults' hysteresis (3% margin, 1.5 standard errors of
// evidence) keeps the client where it is for about 60 requests at a time or more: at most 6
// settled switches in 300 requests (0 to 5 over 30 seeds). Without it the client follows the
// noise and switches 20 to 55 times.
TEST(ModelPolicyAwc, ItsHysteresisKeepsItFromFlappingAtTheBoundary) {
  struct Boundary {
    double rtt, t_v;
  };
  for (const Boundary b : {Boundary{8, 20}, Boundary{88, 50}}) {
    const double boundary = best_sync_ms(b.rtt, b.t_v);
    for (const bool hysteresis : {true, false}) {
      SpeculationParams s = awc();
      if (!hysteresis) {
        s.policy.switch_margin = 0;
        s.policy.switch_confidence = 0;
      }
      auto policy = make_speculation_policy(s, context(boundary));
      SyntheticClient client(*policy, 7);
      Conditions c = at(b.rtt, boundary);
      c.t_v = b.t_v;
      const auto requests = client.requests(c, 300, 256);
      if (hysteresis) {
        EXPECT_LE(settled_switches(requests), 6) << "RTT " << b.rtt;
      } else {
        EXPECT_GE(settled_switches(requests), 15) << "RTT " << b.rtt;
      }
    }
  }
}

// The margin alone (no evidence band): with switch_margin 0.2, DSD 5% slower than the cloud keeps
// the client in DSD (alpha_hat's noise after one request, about 4% of T_dsd, never bridges the
// other 15%), DSD 40% slower sends it to the cloud after its first request.
TEST(ModelPolicyAwc, RespectsItsMargin) {
  const double dsd_ms = best_sync_ms(8, 20);
  for (const double slower : {1.05, 1.4}) {
    SpeculationParams s = awc();
    s.policy.switch_margin = 0.2;
    s.policy.switch_confidence = 0;
    const double cloud_ms = dsd_ms / slower;
    auto policy = make_speculation_policy(s, context(cloud_ms));
    SyntheticClient client(*policy, 8);
    const auto requests = client.requests(at(8, cloud_ms), 100, 256);
    if (slower < 1.2) {
      EXPECT_EQ(count_cloud(requests), 0);
    } else {
      EXPECT_EQ(requests[1].decoding, RequestDecoding::cloud_ar);
      EXPECT_GE(count_cloud(requests), 75);  // probes: r = 1.4 allows one every 40 requests
    }
  }
}

// The cloud-side estimate starts from the fallback's closed-form prior, or cloud_tpot_ms, and
// the first cloud request observed replaces it. RTT 8: T_dsd about 19.6 ms.
TEST(ModelPolicyAwc, CloudEstimateStartsFromItsPriorAndFollowsObservations) {
  const PolicyContext priors = context(30, 15);
  {  // cloud_ar prior 30 ms: DSD pays
    auto policy = make_speculation_policy(awc(DecodingMode::cloud_ar), priors);
    SyntheticClient client(*policy, 8);
    EXPECT_EQ(count_cloud(client.requests(at(8, 30), 20, 256)), 0);
  }
  {  // colocated_sd prior 15 ms: the cloud pays
    auto policy = make_speculation_policy(awc(DecodingMode::colocated_sd), priors);
    SyntheticClient client(*policy, 8);
    const auto requests = client.requests(at(8, 15), 20, 256);
    EXPECT_EQ(requests[1].decoding, RequestDecoding::colocated_sd);
    EXPECT_GE(count_cloud(requests), 18);  // r about 1.3: a probe after 20-30 requests
  }
  {  // cloud_tpot_ms overrides the prior
    SpeculationParams s = awc(DecodingMode::colocated_sd);
    s.policy.cloud_tpot_ms = 40;
    auto policy = make_speculation_policy(s, priors);
    SyntheticClient client(*policy, 8);
    EXPECT_EQ(count_cloud(client.requests(at(8, 15), 20, 256)), 0);
  }
  {  // the prior says 15 ms, the first colocated request takes 40: back to DSD at once
    auto policy = make_speculation_policy(awc(DecodingMode::colocated_sd), priors);
    SyntheticClient client(*policy, 8);
    const auto requests = client.requests(at(8, 40), 20, 256);
    EXPECT_EQ(count_cloud(requests), 1);
    EXPECT_EQ(requests[1].decoding, RequestDecoding::colocated_sd);
  }
}

// The window moves toward analytic_optimal's argmax a fraction gamma_smoothing at a time, and
// stays in its range.
TEST(ModelPolicyAwc, WindowIsSmoothedTowardTheOptimumAndClamped) {
  auto policy = make_speculation_policy(awc(), context(1000));  // DSD always pays
  SyntheticClient client(*policy, 9);
  const auto windows = policy_test::asked_windows(client.requests(at(200, 1000), 60, 256));
  for (std::size_t i = 0; i < 10; ++i) EXPECT_EQ(windows[i], 4);  // warm-up: speculation.gamma
  for (std::size_t i = 1; i < windows.size(); ++i) {
    EXPECT_LE(std::abs(windows[i] - windows[i - 1]), 2) << i;
  }
  // docs/model.md's optimum at RTT 200 (9 and 10 are within 1% of it: alpha_hat decides).
  const double late = std::accumulate(windows.end() - 1000, windows.end(), 0.0) / 1000;
  EXPECT_NEAR(late, 8, 1);

  SpeculationParams s = awc();
  s.policy.gamma_max = 6;
  auto clamped = make_speculation_policy(s, context(1000));
  SyntheticClient clamped_client(*clamped, 9);
  const auto clamped_windows =
      policy_test::asked_windows(clamped_client.requests(at(200, 1000), 10, 256));
  EXPECT_EQ(*std::max_element(clamped_windows.begin(), clamped_windows.end()), 6);
  EXPECT_EQ(clamped_windows.back(), 6);
}

// No randomness of its own: the same observations give the same decisions.
TEST(ModelPolicyAwc, IsDeterministic) {
  auto a = make_speculation_policy(awc(), context());
  auto b = make_speculation_policy(awc(), context());
  SyntheticClient ca(*a, 10), cb(*b, 10);
  const auto ra = ca.requests(at(12), 60, 128);
  const auto rb = cb.requests(at(12), 60, 128);
  for (std::size_t i = 0; i < ra.size(); ++i) {
    ASSERT_EQ(ra[i].decoding, rb[i].decoding) << i;
    ASSERT_EQ(ra[i].asked, rb[i].asked) << i;
  }
}

}  // namespace
}  // namespace dsdsi

namespace dsdsi {
namespace {

// In dsd_pipelined the prediction is T_PIPE: with alpha 0.8, gamma 4, t_de 30 and a 150 ms wait,
// T_SYNC is 80.3 ms and T_PIPE 68.6 ms (the next window is drafted during the wait). Against a
// 74 ms cloud, a synchronous client leaves DSD once its evidence is clear; a pipelined one stays.
TEST(ModelPolicyAwc, PredictsPipelinedTimePerTokenInPipelinedMode) {
  for (const bool pipelined : {false, true}) {
    SpeculationParams s = awc();
    s.policy.gamma_min = s.policy.gamma_max = 4;  // hold the window: compare predictions only
    s.policy.cloud_tpot_ms = 74;
    PolicyContext c;
    c.draft_ms_per_token = 30;
    c.cloud_ar_tpot_ms = 74;
    c.pipelined = pipelined;
    auto policy = make_speculation_policy(s, c);
    ASSERT_EQ(policy->decoding_for_next_request(), RequestDecoding::dsd);
    // 2,000 windows whose acceptance follows alpha 0.8 exactly in aggregate: of every 5
    // windows, accepted counts 4, 4, 1, 0, 3 give 12 successes in 15 trials (alpha_hat 0.8).
    const std::int64_t pattern[] = {4, 4, 1, 0, 3};
    for (int i = 0; i < 2000; ++i) {
      const std::int64_t accepted = pattern[i % 5];
      policy->observe_round({4, accepted, accepted + 1, 120, 150});
    }
    const RequestDecoding next = policy->decoding_for_next_request();
    EXPECT_EQ(next, pipelined ? RequestDecoding::dsd : RequestDecoding::cloud_ar)
        << (pipelined ? "pipelined" : "sync");
  }
}

}  // namespace
}  // namespace dsdsi
