// The distribution kinds and their parameters.
#include "dsdsi/config/distribution_param.hpp"

#include <algorithm>
#include <cmath>

#include "dsdsi/config/limits.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, DistKind>> kDistKinds = {
    {"fixed", DistKind::fixed},
    {"uniform", DistKind::uniform},
    {"lognormal", DistKind::lognormal},
    {"list", DistKind::list},
};

const char* const kInUseRange = "the range of the key that uses it";

std::vector<NestedProblem> finish_uniform(const json& object, json&) {
  if (object.at("min").get<double>() > object.at("max").get<double>()) {
    return {{{"max"},
             "must be >= min (" + show_value(object.at("min")) + "), got " +
                 show_value(object.at("max"))}};
  }
  return {};
}

ParamKind fixed_distribution_kind() {
  return {"fixed",
          "Always `value`; a bare number is the same.",
          {{"dist", "fixed"}, {"value", 128}},
          {Param::number("value", "", "The value.")
               .required()
               .values_note(kInUseRange)
               .quantity_value()
               .not_stored()},
          nullptr};
}

ParamKind uniform_kind() {
  return {"uniform",
          "Uniform between `min` and `max` (a continuous draw; a token count is then rounded to "
          "the nearest integer, so `min` and `max` come up half as often as the values between).",
          {{"dist", "uniform"}, {"min", 20}, {"max", 80}},
          {Param::number("min", "", "Smallest value.")
               .required()
               .values_note(kInUseRange)
               .quantity_value()
               .not_stored(),
           Param::number("max", "", "Largest value; at least `min`.")
               .required()
               .values_note(kInUseRange)
               .quantity_value()
               .not_stored()},
          finish_uniform};
}

// `median` and `median_ms` are one parameter spelt two ways (`median_ms` reads better where the
// quantity is a time): exactly one is given.
std::vector<NestedProblem> finish_lognormal(const json& object, json&) {
  const bool plain = object.contains("median"), ms = object.contains("median_ms");
  if (plain && ms) {
    return {{{"median_ms"}, "given together with median: they are the same parameter; give one"}};
  }
  if (!plain && !ms) return {{{"median"}, "required for dist \"lognormal\" (or median_ms)"}};
  return {};
}

ParamKind lognormal_kind() {
  return {"lognormal",
          "exp(N(ln `median`, `sigma`^2)): half the draws are below `median`; the mean is "
          "`median` x exp(`sigma`^2 / 2). Unbounded above; its draws are > 0, and a token count "
          "drawn below 1 becomes 1.",
          {{"dist", "lognormal"}, {"median", 50}, {"sigma", 0.4}},
          {Param::number("median", "", "Median of the draws, in the unit of the key that uses it.")
               .optional()
               .above(0)
               .at_most(limits::kMaxMedian)
               .not_stored(),
           Param::number("median_ms", "",
                         "Another spelling of `median`, for keys in ms (`network.rtt_ms`); give "
                         "one of the two.")
               .optional()
               .above(0)
               .at_most(limits::kMaxMedian)
               .not_stored(),
           Param::number("sigma", "", "Standard deviation of the draws' logarithm.")
               .required()
               .at_least(0)
               .at_most(limits::kMaxSigma)
               .not_stored()},
          finish_lognormal};
}

ParamKind list_kind() {
  return {"list",
          "One of `values`, each equally likely (repeat a value to weight it).",
          {{"dist", "list"}, {"values", {64, 128, 512}}},
          {Param::number_list("values", "", "The values.")
               .required()
               .values_note("a non-empty list, each in " + std::string(kInUseRange))
               .quantity_value()
               .not_stored()},
          nullptr};
}

}  // namespace

std::shared_ptr<const KindFamily> distribution_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "distribution",
      "Each of these keys takes a number (that value, every time) or an object `{\"dist\": ...}` "
      "with one of the kinds below and its parameters. Each key says what one value must be "
      "(its row's valid values): a `fixed` value, `uniform` bounds and `list` values are checked "
      "against it. Draws come from the stream of the entity that uses them (a client's requests "
      "from its own \"workload\" stream), so adding a client does not change the others' draws. "
      "A token count is a draw rounded to the nearest integer, at least 1. "
      "[docs/workloads.md](workloads.md) shows them in use.",
      "fixed",
      "value",
      {fixed_distribution_kind(), uniform_kind(), lognormal_kind(), list_kind()},
      "dist"});
  return family;
}

Param distribution_param(std::string path, std::string unit, std::string meaning,
                         const Param& value) {
  return Param::kinded(std::move(path), std::move(unit), std::move(meaning), distribution_family())
      .values_as(value);
}

DistributionSpec distribution_of(const json& stored) {
  if (stored.is_number()) return DistributionSpec::fixed_at(stored.get<double>());
  DistributionSpec dist;
  const auto& name = stored.at("dist").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kDistKinds) {
    if (candidate == name) dist.kind = kind;
  }
  switch (dist.kind) {
    case DistKind::fixed:
      dist.value = stored.at("value").get<double>();
      break;
    case DistKind::uniform:
      dist.min = stored.at("min").get<double>();
      dist.max = stored.at("max").get<double>();
      break;
    case DistKind::lognormal:
      dist.median = stored.value("median", stored.value("median_ms", 0.0));
      dist.sigma = stored.at("sigma").get<double>();
      break;
    case DistKind::list:
      dist.values = stored.at("values").get<std::vector<double>>();
      break;
  }
  return dist;
}

std::optional<double> largest_value(const DistributionSpec& dist) {
  switch (dist.kind) {
    case DistKind::fixed:
      return dist.value;
    case DistKind::uniform:
      return dist.max;
    case DistKind::lognormal:
      // A lognormal with sigma 0 is a constant, but it is still declared unbounded: a scenario
      // that relies on sigma being 0 should say `fixed`.
      return std::nullopt;
    case DistKind::list:
      return *std::max_element(dist.values.begin(), dist.values.end());
  }
  return std::nullopt;
}

std::optional<std::int64_t> largest_token_count(const DistributionSpec& dist) {
  const auto largest = largest_value(dist);
  if (!largest) return std::nullopt;
  return std::max<std::int64_t>(1, std::llround(*largest));
}

}  // namespace dsdsi
