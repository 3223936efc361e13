// Closed forms against the reference values printed in docs/model.md (tolerance 1e-3,
// as docs/model.md states them to four or five significant digits).
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/model/closed_form.hpp"

namespace cf = dsdsi::closed_form;

namespace {
cf::Inputs reference(double alpha, int gamma, double t_d, double t_v, double rtt) {
  cf::Inputs in;
  in.alpha = alpha;
  in.gamma = gamma;
  in.t_de = in.t_dc = t_d;
  in.t_v = in.t_ar = t_v;
  in.rtt = rtt;
  in.ser = 0;
  return in;
}
}  // namespace

TEST(ModelClosedForm, ReferenceSetAlpha08Gamma4) {
  const auto in = reference(0.8, 4, 10, 20, 50);
  EXPECT_NEAR(cf::expected_tokens_per_round(0.8, 4), 3.3616, 1e-3);
  EXPECT_NEAR(cf::tpot_colocated_sd(in), 17.8486, 1e-3);
  EXPECT_NEAR(cf::tpot_dsd_sync(in), 32.7225, 1e-3);
  EXPECT_NEAR(cf::tpot_dsd_pipelined(in), 28.8234, 1e-3);
  EXPECT_NEAR(cf::capacity_ratio(in), 3.0, 1e-3);
  EXPECT_DOUBLE_EQ(cf::tpot_cloud_ar(in), 20);
  EXPECT_DOUBLE_EQ(cf::tpot_edge_ar(in), 10);
}

TEST(ModelClosedForm, ReferenceSetAlpha07Gamma5) {
  const auto in = reference(0.7, 5, 10, 50, 60);
  EXPECT_NEAR(cf::expected_tokens_per_round(0.7, 5), 2.94117, 1e-3);
  EXPECT_NEAR(cf::tpot_colocated_sd(in), 34.0001, 1e-3);
  EXPECT_NEAR(cf::tpot_dsd_sync(in), 54.4001, 1e-3);
  EXPECT_NEAR(cf::tpot_dsd_pipelined(in), 52.4001, 1e-3);
  EXPECT_NEAR(cf::capacity_ratio(in), 2.0, 1e-3);
}

TEST(ModelClosedForm, ExpectedTokensAtFullAcceptanceIsGammaPlusOne) {
  EXPECT_DOUBLE_EQ(cf::expected_tokens_per_round(1.0, 4), 5.0);
  EXPECT_DOUBLE_EQ(cf::expected_tokens_per_round(0.0, 4), 1.0);
}

TEST(ModelClosedForm, SerialisationAddsToTheSynchronousRound) {
  auto in = reference(0.8, 4, 10, 20, 50);
  const double without = cf::tpot_dsd_sync(in);
  in.ser = 3.0;
  EXPECT_NEAR(cf::tpot_dsd_sync(in) - without, 3.0 / 3.3616, 1e-3);
}

// Table III of "Speculation at a Distance": the largest RTT (ms, rounded) at which synchronous
// DSD still beats cloud AR, gamma 5, t_de 10, t_v = t_ar. 0 stands for "never".
TEST(ModelClosedForm, BreakEvenRttReproducesTableIII) {
  struct Row {
    double t_ar;
    int expected[4];
  };
  const double alphas[4] = {0.5, 0.7, 0.85, 0.9};
  const Row rows[] = {{100, {47, 144, 265, 319}},
                      {50, {0, 47, 108, 134}},
                      {30, {0, 8, 45, 61}},
                      {20, {0, 0, 13, 24}}};
  for (const auto& row : rows) {
    for (int i = 0; i < 4; ++i) {
      const auto rtt = cf::break_even_rtt(reference(alphas[i], 5, 10, row.t_ar, 0));
      const int rounded = rtt ? static_cast<int>(std::lround(*rtt)) : 0;
      EXPECT_EQ(rounded, row.expected[i]) << "t_ar=" << row.t_ar << " alpha=" << alphas[i];
    }
  }
}

TEST(ModelClosedForm, OptimalGammaGrowsWithRtt) {
  const double rtts[] = {1, 20, 50, 100, 200};
  const int expected[] = {2, 3, 5, 6, 8};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(cf::optimal_gamma_sync(0.8, 10, rtts[i], 20, 32), expected[i]) << "rtt=" << rtts[i];
  }
}

TEST(ModelClosedForm, SynchronousDsdNeverBeatsColocatedWhenEdgeIsNotFaster) {
  for (double alpha : {0.3, 0.6, 0.9}) {
    for (int gamma : {1, 4, 8}) {
      for (double rtt : {0.5, 10.0, 100.0}) {
        auto in = reference(alpha, gamma, 10, 20, rtt);
        EXPECT_GT(cf::tpot_dsd_sync(in), cf::tpot_colocated_sd(in));
      }
    }
  }
}
