// libFuzzer target: the readers of files a scenario refers to. The first byte chooses the
// reader (a workload trace, an acceptance trace, a latency table), the rest is the file. They
// report problems as text; none may throw.
#include "dsdsi/config/latency_table_file.hpp"
#include "dsdsi/config/trace_files.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string path = dsdsi::fuzz::write_input(data + 1, size - 1, ".input");
  dsdsi::fuzz::expect_only_config_errors([&] {
    switch (data[0] % 3) {
      case 0:
        (void)dsdsi::read_workload_trace(path);
        break;
      case 1:
        (void)dsdsi::read_acceptance_trace(path);
        break;
      default:
        (void)dsdsi::read_latency_table(path);
        break;
    }
  });
  return 0;
}
