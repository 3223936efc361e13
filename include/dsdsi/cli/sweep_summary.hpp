#pragma once
// sweep_summary.csv: the repeats of a sweep aggregated, one row per combination of axis values
// (a point without its seed), in combination order:
//   combination, <axis paths...>, n, n_failed, <M>_mean, <M>_sd, <M>_ci95 for each metric M
// `combination` is the point index divided by the repeats; `n` counts the repeats that passed
// (status ok), `n_failed` those that failed; M runs over sweep.csv's columns after `status`
// (summary metrics, then the closed forms), except `error` and columns holding something other
// than numbers (by_class). Over the n passed repeats: the mean, the sample standard deviation
// and the Student-t 95% half-width t_{0.975, n-1} sd / sqrt(n). A cell is empty when the
// statistic is undefined: sd and ci95 need n >= 2, the mean n >= 1, and a metric that is null
// in some passed repeats (undefined there, not missing at random) gets no statistics at all.
// Numbers are written in their shortest exact form, as in sweep.csv. The text depends only on
// sweep.csv's rows, so it is byte-identical whatever --jobs, --shard (after merge) or --resume.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace dsdsi::cli {

inline constexpr const char* kSweepSummaryFile = "sweep_summary.csv";

// The text of sweep_summary.csv from sweep.csv's columns and its rows (point index -> line with
// '\n', as SweepOutputDir keeps them). `repeats` is the sweep block's. Throws
// std::invalid_argument when a row does not fit the columns or its repeat does not match its
// index.
std::string sweep_summary_text(const std::vector<std::string>& columns,
                               const std::map<std::size_t, std::string>& rows,
                               std::int64_t repeats);

// Writes DIR/sweep_summary.csv atomically (temporary file and rename).
void write_sweep_summary(const std::filesystem::path& dir, const std::vector<std::string>& columns,
                         const std::map<std::size_t, std::string>& rows, std::int64_t repeats);

}  // namespace dsdsi::cli
