// libFuzzer target: the platform pre-check, which reads a platform XML before SimGrid does so
// that what SimGrid would abort or loop on is reported instead. It must itself never crash or
// hang on any text.
#include "dsdsi/sim/platform_prescan.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = dsdsi::fuzz::write_input(data, size, ".xml");
  dsdsi::fuzz::expect_only_config_errors([&] {
    (void)dsdsi::platform_prescan_problems(path);
    (void)dsdsi::declares_wattage(path);
  });
  return 0;
}
