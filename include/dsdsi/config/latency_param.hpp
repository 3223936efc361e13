#pragma once
// Latency models as scenario parameters: `cloud.verify`, `cloud.ar_step`, `cloud.prefill`,
// `cloud.draft` and `edge.draft` each take a number (a constant step time in ms) or an object
// `{"kind": "constant" | "affine" | "table" | "roofline", ...}`. The kinds and their parameters
// are declared once here, in the parameter table's style; the rows that use them are in
// parameter_table.cpp. Adding a latency kind means: its row in latency_model_family(), its name
// in the kind list below, its LatencyKind and its class in model/latency_model.hpp.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

// The batched tokens one use of a latency model can be asked for: 1 to a maximum that follows
// from other parameters. Declared with the parameter, so that the docs say how the simulator
// counts tokens for that use, and a table is checked against the range the scenario can reach.
struct TokenDemand {
  std::string counted_as;           // "the sum over the batch of (window + 1)"
  std::string max_text;             // "`cloud.max_batch` x (`speculation.gamma` + 1)"; "" when
                                    // the count never varies
  std::vector<std::string> inputs;  // the parameters the maximum depends on (dotted paths)
  std::function<double(const std::vector<double>& inputs)> max_tokens;  // their values, in order
};

// The four kinds and their parameters; a bare number is a constant model in ms.
std::shared_ptr<const KindFamily> latency_model_family();

// A row of the parameter table for one latency model, optional (when absent, its shorthand key
// applies): `meaning` is completed with how batched tokens are counted, and a table model is
// checked to cover the tokens `demand` allows. Stored with latency_spec_of().
Param latency_model_param(std::string path, std::string meaning, TokenDemand demand);

// The problems of a latency model asked for batched tokens 1 to `needed` (infinity: no bound, as
// with lognormal prompt lengths), described by `needed_text` ("1 to 512 (...)"): none unless it
// is a table that does not cover them (or whose extrapolation reaches 0 ms). Each at {"file"}.
std::vector<NestedProblem> table_coverage_problems(const LatencySpec& spec, double needed,
                                                   const std::string& needed_text);

// The LatencySpec a checked value stands for (its stored form: an object with "kind"; a table's
// with its points). A bare number is a constant model.
LatencySpec latency_spec_of(const nlohmann::json& stored);

}  // namespace dsdsi
