#pragma once
// Sampling the random quantities of a scenario (DistributionSpec): think times, prompt and output
// lengths, per-client RTTs. Draws come from the caller's stream, so each entity keeps its own.
#include <cstdint>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

double sample(const DistributionSpec& dist, RandomStream& stream);
// A token count: the sample rounded to the nearest integer, at least 1.
std::int64_t sample_tokens(const DistributionSpec& dist, RandomStream& stream);
double mean(const DistributionSpec& dist);

}  // namespace dsdsi
