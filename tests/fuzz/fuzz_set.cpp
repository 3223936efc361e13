// libFuzzer target: --set arguments (one per line of the input) applied to a small valid
// scenario, as `dsdsi run s.json --set A --set B` does.
#include <string>
#include <vector>

#include "dsdsi/config/overrides.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> sets{""};
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      sets.emplace_back();
    } else {
      sets.back() += static_cast<char>(data[i]);
    }
  }
  dsdsi::fuzz::expect_only_config_errors([&] {
    const nlohmann::json base = {{"schema_version", 1}, {"workload", {{"clients", 2}}}};
    const auto loaded =
        dsdsi::load_scenario_json(base, "fuzz.json", dsdsi::parse_overrides(sets), "/tmp");
    (void)loaded.resolved.dump();
  });
  return 0;
}
