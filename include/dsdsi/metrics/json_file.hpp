#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>

namespace dsdsi {

// Writes `value` as pretty JSON (2-space indent, trailing newline) to `file`, replacing it.
// Throws std::runtime_error naming the file when it cannot be opened or written (and
// nlohmann::json::type_error, before touching the file, if a string is not valid UTF-8).
void write_json_file(const std::filesystem::path& file, const nlohmann::ordered_json& value);

}  // namespace dsdsi
