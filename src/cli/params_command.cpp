#include <cstdio>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/config/parameter_table.hpp"

namespace dsdsi::cli {

int params_command() {
  std::fputs(scenario_reference_markdown().c_str(), stdout);
  return 0;
}

}  // namespace dsdsi::cli
