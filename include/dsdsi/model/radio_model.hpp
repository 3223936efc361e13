#pragma once
// The edge device's cellular or WiFi radio as a state machine (docs/energy.md, "Radio"): the
// RRC model of Huang et al. (MobiSys 2012) with the parameters AT&T ARO ships (lte.conf,
// i997.conf, WiFi.conf; model/radio_presets.hpp). Pure: fed with the device's transfers after the
// run, it returns the radio's energy and its time in each state. Nothing here feeds back into
// the simulated timing.
//
// States and transitions:
// - IDLE until a transfer starts; the radio then PROMOTEs (`promotion_s` at `promotion_w`);
// - ACTIVE while any transfer is in progress, at `active_w` plus `active_w_per_mbps_up` (down)
//   per Mbit/s of uplink (downlink) throughput;
// - after the last transfer of a busy period, three tail stages in order: the inactivity timer
//   (`inactivity_timer_s`, at `active_w`), the short tail (LTE's short DRX) and the long tail
//   (LTE's long DRX, 3G's FACH); then IDLE, at `idle_w`;
// - a transfer that starts during the tail returns the radio to ACTIVE, with no promotion except
//   from the long tail when `long_tail_promotion_s` is non-zero (3G's FACH -> DCH).
//
// Two consequences the accounting uses:
// - The throughput terms integrate to (W per Mbit/s) x Mbit: their energy is the coefficient
//   times the megabits moved, whatever the timing; only the base power depends on time.
// - A promotion happens before the transfer that needs it, but the simulated transfer was not
//   delayed by it: promotions are added to the radio's timeline, so the time in all states adds
//   up to the busy-to-idle span plus the promotions.
#include <cstdint>
#include <vector>

namespace dsdsi {

// Powers in W, times in s; the throughput coefficients in W per Mbit/s.
struct RadioParams {
  double promotion_s = 0;
  double promotion_w = 0;
  double active_w = 0;
  double active_w_per_mbps_up = 0;
  double active_w_per_mbps_down = 0;
  double inactivity_timer_s = 0;
  double short_tail_s = 0;
  double short_tail_w = 0;
  double long_tail_s = 0;
  double long_tail_w = 0;
  double long_tail_promotion_s = 0;
  double long_tail_promotion_w = 0;
  double idle_w = 0;

  double tail_s() const { return inactivity_timer_s + short_tail_s + long_tail_s; }
};

enum class LinkDirection { up, down };

// One message through the device's radio, from its first byte to its last, in seconds.
struct RadioTransfer {
  double start_s = 0;
  double end_s = 0;
  LinkDirection direction = LinkDirection::up;
  double bytes = 0;
};

// What the radio did over a device's transfers, from the first promotion to the end of the tail
// after its last transfer (the idle time before the first transfer and after the last tail is
// not the run's doing and is left out).
struct RadioUsage {
  double energy_j = 0;
  std::int64_t promotions = 0;  // from IDLE, and from the long tail where that costs one
  double promotion_s = 0;
  double active_s = 0;
  double inactivity_s = 0;
  double short_tail_s = 0;
  double long_tail_s = 0;
  double idle_s = 0;

  // Adds another device's usage (class and run totals).
  RadioUsage& operator+=(const RadioUsage& other);
};

// The radio's usage for `transfers` (any order; they may overlap). Throws std::invalid_argument
// if a transfer ends before it starts or is not finite.
RadioUsage radio_usage(const RadioParams& radio, std::vector<RadioTransfer> transfers);

}  // namespace dsdsi
