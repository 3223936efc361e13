#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/json_file.hpp"
#include "dsdsi/metrics/write_error.hpp"

namespace fs = std::filesystem;

namespace dsdsi {
namespace {

class MetricsJsonFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "dsdsi-json-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(MetricsJsonFile, PrettyInInsertionOrderWithTrailingNewline) {
  nlohmann::ordered_json value;
  value["zeta"] = 1;
  value["alpha"] = {1, 2};
  value["missing"] = nullptr;
  value["ratio"] = 0.1;
  write_json_file(dir_ / "summary.json", value);
  std::ifstream in(dir_ / "summary.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            "{\n"
            "  \"zeta\": 1,\n"
            "  \"alpha\": [\n"
            "    1,\n"
            "    2\n"
            "  ],\n"
            "  \"missing\": null,\n"
            "  \"ratio\": 0.1\n"
            "}\n");
}

TEST_F(MetricsJsonFile, ReplacesAnExistingFile) {
  std::ofstream(dir_ / "a.json") << "a much longer previous content that must disappear";
  write_json_file(dir_ / "a.json", nlohmann::ordered_json::object());
  EXPECT_EQ(fs::file_size(dir_ / "a.json"), 3u);  // "{}\n"
}

TEST_F(MetricsJsonFile, UnopenableFileThrows) {
  EXPECT_THROW(write_json_file(dir_ / "missing" / "a.json", 1), std::runtime_error);
}

TEST_F(MetricsJsonFile, WriteErrorThrows) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  EXPECT_THROW(write_json_file("/dev/full", 1), std::runtime_error);
}

}  // namespace
}  // namespace dsdsi

namespace dsdsi {
namespace {

// /dev/full accepts the open and fails every write with ENOSPC, as a full disk does.
TEST(MetricsWriteError, AFullDiskIsNamedAsSuch) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  try {
    write_json_file("/dev/full", nlohmann::ordered_json{{"a", std::string(1 << 16, 'x')}});
    FAIL() << "no error";
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("the disk is full"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dsdsi
