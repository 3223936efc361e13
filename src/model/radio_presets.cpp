#include "dsdsi/model/radio_presets.hpp"

namespace dsdsi {

namespace {

// Average power of a duty cycle: `on_s` at `on_w` in every `period_s`, the rest at `off_w`.
constexpr double duty_cycle_w(double on_s, double on_w, double period_s, double off_w) {
  return (on_s * on_w + (period_s - on_s) * off_w) / period_s;
}

// lte.conf, "Default LTE Device" (AT&T). Keys named as in the file.
RadioParams lte() {
  constexpr double T_DRX_PING = 0.002, P_SHORT_DRX_PING = 1.68, P_LONG_DRX_PING = 1.68;
  constexpr double P_TAIL = 1.06, T_SHORT_DRX_PING_PERIOD = 0.02, T_LONG_DRX_PING_PERIOD = 0.04;
  constexpr double T_IDLE_PING = 0.043, T_IDLE_PING_PERIOD = 1.28, P_IDLE_PING = 0.594;
  constexpr double P_IDLE = 0.0;
  RadioParams r;
  r.promotion_s = 0.26;                // T_PROMOTION
  r.promotion_w = 1.21;                // P_PROMOTION
  r.active_w = 1.2;                    // LTE_BETA
  r.active_w_per_mbps_up = 0.43839;    // LTE_ALPHA_UP, 438.39 mW per Mbit/s
  r.active_w_per_mbps_down = 0.05197;  // LTE_ALPHA_DOWN, 51.97 mW per Mbit/s
  r.inactivity_timer_s = 0.1;          // INACTIVITY_TIMER
  r.short_tail_s = 0.02;               // T_SHORT_DRX
  r.short_tail_w = duty_cycle_w(T_DRX_PING, P_SHORT_DRX_PING, T_SHORT_DRX_PING_PERIOD, P_TAIL);
  r.long_tail_s = 10;  // T_LONG_DRX
  r.long_tail_w = duty_cycle_w(T_DRX_PING, P_LONG_DRX_PING, T_LONG_DRX_PING_PERIOD, P_TAIL);
  r.idle_w = duty_cycle_w(T_IDLE_PING, P_IDLE_PING, T_IDLE_PING_PERIOD, P_IDLE);
  return r;
}

// i997.conf (Samsung i997, AT&T HSPA). DCH is the active state and its tail (DCH_FACH_TIMER);
// FACH plays the long tail (FACH_IDLE_TIMER); no short tail. Throughput does not change the
// power in ARO's 3G model.
RadioParams umts() {
  RadioParams r;
  r.promotion_s = 2.0;             // IDLE_DCH_PROMO_AVG
  r.promotion_w = 0.65;            // POWER_IDLE_DCH
  r.active_w = 1.30;               // POWER_DCH
  r.inactivity_timer_s = 4;        // DCH_FACH_TIMER
  r.long_tail_s = 10;              // FACH_IDLE_TIMER
  r.long_tail_w = 0.30;            // POWER_FACH
  r.long_tail_promotion_s = 1.5;   // FACH_DCH_PROMO_AVG
  r.long_tail_promotion_w = 0.80;  // POWER_FACH_DCH
  r.idle_w = 0;                    // POWER_IDLE
  return r;
}

// WiFi.conf ("Default WiFi"): active power while transferring and during the tail, standby
// power otherwise, no promotion.
RadioParams wifi() {
  RadioParams r;
  r.active_w = 0.403;           // POWER_WIFI_ACTIVE
  r.inactivity_timer_s = 0.25;  // WIFI_TAIL_TIME
  r.idle_w = 0.02;              // POWER_WIFI_STANDBY
  return r;
}

}  // namespace

const std::vector<std::string>& radio_preset_names() {
  static const std::vector<std::string> names{"lte", "3g", "wifi"};
  return names;
}

std::optional<RadioParams> radio_preset(const std::string& name) {
  if (name == "lte") return lte();
  if (name == "3g") return umts();
  if (name == "wifi") return wifi();
  return std::nullopt;
}

const std::vector<RadioField>& radio_fields() {
  // Bounds: no phone radio draws 100 W, and timers of an hour are far beyond any RRC setting;
  // they only keep a typo from passing as a parameter.
  constexpr double kMaxW = 100, kMaxS = 3600, kMaxWPerMbps = 100;
  static const std::vector<RadioField> fields{
      {"promotion_s", "s", "IDLE -> ACTIVE promotion time (LTE T_PROMOTION).", kMaxS,
       &RadioParams::promotion_s},
      {"promotion_w", "W", "Power during the promotion (LTE P_PROMOTION).", kMaxW,
       &RadioParams::promotion_w},
      {"active_w", "W", "Base power while transferring and during the inactivity timer (LTE_BETA).",
       kMaxW, &RadioParams::active_w},
      {"active_w_per_mbps_up", "W/(Mbit/s)",
       "Power added per Mbit/s of uplink throughput while active (LTE_ALPHA_UP).", kMaxWPerMbps,
       &RadioParams::active_w_per_mbps_up},
      {"active_w_per_mbps_down", "W/(Mbit/s)",
       "Power added per Mbit/s of downlink throughput while active (LTE_ALPHA_DOWN).", kMaxWPerMbps,
       &RadioParams::active_w_per_mbps_down},
      {"inactivity_timer_s", "s",
       "Time at active power after the last transfer before the short tail (INACTIVITY_TIMER).",
       kMaxS, &RadioParams::inactivity_timer_s},
      {"short_tail_s", "s", "Time in the short tail (LTE short DRX).", kMaxS,
       &RadioParams::short_tail_s},
      {"short_tail_w", "W", "Average power in the short tail.", kMaxW, &RadioParams::short_tail_w},
      {"long_tail_s", "s", "Time in the long tail (LTE long DRX, 3G FACH) before IDLE.", kMaxS,
       &RadioParams::long_tail_s},
      {"long_tail_w", "W", "Average power in the long tail.", kMaxW, &RadioParams::long_tail_w},
      {"long_tail_promotion_s", "s",
       "Promotion time when a transfer finds the radio in the long tail (3G FACH -> DCH; 0 in "
       "LTE).",
       kMaxS, &RadioParams::long_tail_promotion_s},
      {"long_tail_promotion_w", "W", "Power during that promotion.", kMaxW,
       &RadioParams::long_tail_promotion_w},
      {"idle_w", "W", "Average power in IDLE (paging included).", kMaxW, &RadioParams::idle_w},
  };
  return fields;
}

}  // namespace dsdsi
