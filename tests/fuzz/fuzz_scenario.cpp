// libFuzzer target: a scenario file, read and validated as `dsdsi validate` does. A scenario
// that loads must serialise (run.json is written from the resolved document).
#include "dsdsi/config/scenario_loader.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = dsdsi::fuzz::write_input(data, size, ".json");
  dsdsi::fuzz::expect_only_config_errors([&] {
    const auto loaded = dsdsi::load_scenario(path, {});
    (void)loaded.resolved.dump();
  });
  return 0;
}
