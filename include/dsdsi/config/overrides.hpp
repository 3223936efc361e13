#pragma once
// --set PATH=VALUE: changing one parameter of a scenario from the command line (and, later, from
// a sweep) without editing the file. Overrides are applied to the JSON document before it is
// validated, so an overridden value meets exactly the checks a value in the file meets.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi {

class ProblemList;

struct Override {
  std::string path;      // dotted path, e.g. "network.rtt_ms"
  nlohmann::json value;  // VALUE parsed as JSON, else taken as a JSON string
  std::string text;      // the original "PATH=VALUE" argument, for error messages
  // Who gave the value, as the problems it causes name it; empty means "--set <text>". A sweep
  // names the axis entry the value came from ("x.json: /sweep/grid/network.rtt_ms/2").
  std::string source;
};

// Parses "--set PATH=VALUE" arguments. Malformed ones (no '=', empty path, empty path segment)
// -> ConfigError listing every malformed argument.
std::vector<Override> parse_overrides(const std::vector<std::string>& set_args);

// How an override is named as the source of a problem: its `source`, else "--set PATH=VALUE".
std::string override_source(const Override& override_);

// Applies `overrides` in order to `document` (an object), creating missing intermediate objects.
// A null VALUE removes the key instead (its default applies, as if the file did not give it).
// An override that would have to go through a value that is not an object is not applied and is
// reported; every applied one is registered with `problems` so that the problems its value
// causes are attributed to it.
void apply_overrides(nlohmann::json& document, const std::vector<Override>& overrides,
                     ProblemList& problems);

}  // namespace dsdsi
