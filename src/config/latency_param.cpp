// The latency model kinds, their parameters, and the check that a table covers the batched
// tokens a scenario can ask for.
#include "dsdsi/config/latency_param.hpp"

#include <cmath>

#include "dsdsi/config/latency_table_file.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/model/latency_model.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, LatencyKind>> kLatencyKinds = {
    {"constant", LatencyKind::constant},
    {"affine", LatencyKind::affine},
    {"table", LatencyKind::table},
    {"roofline", LatencyKind::roofline},
};

const std::string& kind_name(LatencyKind kind) {
  for (const auto& [name, value] : kLatencyKinds) {
    if (value == kind) return name;
  }
  static const std::string unknown = "?";
  return unknown;
}

std::string exact_number(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return json(value).dump();
}

std::vector<NestedProblem> finish_affine(const json& object, json&) {
  if (object.at("base_ms").get<double>() == 0 && object.at("per_token_ms").get<double>() == 0) {
    return {{{},
             "base_ms and per_token_ms are both 0: every step would take no time (one of "
             "them must be > 0)"}};
  }
  return {};
}

// Reads the table now, so that a bad file never fails in the middle of a run.
std::vector<NestedProblem> finish_table(const json& object, json& stored) {
  const LatencyTableFile table = read_latency_table(object.at("file").get<std::string>());
  std::vector<NestedProblem> problems;
  for (const auto& problem : table.problems) problems.push_back({{"file"}, problem});
  json points = json::array();
  for (const auto& [tokens, ms] : table.points) points.push_back({tokens, ms});
  stored["points"] = std::move(points);
  return problems;
}

ParamKind constant_kind() {
  return {kind_name(LatencyKind::constant),
          "Every step takes `ms`, whatever the batch.",
          {{"kind", "constant"}, {"ms", 20}},
          {Param::number("ms", "ms", "Time of one step.")
               .required()
               .at_least(limits::kMinStepMs)
               .at_most(limits::kMaxMs)
               .not_stored()},
          nullptr};
}

ParamKind affine_kind() {
  return {kind_name(LatencyKind::affine),
          "A step takes `base_ms` + `per_token_ms` x batched tokens.",
          {{"kind", "affine"}, {"base_ms", 18}, {"per_token_ms", 0.02}},
          {Param::number("base_ms", "ms", "Time of a step, before its per-token cost.")
               .required()
               .at_least(0)
               .at_most(limits::kMaxMs)
               .not_stored(),
           Param::number("per_token_ms", "ms/token", "Time each batched token adds to a step.")
               .required()
               .at_least(0)
               .at_most(limits::kMaxMs)
               .not_stored()},
          finish_affine};
}

ParamKind table_kind() {
  return {kind_name(LatencyKind::table),
          "Measured (batched tokens, ms) points, interpolated linearly; the table must cover the "
          "batched tokens the scenario can ask for unless `extrapolate` is true.",
          {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}},
          {Param::string("file",
                         "CSV file with a header `batched_tokens,ms` and at least 2 rows, "
                         "batched_tokens strictly ascending (see docs/latency.md).")
               .required()
               .values_note("path to a readable file, looked for like `platform`")
               .resolve_with(resolve_input_file)
               .not_stored(),
           Param::boolean("extrapolate",
                          "Allow batched tokens outside the table: its first and last segments "
                          "are extended linearly.")
               .default_to(false)
               .not_stored()},
          finish_table};
}

ParamKind roofline_kind() {
  return {
      kind_name(LatencyKind::roofline),
      "A step takes max(weight bytes / memory bandwidth, 2 x parameters x batched tokens / peak "
      "flops) + `overhead_ms`.",
      {{"kind", "roofline"},
       {"params_billion", 8},
       {"bytes_per_param", 2},
       {"mem_bw_gbps", 3350},
       {"peak_tflops", 989},
       {"overhead_ms", 1}},
      {Param::number("params_billion", "10^9 parameters",
                     "Parameters of the model, all read from memory once per step.")
           .required()
           .above(0)
           .at_most(1e5)
           .not_stored(),
       Param::number("bytes_per_param", "bytes",
                     "Bytes per parameter: 2 for BF16 or FP16, 1 for FP8 or INT8.")
           .required()
           .above(0)
           .at_most(64)
           .not_stored(),
       Param::number("mem_bw_gbps", "GB/s",
                     "Memory bandwidth of the device (or devices), in gigabytes per second (10^9 "
                     "bytes/s, as GPU datasheets quote it; not gigabits).")
           .required()
           .at_least(1e-3)
           .at_most(1e7)
           .not_stored(),
       Param::number("peak_tflops", "TFLOP/s",
                     "Peak dense throughput in the weights' precision, in 10^12 operations per "
                     "second.")
           .required()
           .at_least(1e-6)
           .at_most(1e6)
           .not_stored(),
       Param::number("overhead_ms", "ms",
                     "Fixed time added to every step (kernel launches, sampling).")
           .default_to(0)
           .at_least(0)
           .at_most(limits::kMaxMs)
           .not_stored()},
      nullptr};
}

// A table model must cover [1, the most batched tokens the scenario can form], or say that it
// may be extrapolated, and then its extended end segments must stay above 0 ms.
std::vector<NestedProblem> check_table_coverage(const TokenDemand& demand, const json& stored,
                                                const ValueLookup& lookup) {
  if (!stored.is_object() || stored.at("kind") != kind_name(LatencyKind::table)) return {};
  std::vector<double> inputs;
  std::string input_text;
  for (const auto& path : demand.inputs) {
    const json* value = lookup(path);
    if (!value || !value->is_number()) return {};  // its own problem is already reported
    inputs.push_back(value->get<double>());
    input_text +=
        (input_text.empty() ? " with " : ", ") + path + " = " + exact_number(inputs.back());
  }
  const double needed = demand.max_tokens(inputs);
  const std::string needed_text =
      "1 to " + exact_number(needed) +
      (demand.max_text.empty() ? "" : " (" + demand.max_text + input_text + ")");
  return table_coverage_problems(latency_spec_of(stored), needed, needed_text);
}

}  // namespace

std::vector<NestedProblem> table_coverage_problems(const LatencySpec& spec, double needed,
                                                   const std::string& needed_text) {
  if (spec.kind != LatencyKind::table) return {};
  const double first = spec.points.front().first;
  const double last = spec.points.back().first;
  if (std::isinf(needed)) {
    // Unbounded demand: only an extrapolated table whose last segment does not fall can serve it.
    if (!spec.extrapolate) {
      return {{{"file"},
               spec.file + " covers batched tokens " + exact_number(first) + " to " +
                   exact_number(last) + ", but this scenario can ask for " + needed_text +
                   "; set \"extrapolate\": true to extend the table's end segments linearly"}};
    }
    const auto& before = spec.points[spec.points.size() - 2];
    if (spec.points.back().second < before.second) {
      return {{{"file"},
               "extrapolating " + spec.file +
                   " past its last row goes down to 0 ms and below, "
                   "and this scenario can ask for " +
                   needed_text + "; its last segment must not decrease"}};
    }
    needed = last;  // the low end is still checked below
  }
  if (!spec.extrapolate) {
    if (first <= 1 && last >= needed) return {};
    return {{{"file"},
             spec.file + " covers batched tokens " + exact_number(first) + " to " +
                 exact_number(last) + ", but this scenario can ask for " + needed_text +
                 "; add rows, or set \"extrapolate\": true to extend the table's end segments "
                 "linearly"}};
  }
  std::vector<NestedProblem> problems;
  const auto model = make_latency_model(spec);
  for (const double tokens : {1.0, needed}) {
    if (tokens >= first && tokens <= last) continue;
    const double ms = model->step_ms({1, static_cast<std::int64_t>(tokens)});
    if (ms <= 0) {
      problems.push_back({{"file"},
                          "extrapolating " + spec.file + " gives " + exact_number(ms) + " ms at " +
                              exact_number(tokens) +
                              (tokens == 1 ? " batched token" : " batched tokens") +
                              ", which this scenario can ask for (" + needed_text +
                              "); a step must take > 0 ms: add rows"});
    }
  }
  return problems;
}

std::shared_ptr<const KindFamily> latency_model_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "latency model",
      "Each of these keys gives the time one step of a model takes, as a function of the batched "
      "tokens the step processes (each key's row above says how the simulator counts them). Its "
      "value is a number, a `constant` model in milliseconds, or an object `{\"kind\": ...}` with "
      "one of the kinds below and that kind's parameters. When a key is absent, its shorthand "
      "(`cloud.verify_ms`, `edge.draft_ms_per_token`, ...) applies; giving both is an error. A "
      "table file is looked for like a platform file and read when the scenario is loaded; it "
      "must cover batched tokens 1 to the most the scenario can ask for, unless `\"extrapolate\": "
      "true`. Runs record the model as given, with the table's absolute path. "
      "[docs/latency.md](latency.md) explains the table format, how to measure a table, and where "
      "the numbers of the shipped tables (`latency/`) come from.",
      kind_name(LatencyKind::constant),
      "ms",
      {constant_kind(), affine_kind(), table_kind(), roofline_kind()}});
  return family;
}

Param latency_model_param(std::string path, std::string meaning, TokenDemand demand) {
  meaning += " Batched tokens per step: " + demand.counted_as;
  meaning += demand.max_text.empty() ? "." : ", at most " + demand.max_text + ".";
  return Param::kinded(std::move(path), "ms", std::move(meaning), latency_model_family())
      .optional()
      .check_in_context([demand](const json& stored, const ValueLookup& lookup) {
        return check_table_coverage(demand, stored, lookup);
      });
}

LatencySpec latency_spec_of(const json& stored) {
  if (stored.is_number()) return LatencySpec::constant_ms(stored.get<double>());
  LatencySpec spec;
  const auto& name = stored.at("kind").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kLatencyKinds) {
    if (candidate == name) spec.kind = kind;
  }
  switch (spec.kind) {
    case LatencyKind::constant:
      spec.ms = stored.at("ms").get<double>();
      break;
    case LatencyKind::affine:
      spec.base_ms = stored.at("base_ms").get<double>();
      spec.per_token_ms = stored.at("per_token_ms").get<double>();
      break;
    case LatencyKind::table:
      spec.file = stored.at("file").get<std::string>();
      spec.extrapolate = stored.at("extrapolate").get<bool>();
      for (const auto& point : stored.at("points")) {
        spec.points.emplace_back(point.at(0).get<double>(), point.at(1).get<double>());
      }
      break;
    case LatencyKind::roofline:
      spec.params_billion = stored.at("params_billion").get<double>();
      spec.bytes_per_param = stored.at("bytes_per_param").get<double>();
      spec.mem_bw_gbps = stored.at("mem_bw_gbps").get<double>();
      spec.peak_tflops = stored.at("peak_tflops").get<double>();
      spec.overhead_ms = stored.at("overhead_ms").get<double>();
      break;
  }
  return spec;
}

}  // namespace dsdsi
