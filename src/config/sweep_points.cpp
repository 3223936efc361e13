#include "dsdsi/config/sweep_points.hpp"

#include <algorithm>
#include <limits>

#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

std::string zero_padded(std::size_t index, std::size_t width) {
  std::string digits = std::to_string(index);
  return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

std::size_t id_width(std::size_t points) {
  const std::size_t last = points == 0 ? 0 : points - 1;
  return std::max<std::size_t>(4, std::to_string(last).size());
}

// A --set override built from its own text, so that the value validated here is exactly the
// value `dsdsi run` will parse from the command line.
Override make_override(const std::string& path, const json& value, std::string source) {
  Override override_ = parse_overrides({override_argument(path, value)}).front();
  override_.source = std::move(source);
  return override_;
}

}  // namespace

std::string override_argument(const std::string& path, const json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    // Bare only when the bare text is not JSON (else "42" would come back as a number).
    const ParsedJsonText parsed = parse_json_text(text);
    if (parsed.error && parsed.error->kind == JsonTextErrorKind::malformed) {
      return path + "=" + text;
    }
  }
  return path + "=" + value.dump();
}

std::string axis_value_text(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::vector<SweepPoint> expand_sweep(const SweepSpec& spec, std::uint64_t base_seed,
                                     const std::string& source, ProblemList& problems) {
  // Radices of the odometer: each grid axis, then the zip group as one digit, then repeats.
  std::vector<std::size_t> radix;
  std::vector<std::size_t> grid_axis_of_digit;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    if (spec.axes[a].zipped) continue;
    radix.push_back(spec.axes[a].values.size());
    grid_axis_of_digit.push_back(a);
  }
  const std::size_t zip_digit = radix.size();
  radix.push_back(spec.zip_length());
  radix.push_back(static_cast<std::size_t>(spec.repeats));

  const std::size_t total = sweep_point_count(spec);
  const std::size_t width = id_width(total);
  const std::uint64_t max_seed = std::numeric_limits<std::uint64_t>::max();
  bool seed_overflow = false;
  std::vector<SweepPoint> points;
  points.reserve(total);
  std::vector<std::size_t> digit(radix.size(), 0);
  for (std::size_t index = 0; index < total; ++index) {
    SweepPoint point;
    point.index = index;
    point.id = zero_padded(index, width);
    point.repeat = static_cast<std::int64_t>(digit.back());
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
      const SweepAxis& axis = spec.axes[a];
      std::size_t value_index = digit[zip_digit];
      if (!axis.zipped) {
        const auto d = std::find(grid_axis_of_digit.begin(), grid_axis_of_digit.end(), a);
        value_index = digit[static_cast<std::size_t>(d - grid_axis_of_digit.begin())];
      }
      const json& value = axis.values[value_index];
      point.axis_values.push_back(value);
      point.overrides.push_back(
          make_override(axis.path, value,
                        source + ": " +
                            to_pointer({"sweep", axis.zipped ? "zip" : "grid", axis.path,
                                        std::to_string(value_index)})));
    }
    const auto repeat = static_cast<std::uint64_t>(point.repeat);
    if (repeat > max_seed - base_seed) {
      seed_overflow = true;
    } else {
      point.seed = base_seed + repeat;
      point.overrides.push_back(
          make_override("seed", point.seed, source + ": " + to_pointer({"sweep", "repeats"})));
      points.push_back(std::move(point));
    }
    // Advance the odometer, last digit fastest.
    for (std::size_t d = digit.size(); d-- > 0;) {
      if (++digit[d] < radix[d]) break;
      digit[d] = 0;
    }
  }
  if (seed_overflow) {
    problems.add({"sweep", "repeats"}, "seed + repeat would exceed " + std::to_string(max_seed) +
                                           " (the seed is " + std::to_string(base_seed) + ")");
  }
  return points;
}

}  // namespace dsdsi
