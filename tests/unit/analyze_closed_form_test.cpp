// What `dsdsi analyze` derives from the closed forms: break-even RTTs by bisection (checked
// against the explicit form and Table III), the pipelining window and saturated throughput,
// on docs/model.md's reference set (alpha 0.8, gamma 4, t_d 10, t_v = t_ar 20, RTT 50).
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/model/closed_form_analysis.hpp"

namespace cf = dsdsi::closed_form;
using dsdsi::DecodingMode;

namespace {

cf::Inputs reference() {
  cf::Inputs in;
  in.alpha = 0.8;
  in.gamma = 4;
  in.t_de = in.t_dc = 10;
  in.t_v = in.t_ar = 20;
  in.rtt = 50;
  return in;
}

TEST(AnalyzeClosedForm, SyncBreakEvenMatchesTheExplicitForm) {
  for (const double ser : {0.0, 0.7}) {
    cf::Inputs in = reference();
    in.t_v = in.t_ar = 50;
    in.ser = ser;
    const auto bisected =
        cf::rtt_below_which_faster(DecodingMode::dsd_sync, DecodingMode::cloud_ar, in);
    ASSERT_TRUE(bisected.has_value());
    EXPECT_NEAR(*bisected, *cf::break_even_rtt(in), 1e-6);
    in.rtt = *bisected;  // at the crossing the two modes take the same time per token
    EXPECT_NEAR(cf::tpot_dsd_sync(in), cf::tpot_cloud_ar(in), 1e-6);
  }
}

TEST(AnalyzeClosedForm, NeverAndAlways) {
  cf::Inputs in = reference();  // T_CO = 17.85 < T_SYNC at any RTT >= 0: sync never wins
  EXPECT_FALSE(cf::rtt_below_which_faster(DecodingMode::dsd_sync, DecodingMode::colocated_sd, in));
  // Against a mode that is slower at every RTT the answer is "always".
  in.t_ar = 1e12;
  const auto always =
      cf::rtt_below_which_faster(DecodingMode::dsd_sync, DecodingMode::cloud_ar, in);
  ASSERT_TRUE(always.has_value());
  EXPECT_TRUE(std::isinf(*always));
}

TEST(AnalyzeClosedForm, PipelinedCrossingLiesWherePipelinedEqualsTheOther) {
  cf::Inputs in = reference();
  in.t_v = in.t_ar = 50;
  const auto rtt =
      cf::rtt_below_which_faster(DecodingMode::dsd_pipelined, DecodingMode::cloud_ar, in);
  ASSERT_TRUE(rtt.has_value());
  in.rtt = *rtt;
  EXPECT_NEAR(cf::tpot_dsd_pipelined(in), 50.0, 1e-6);
  // Pipelining wins over a wider range of RTT than synchronous DSD.
  EXPECT_GT(*rtt, *cf::break_even_rtt(in));
}

TEST(AnalyzeClosedForm, ReferenceSetAnalysis) {
  const cf::Analysis a = cf::analyze(reference());
  EXPECT_NEAR(a.expected_tokens_per_round, 3.3616, 1e-3);
  EXPECT_NEAR(a.tpot_ms.at(DecodingMode::dsd_sync), 32.7225, 1e-3);
  EXPECT_NEAR(a.tpot_ms.at(DecodingMode::dsd_pipelined), 28.8234, 1e-3);
  EXPECT_NEAR(*a.sync_beats_cloud_ar_below_rtt_ms, 3.3616 * 20 - 20 - 40, 1e-3);
  EXPECT_EQ(a.optimal_gamma_sync, 5);  // docs/model.md: gamma* = 5 at RTT 50
  EXPECT_DOUBLE_EQ(a.pipelining_window_ms, 50);
  EXPECT_DOUBLE_EQ(a.pipelining_hides_rtt_up_to_ms, 30);
  EXPECT_NEAR(a.capacity_ratio, 3.0, 1e-12);
  EXPECT_NEAR(a.saturated_dsd_tokens_per_s / a.saturated_colocated_tokens_per_s, 3.0, 1e-12);
  EXPECT_NEAR(a.saturated_dsd_tokens_per_s, 1000 * 3.3616 / 20, 0.01);
}

TEST(AnalyzeClosedForm, SaturatedThroughputPerMode) {
  const cf::Inputs in = reference();
  EXPECT_DOUBLE_EQ(*cf::saturated_throughput_tokens_per_s(DecodingMode::cloud_ar, in), 50.0);
  EXPECT_FALSE(cf::saturated_throughput_tokens_per_s(DecodingMode::edge_ar, in));
  EXPECT_DOUBLE_EQ(*cf::saturated_throughput_tokens_per_s(DecodingMode::dsd_pipelined, in),
                   *cf::saturated_throughput_tokens_per_s(DecodingMode::dsd_sync, in));
}

}  // namespace
