#pragma once
// Random quantities as scenario parameters: a number (a fixed value) or an object
// `{"dist": "fixed" | "uniform" | "lognormal" | "list", ...}`, sampled by model/distribution.hpp.
// One family of kinds serves every use; each use states what one value must be (token counts:
// integers >= 1; a think time: a number >= 0) and the family checks the bare number and the
// kinds' values (`value`, `min`, `max`, `values`) against it. Uses: `workload.prompt_tokens`,
// `workload.output_tokens`, a closed loop's `think_ms`, `network.rtt_ms`, `network.jitter_ms`.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

std::shared_ptr<const KindFamily> distribution_family();

// A row (or a kind's parameter) whose value is a distribution of `value`s: e.g.
// distribution_param("workload.prompt_tokens", "tokens", "Prompt length of each request.",
//                    Param::integer("value", "tokens", "").at_least(1)).
// Its presence (default, optional, ...) and store are set by the caller as for any Param.
Param distribution_param(std::string path, std::string unit, std::string meaning,
                         const Param& value);

// The DistributionSpec a checked value stands for (its stored form, or a bare number).
DistributionSpec distribution_of(const nlohmann::json& stored);

// The largest value a distribution can take; nullopt when it has none (lognormal).
std::optional<double> largest_value(const DistributionSpec& dist);
// The same for a token count (the simulator rounds a sample to the nearest integer, at least 1).
std::optional<std::int64_t> largest_token_count(const DistributionSpec& dist);

}  // namespace dsdsi
