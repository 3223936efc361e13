#pragma once
// The five decoding modes of docs/model.md. One enum, one name table: parsing, output and tests use
// the same spelling.
#include <array>
#include <optional>
#include <string_view>

namespace dsdsi {

enum class DecodingMode { cloud_ar, colocated_sd, dsd_sync, dsd_pipelined, edge_ar };

inline constexpr std::array<std::string_view, 5> kDecodingModeNames = {
    "cloud_ar", "colocated_sd", "dsd_sync", "dsd_pipelined", "edge_ar"};

std::string_view to_string(DecodingMode mode);
std::optional<DecodingMode> parse_decoding_mode(std::string_view name);

// Modes in which the target model runs in the cloud (and so the cloud verifier is busy).
bool uses_cloud(DecodingMode mode);
// Modes in which the draft runs on the edge and every round crosses the WAN.
bool drafts_on_edge(DecodingMode mode);

}  // namespace dsdsi
