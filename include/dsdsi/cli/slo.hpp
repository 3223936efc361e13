#pragma once
// A service-level objective of `dsdsi capacity`: a latency metric of summary.json that must not
// exceed a threshold, e.g. "tpot_ms_p95=50". The spelling "tpot_p95_ms" is accepted too.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi::cli {

struct Slo {
  std::string metric;  // summary.json key, e.g. tpot_ms_p95
  double max_value = 0;
};

// Parses "METRIC=VALUE" arguments; every malformed one is reported (ConfigError, exit 2).
std::vector<Slo> parse_slos(const std::vector<std::string>& args);

// Whether a summary meets the SLO. A metric that is null in the summary (undefined for that
// run) does not meet it.
bool meets(const Slo& slo, const nlohmann::json& summary);

}  // namespace dsdsi::cli
