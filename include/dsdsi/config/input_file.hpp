#pragma once
// What dsdsi accepts as an input file (a scenario, a platform, a trace, a latency table): a
// regular file, named by a path without NUL bytes, no larger than a stated limit. A FIFO would
// block the read forever, /dev/zero would fill memory, and a NUL would cut the path short and
// open another file: each is refused with its own reason before anything is read.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace dsdsi {

// Largest scenario file read (scenarios are a few KiB; a sweep's axes a few hundred).
inline constexpr std::uintmax_t kMaxScenarioFileBytes = 16u << 20;
// Largest file a scenario refers to (platform XML, traces, latency tables).
inline constexpr std::uintmax_t kMaxReferencedFileBytes = 256u << 20;

// Why `path` is not a readable input file of at most `max_bytes`, or nullopt when it is.
// The reason is a phrase ("no such file", "a symbolic link loop", "not a regular file (a FIFO)").
std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes);

// The whole content of `path` (checked as above); throws ConfigError naming the file otherwise.
// `what` says what the file is for, as in "cannot read the scenario".
std::string read_input_file(const std::string& path, std::uintmax_t max_bytes,
                            const std::string& what);

}  // namespace dsdsi
