// docs/scenario.md is generated from the parameter table; this test fails when the committed
// file is stale, and rewrites it when DSDSI_REGENERATE_DOCS=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "dsdsi/config/parameter_table.hpp"

namespace dsdsi {
namespace {

const char* const kDocPath = DSDSI_SOURCE_DIR "/docs/scenario.md";

TEST(ConfigDocs, ScenarioReferenceIsUpToDate) {
  const std::string generated = scenario_reference_markdown();
  const char* regenerate = std::getenv("DSDSI_REGENERATE_DOCS");
  if (regenerate != nullptr && std::string(regenerate) == "1") {
    std::ofstream(kDocPath, std::ios::binary) << generated;
  }
  std::ifstream in(kDocPath, std::ios::binary);
  std::ostringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == generated)
      << kDocPath << " differs from the parameter table. Regenerate it with\n"
      << "  DSDSI_REGENERATE_DOCS=1 <build>/dsdsi_unit_tests --gtest_filter=ConfigDocs.*\n"
      << "(or `dsdsi params > docs/scenario.md`) and commit the result.";
}

TEST(ConfigDocs, EveryParameterHasARow) {
  const std::string markdown = scenario_reference_markdown();
  for (const auto& spec : parameter_table()) {
    EXPECT_NE(markdown.find("| `" + spec.path + "` |"), std::string::npos) << spec.path;
  }
}

}  // namespace
}  // namespace dsdsi
