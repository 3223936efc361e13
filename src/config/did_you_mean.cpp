#include "dsdsi/config/did_you_mean.hpp"

#include <algorithm>
#include <limits>

namespace dsdsi {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, three rows kept.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

namespace {

// Distance to `name` or to any of its stems before an underscore ("draft", "draft_ms", ...),
// stems shorter than three characters excepted (they would match almost anything short).
std::size_t distance_to_name_or_stem(std::string_view given, std::string_view name) {
  std::size_t best = edit_distance(given, name);
  for (std::size_t cut = name.find('_'); cut != std::string_view::npos;
       cut = name.find('_', cut + 1)) {
    if (cut >= 3 && given.size() >= 3) {
      best = std::min(best, edit_distance(given, name.substr(0, cut)));
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> closest_name(std::string_view given,
                                        const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& name : known) {
    const std::size_t distance = distance_to_name_or_stem(given, name);
    // Up to a third of the shorter word, at least 1 and at most 2: "gama" -> "gamma" and
    // "rtt_msec" -> "rtt_ms" are typos, "edge" -> "mode" and "colour" -> "cloud" are not.
    const std::size_t shortest = std::min(given.size(), name.size());
    const std::size_t allowed = std::clamp<std::size_t>(shortest / 3, 1, 2);
    if (distance <= allowed && distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view given, const std::vector<std::string>& known) {
  const auto name = closest_name(given, known);
  return name ? " (did you mean \"" + *name + "\"?)" : "";
}

}  // namespace dsdsi
