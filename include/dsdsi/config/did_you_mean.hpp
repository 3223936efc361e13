#pragma once
// Suggestions for misspelt keys and names: a typo should cost the user one look at the message,
// not a trip to the docs.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsdsi {

// Edit distance counting insertions, deletions, substitutions and swaps of adjacent characters
// (so "alpah" is 1 away from "alpha").
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name closest to `given`, if it is close enough to be a plausible typo. A name also
// counts as close when `given` is its stem before an underscore, because the commonest slip is
// leaving out the unit ("rtt" for "rtt_ms"). Ties go to the earliest name in `known`.
std::optional<std::string> closest_name(std::string_view given,
                                        const std::vector<std::string>& known);

// " (did you mean \"rtt_ms\"?)", or "" when nothing is close.
std::string did_you_mean(std::string_view given, const std::vector<std::string>& known);

}  // namespace dsdsi
