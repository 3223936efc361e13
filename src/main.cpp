// Parses, dispatches, maps errors to exit codes: 0 ok, 2 bad input, 1 an output that could not
// be written (disk full) or an internal failure.
#include <iostream>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"
#include "dsdsi/metrics/write_error.hpp"

int main(int argc, char** argv) {
  try {
    return dsdsi::cli::dispatch(argc, argv);
  } catch (const dsdsi::ConfigError& e) {
    for (const auto& problem : e.problems()) std::cerr << "error: " << problem << '\n';
    return 2;
  } catch (const dsdsi::OutputDirError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const dsdsi::WriteError& e) {  // disk full, quota: the environment, not a bug
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return 1;
  }
}
