#include "dsdsi/metrics/json_file.hpp"

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/write_error.hpp"

namespace dsdsi {

void write_json_file(const std::filesystem::path& file, const nlohmann::ordered_json& value) {
  // Serialise first: nlohmann formats numbers itself (shortest round-trip form, no locale), and
  // an invalid string throws before the file is touched.
  const std::string text = value.dump(2) + '\n';
  errno = 0;
  std::ofstream out(file, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out) throw write_error(file, errno);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (out.fail()) throw write_error(file, errno);
}

}  // namespace dsdsi
