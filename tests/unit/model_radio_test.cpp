// The radio state machine against energies worked out by hand from the published parameters
// (ARO's lte.conf, i997.conf, WiFi.conf; docs/energy.md). The expected values are written as the
// sums the state machine must make, state by state, so a reader can check them against the
// tables; the tolerance is a few ulps of the ~10 J totals (1e-12 J), since the model adds the
// same products.
#include <gtest/gtest.h>

#include <stdexcept>

#include "dsdsi/model/radio_model.hpp"
#include "dsdsi/model/radio_presets.hpp"

namespace {

using dsdsi::LinkDirection;
using dsdsi::radio_preset;
using dsdsi::radio_usage;
using dsdsi::RadioParams;
using dsdsi::RadioTransfer;

constexpr double kJ = 1e-12;

// lte.conf, by hand: DRX averages (0.002 x 1.68 + 0.018 x 1.06) / 0.02 = 1.122 W and
// (0.002 x 1.68 + 0.038 x 1.06) / 0.04 = 1.091 W; IDLE paging 0.043 x 0.594 / 1.28 W.
constexpr double kPromotionJ = 0.26 * 1.21;
constexpr double kFullTailJ = 0.1 * 1.2 + 0.02 * 1.122 + 10 * 1.091;  // 11.05244 J
constexpr double kLteIdleW = 0.043 * 0.594 / 1.28;

RadioParams lte() { return *radio_preset("lte"); }

TEST(RadioPresets, LteDerivedPowersMatchTheHandDerivation) {
  const RadioParams r = lte();
  EXPECT_NEAR(r.short_tail_w, 1.122, 1e-12);
  EXPECT_NEAR(r.long_tail_w, 1.091, 1e-12);
  EXPECT_NEAR(r.idle_w, kLteIdleW, 1e-15);
  EXPECT_DOUBLE_EQ(r.tail_s(), 10.12);
  EXPECT_FALSE(radio_preset("5g").has_value());
}

// One transfer after a long idle: a promotion, the transfer at active power plus the uplink
// term (1 Mbit at 438.39 mW per Mbit/s), and the whole tail.
TEST(RadioModel, OneTransferAfterIdlePaysPromotionActiveAndFullTail) {
  const auto u = radio_usage(lte(), {{0, 0.5, LinkDirection::up, 125000}});
  EXPECT_EQ(u.promotions, 1);
  EXPECT_DOUBLE_EQ(u.promotion_s, 0.26);
  EXPECT_DOUBLE_EQ(u.active_s, 0.5);
  EXPECT_DOUBLE_EQ(u.inactivity_s, 0.1);
  EXPECT_DOUBLE_EQ(u.short_tail_s, 0.02);
  EXPECT_DOUBLE_EQ(u.long_tail_s, 10);
  EXPECT_EQ(u.idle_s, 0);
  EXPECT_NEAR(u.energy_j, kPromotionJ + 0.5 * 1.2 + 0.43839 * 1 + kFullTailJ, kJ);  // 12.40543 J
}

// Rounds every P = 0.3 s, each a 50 ms transfer, P shorter than the 10.12 s tail: the radio
// never returns to IDLE. Each 0.25 s gap is spent 0.1 s in the inactivity timer, 0.02 s in short
// DRX and 0.13 s in long DRX; the last round is followed by the full tail.
TEST(RadioModel, RoundsCloserThanTheTailNeverReturnToIdle) {
  std::vector<RadioTransfer> rounds;
  for (int i = 0; i < 10; ++i) rounds.push_back({0.3 * i, 0.3 * i + 0.05, LinkDirection::down, 0});
  const auto u = radio_usage(lte(), rounds);
  EXPECT_EQ(u.promotions, 1);
  EXPECT_EQ(u.idle_s, 0);
  EXPECT_NEAR(u.active_s, 0.5, 1e-12);
  EXPECT_NEAR(u.long_tail_s, 9 * 0.13 + 10, 1e-12);
  const double gap_j = 0.1 * 1.2 + 0.02 * 1.122 + 0.13 * 1.091;                   // 0.28427 J
  EXPECT_NEAR(u.energy_j, kPromotionJ + 0.5 * 1.2 + 9 * gap_j + kFullTailJ, kJ);  // 14.52547 J

  // WiFi has one tail state at active power: with rounds every 0.2 s (0.15 s gaps, inside its
  // 0.25 s tail) everything after the first byte is at 0.403 W, so the energy is
  // (last end - first start + tail) x 0.403 = (1.85 + 0.25) x 0.403.
  std::vector<RadioTransfer> wifi_rounds;
  for (int i = 0; i < 10; ++i) {
    wifi_rounds.push_back({0.2 * i, 0.2 * i + 0.05, LinkDirection::up, 0});
  }
  const auto w = radio_usage(*radio_preset("wifi"), wifi_rounds);
  EXPECT_EQ(w.promotions, 1);
  EXPECT_EQ(w.idle_s, 0);
  EXPECT_NEAR(w.energy_j, (1.85 + 0.25) * 0.403, kJ);
}

// Rounds 20 s apart, beyond the 10.12 s tail: each round pays a promotion and a full tail, and
// the rest of each gap is IDLE at the paging power.
TEST(RadioModel, RoundsBeyondTheTailPayOnePromotionAndOneTailEach) {
  std::vector<RadioTransfer> rounds;
  for (int i = 0; i < 3; ++i) rounds.push_back({20.0 * i, 20.0 * i + 0.1, LinkDirection::up, 0});
  const auto u = radio_usage(lte(), rounds);
  EXPECT_EQ(u.promotions, 3);
  EXPECT_NEAR(u.long_tail_s, 30, 1e-12);
  const double idle_s = 2 * (20 - 0.1 - 10.12);  // 19.56 s
  EXPECT_NEAR(u.idle_s, idle_s, 1e-12);
  EXPECT_NEAR(u.energy_j, 3 * (kPromotionJ + 0.1 * 1.2 + kFullTailJ) + idle_s * kLteIdleW, kJ);
}

// 3G: a transfer 5 s after the last one finds the radio in FACH (after the 4 s DCH tail) and
// pays the FACH -> DCH promotion (1.5 s at 0.8 W); one 3 s later is still in DCH and pays none.
TEST(RadioModel, UmtsRepromotesFromTheLongTailOnly) {
  const auto u = radio_usage(*radio_preset("3g"), {{0, 1, LinkDirection::up, 0},
                                                   {6, 7, LinkDirection::down, 0},
                                                   {10, 11, LinkDirection::down, 0}});
  EXPECT_EQ(u.promotions, 2);
  EXPECT_DOUBLE_EQ(u.promotion_s, 2.0 + 1.5);
  const double expected = 2.0 * 0.65 + 1.5 * 0.8 + 3 * 1.3  // promotions, three active seconds
                          + 4 * 1.3 + 1 * 0.3               // first gap: DCH tail, 1 s of FACH
                          + 3 * 1.3                         // second gap, inside the DCH tail
                          + 4 * 1.3 + 10 * 0.3;             // the last tail
  EXPECT_NEAR(u.energy_j, expected, kJ);
}

// Overlapping transfers (a pipelined uplink under a downlink) are one busy period: the base
// power counts once, each direction's throughput term counts its own megabits.
TEST(RadioModel, OverlappingTransfersShareTheBasePower) {
  const auto u =
      radio_usage(lte(), {{1, 3, LinkDirection::down, 250000}, {0, 2, LinkDirection::up, 125000}});
  EXPECT_DOUBLE_EQ(u.active_s, 3);
  EXPECT_NEAR(u.energy_j, kPromotionJ + 3 * 1.2 + 0.43839 * 1 + 0.05197 * 2 + kFullTailJ, kJ);
}

TEST(RadioModel, NoTransferNoEnergyAndBadTransfersAreRefused) {
  EXPECT_EQ(radio_usage(lte(), {}).energy_j, 0);
  EXPECT_THROW(radio_usage(lte(), {{2, 1, LinkDirection::up, 0}}), std::invalid_argument);
}

}  // namespace
