#pragma once
// SimGrid's profile text format, read and checked by dsdsi before SimGrid sees it (SimGrid
// aborts the process on a bad profile, without saying which file): one `DATE VALUE` line per
// change (seconds, absolute, increasing), `#` or `%` comment lines, and at most one of
//   PERIODICITY p   the whole profile repeats every p seconds (p > the last date)
//   LOOPAFTER d     after the last change, wait d seconds and play it again (period last + d)
// Without either it plays once and the last value stays. The value is what the profiled
// quantity becomes: a link's bandwidth in bytes/s, its latency in seconds, a host's speed as a
// fraction of its declared speed, or a state (1 on, 0 off). SimGrid's STOCHASTIC profiles are
// refused: dsdsi's randomness comes from its own seeded streams (network.outages).
#include <optional>
#include <string>
#include <vector>

namespace dsdsi {

enum class ProfileQuantity { bandwidth, latency, speed, state };

// "bandwidth" (bytes/s), "latency" (s), ... : how a quantity is named in messages.
std::string profile_quantity_name(ProfileQuantity quantity);

struct ProfilePoint {
  double date_s = 0;
  double value = 0;
};

struct Profile {
  std::vector<ProfilePoint> points;  // dates increasing, at least one point
  double period_s = 0;               // 0: plays once (the last value stays)
  double min_value = 0;
  double max_value = 0;

  bool repeats() const { return period_s > 0; }
  // The value in force at `t` seconds (before the first date: the first value).
  double value_at(double t) const;
};

struct ProfileRead {
  Profile profile;
  std::vector<std::string> problems;  // "<file>:<line>: <what>"
};

// Checks `text` as a profile of `quantity`; `file` names it in problems.
ProfileRead parse_profile(const std::string& text, const std::string& file,
                          ProfileQuantity quantity);
// Reads and checks the file `path` (an unreadable file is one problem naming it).
ProfileRead read_profile_file(const std::string& path, ProfileQuantity quantity);

// The same profile seen from `offset_s` seconds into it, as a repeating profile starting at 0
// (the profile must repeat): what a client whose trace starts at its own offset plays.
Profile shifted_profile(const Profile& profile, double offset_s);
// SimGrid's text for `profile` (dates and values printed exactly).
std::string profile_text(const Profile& profile);

}  // namespace dsdsi
