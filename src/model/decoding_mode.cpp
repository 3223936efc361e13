#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi {

std::string_view to_string(DecodingMode mode) {
  return kDecodingModeNames[static_cast<std::size_t>(mode)];
}

std::optional<DecodingMode> parse_decoding_mode(std::string_view name) {
  for (std::size_t i = 0; i < kDecodingModeNames.size(); ++i) {
    if (kDecodingModeNames[i] == name) return static_cast<DecodingMode>(i);
  }
  return std::nullopt;
}

bool uses_cloud(DecodingMode mode) { return mode != DecodingMode::edge_ar; }

bool drafts_on_edge(DecodingMode mode) {
  return mode == DecodingMode::dsd_sync || mode == DecodingMode::dsd_pipelined;
}

}  // namespace dsdsi
