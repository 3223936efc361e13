#include "dsdsi/config/profile_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/input_file.hpp"

namespace dsdsi {
namespace {

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

std::vector<std::string> words_of(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// A finite number spelt by the whole of `word`.
std::optional<double> number_of(const std::string& word) {
  char* end = nullptr;
  const double value = std::strtod(word.c_str(), &end);
  if (end == word.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Why `value` cannot be a value of `quantity`, or nullopt.
std::optional<std::string> value_problem(double value, ProfileQuantity quantity) {
  switch (quantity) {
    case ProfileQuantity::bandwidth:
      // SimGrid divides by it: an outage is a state profile, not a bandwidth of 0.
      if (!(value > 0)) return "bandwidth must be > 0 bytes/s (model an outage with a state_file)";
      break;
    case ProfileQuantity::latency:
      if (value < 0) return "latency must be >= 0 s";
      break;
    case ProfileQuantity::speed:
      if (!(value > 0)) return "speed must be a fraction > 0 of the host's speed";
      break;
    case ProfileQuantity::state:
      if (value != 0 && value != 1) return "a state must be 0 (off) or 1 (on)";
      break;
  }
  return std::nullopt;
}

}  // namespace

std::string profile_quantity_name(ProfileQuantity quantity) {
  switch (quantity) {
    case ProfileQuantity::bandwidth:
      return "bandwidth (bytes/s)";
    case ProfileQuantity::latency:
      return "latency (s)";
    case ProfileQuantity::speed:
      return "speed (fraction)";
    case ProfileQuantity::state:
      return "state (1 on, 0 off)";
  }
  return "";
}

double Profile::value_at(double t) const {
  if (repeats()) t = std::fmod(t, period_s);
  const auto after = std::upper_bound(points.begin(), points.end(), t,
                                      [](double x, const ProfilePoint& p) { return x < p.date_s; });
  if (after == points.begin()) {
    // Before the first change of a cycle the previous cycle's last value holds (the very first
    // cycle too: dsdsi always starts its generated profiles at 0).
    return repeats() ? points.back().value : points.front().value;
  }
  return std::prev(after)->value;
}

ProfileRead parse_profile(const std::string& text, const std::string& file,
                          ProfileQuantity quantity) {
  ProfileRead read;
  Profile& profile = read.profile;
  std::optional<double> periodicity, loop_after;
  int keyword_line = 0;
  std::istringstream in(text);
  std::string raw;
  for (int line = 1; std::getline(in, raw); ++line) {
    const std::string where = file + ":" + std::to_string(line) + ": ";
    const std::string l = trimmed(raw);
    if (l.empty() || l[0] == '#' || l[0] == '%') continue;
    const auto words = words_of(l);
    if (words[0] == "PERIODICITY" || words[0] == "LOOPAFTER") {
      const auto value = words.size() == 2 ? number_of(words[1]) : std::nullopt;
      if (!value || *value < 0) {
        read.problems.push_back(where + words[0] + " needs one number of seconds >= 0");
      } else if (periodicity || loop_after) {
        read.problems.push_back(where + "a second PERIODICITY or LOOPAFTER (one per profile)");
      } else {
        (words[0] == "PERIODICITY" ? periodicity : loop_after) = *value;
        keyword_line = line;
      }
      continue;
    }
    const auto date = number_of(words[0]);
    if (!date) {
      read.problems.push_back(
          where + "unknown keyword \"" + words[0] +
          "\" (expected \"DATE VALUE\", PERIODICITY or LOOPAFTER; STOCHASTIC is not accepted)");
      continue;
    }
    const auto value = words.size() == 2 ? number_of(words[1]) : std::nullopt;
    if (!value) {
      read.problems.push_back(where + "expected two numbers, \"DATE VALUE\", got \"" + l + "\"");
      continue;
    }
    if (*date < 0) {
      read.problems.push_back(where + "date " + words[0] + " is negative");
      continue;
    }
    if (!profile.points.empty() && !(*date > profile.points.back().date_s)) {
      read.problems.push_back(where + "date " + words[0] +
                              " does not come after the previous date (dates must increase)");
      continue;
    }
    if (const auto why = value_problem(*value, quantity)) {
      read.problems.push_back(where + *why + ", got " + words[1]);
      continue;
    }
    profile.points.push_back({*date, *value});
  }
  if (profile.points.empty()) {
    if (read.problems.empty()) read.problems.push_back(file + ": no \"DATE VALUE\" line");
    return read;
  }
  const double last = profile.points.back().date_s;
  const std::string where = file + ":" + std::to_string(keyword_line) + ": ";
  if (periodicity) {
    if (!(*periodicity > last)) {
      read.problems.push_back(where + "PERIODICITY must be longer than the last date (" +
                              std::to_string(last) + " s)");
    }
    profile.period_s = *periodicity;
  } else if (loop_after) {
    if (!(*loop_after > 0)) read.problems.push_back(where + "LOOPAFTER must be > 0 s");
    profile.period_s = last + *loop_after;
  }
  const auto [lo, hi] = std::minmax_element(
      profile.points.begin(), profile.points.end(),
      [](const ProfilePoint& a, const ProfilePoint& b) { return a.value < b.value; });
  profile.min_value = lo->value;
  profile.max_value = hi->value;
  return read;
}

ProfileRead read_profile_file(const std::string& path, ProfileQuantity quantity) {
  try {
    return parse_profile(read_input_file(path, kMaxReferencedFileBytes, "cannot read the profile"),
                         path, quantity);
  } catch (const ConfigError& e) {
    ProfileRead read;
    read.problems = e.problems();
    return read;
  }
}

Profile shifted_profile(const Profile& profile, double offset_s) {
  const double period = profile.period_s;
  const double o = std::fmod(offset_s, period);
  Profile shifted = profile;
  shifted.points = {{0, profile.value_at(o)}};
  for (const auto& p : profile.points) {
    if (p.date_s > o) shifted.points.push_back({p.date_s - o, p.value});
  }
  for (const auto& p : profile.points) {
    if (p.date_s < o) shifted.points.push_back({p.date_s + period - o, p.value});
  }
  return shifted;
}

std::string profile_text(const Profile& profile) {
  std::string text;
  char line[64];
  for (const auto& p : profile.points) {
    std::snprintf(line, sizeof line, "%.17g %.17g\n", p.date_s, p.value);
    text += line;
  }
  if (profile.repeats()) {
    std::snprintf(line, sizeof line, "PERIODICITY %.17g\n", profile.period_s);
    text += line;
  }
  return text;
}

}  // namespace dsdsi
