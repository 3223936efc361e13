#include "dsdsi/sim/simgrid_options.hpp"

#include <spdlog/spdlog.h>

#include <simgrid/s4u/Engine.hpp>
#include <sstream>
#include <stdexcept>
#include <xbt/config.hpp>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/did_you_mean.hpp"

namespace dsdsi {
namespace {

namespace sg4 = simgrid::s4u;

constexpr const char* kCfgPrefix = "--cfg=";

// SimGrid keys that configure_network_model() sets from the scenario's network.model: a user's
// value would be overwritten before the platform is built.
struct Overridden {
  const char* key;
  const char* advice;
};
constexpr Overridden kOverridden[] = {
    {"network/model",
     "use the scenario key network.model (exact or tcp), e.g. --set network.model=tcp"},
    {"network/TCP-gamma", "use the scenario key network.model (exact or tcp)"},
    {"network/crosstraffic", "use the scenario key network.model (exact or tcp)"},
};

// SimGrid's "Bad config key" message lists every key, one per line ("  name: (type)value"):
// the names, for a suggestion.
std::vector<std::string> known_keys(const std::string& message) {
  std::vector<std::string> keys;
  std::istringstream in(message);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("  ", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) keys.push_back(line.substr(2, colon - 2));
  }
  return keys;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

SimgridOptions sort_simgrid_options(const std::vector<std::string>& args) {
  SimgridOptions options;
  for (const auto& arg : args) {
    // --cfg=help is SimGrid's list of options: the engine prints it itself.
    if (arg.rfind(kCfgPrefix, 0) != 0 || arg == "--cfg=help") {
      options.engine_args.push_back(arg);
      continue;
    }
    const std::string setting = arg.substr(std::string(kCfgPrefix).size());
    const std::string key = setting.substr(0, setting.find(':'));
    bool overridden = false;
    for (const auto& o : kOverridden) {
      if (key == o.key) {
        options.warnings.push_back(arg + " is ignored: dsdsi sets " + key +
                                   " itself from the scenario; " + o.advice);
        overridden = true;
      }
    }
    if (!overridden) options.config.push_back(setting);
  }
  return options;
}

void apply_simgrid_config(const SimgridOptions& options) {
  std::vector<std::string> problems;
  for (const auto& setting : options.config) {
    const std::string key = setting.substr(0, setting.find(':'));
    const std::string arg = kCfgPrefix + setting;
    if (setting.find(':') == std::string::npos) {
      problems.push_back(arg + ": expected --cfg=KEY:VALUE, e.g. --cfg=maxmin/precision:1e-9");
      continue;
    }
    try {
      simgrid::config::is_default(key.c_str());  // throws std::out_of_range for unknown keys
    } catch (const std::out_of_range& e) {
      problems.push_back(arg + ": SimGrid has no option \"" + key + "\"" +
                         did_you_mean(key, known_keys(e.what())) +
                         " (`dsdsi run SCENARIO --cfg=help` lists them)");
      continue;
    }
    try {
      sg4::Engine::set_config(setting);
    } catch (const std::exception& e) {
      problems.push_back(arg + ": " + first_line(e.what()));
    }
  }
  if (!problems.empty()) throw ConfigError(problems);
  for (const auto& warning : options.warnings) spdlog::warn("{}", warning);
}

void check_simgrid_options(const std::vector<std::string>& args) {
  const SimgridOptions options = sort_simgrid_options(args);
  if (options.config.empty() && options.warnings.empty()) return;
  if (!sg4::Engine::has_instance()) {
    // This process runs no simulation of its own, so its one engine may serve the check.
    static int argc = 2;
    static char name[] = "dsdsi", quiet[] = "--log=root.thres:critical";
    static char* argv[] = {name, quiet, nullptr};
    // Never destroyed: it must outlive nothing but the process, and SimGrid's teardown of an
    // engine that ran nothing is not worth the risk at exit.
    static const sg4::Engine* engine = new sg4::Engine(&argc, argv);
    (void)engine;
  }
  apply_simgrid_config(options);
}

}  // namespace dsdsi
