#include "dsdsi/metrics/json_file.hpp"

#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/write_error.hpp"

namespace dsdsi {

void write_json_file(const std::filesystem::path& file, const nlohmann::ordered_json& value) {
  // Serialise first: nlohmann formats numbers itself (shortest round-trip form, no locale).
  // Scenario strings are checked to be UTF-8 when loaded; what is not checked (a command-line
  // path in run.json, which the file system allows to be any bytes) is written with U+FFFD
  // for each invalid byte rather than failing a finished run.
  const std::string text =
      value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  errno = 0;
  std::ofstream out(file, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out) throw write_error(file, errno);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (out.fail()) throw write_error(file, errno);
}

}  // namespace dsdsi
