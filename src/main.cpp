// Parses, dispatches, maps errors to exit codes: 0 ok, 2 bad input, 1 internal failure.
#include <iostream>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/metrics/staged_output_dir.hpp"

int main(int argc, char** argv) {
  try {
    return dsdsi::cli::dispatch(argc, argv);
  } catch (const dsdsi::ConfigError& e) {
    for (const auto& problem : e.problems()) std::cerr << "error: " << problem << '\n';
    return 2;
  } catch (const dsdsi::OutputDirError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return 1;
  }
}
