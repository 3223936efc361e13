#include "dsdsi/metrics/json_file.hpp"

#include <fstream>
#include <stdexcept>
#include <string>

namespace dsdsi {

void write_json_file(const std::filesystem::path& file, const nlohmann::ordered_json& value) {
  // Serialise first: nlohmann formats numbers itself (shortest round-trip form, no locale), and
  // an invalid string throws before the file is touched.
  const std::string text = value.dump(2) + '\n';
  std::ofstream out(file, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out) throw std::runtime_error("cannot open " + file.string() + " for writing");
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (out.fail()) {
    throw std::runtime_error("error writing " + file.string() +
                             " (disk full or file system error?)");
  }
}

}  // namespace dsdsi
