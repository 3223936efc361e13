#include "dsdsi/config/input_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "dsdsi/config/config_error.hpp"

namespace dsdsi {
namespace fs = std::filesystem;
namespace {

std::string kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

std::string size_text(std::uintmax_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes) {
  if (path.empty()) return "the path is empty";
  if (path.find('\0') != std::string::npos) {
    return "the path contains a NUL byte (it would name another file)";
  }
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec.value() == ELOOP) return "a symbolic link loop (too many levels of links)";
  if (!fs::exists(status)) return "no such file";
  if (!fs::is_regular_file(status)) {
    const std::string kind = kind_of(status.type());
    return kind == "not a regular file" ? kind : "not a regular file (" + kind + ")";
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return "cannot read its size: " + ec.message();
  if (size > max_bytes) {
    return "too large (" + std::to_string(size) + " bytes; the limit is " + size_text(max_bytes) +
           ")";
  }
  return std::nullopt;
}

std::string read_input_file(const std::string& path, std::uintmax_t max_bytes,
                            const std::string& what) {
  if (const auto why = input_file_problem(path, max_bytes)) {
    throw ConfigError({path + ": " + what + ": " + *why});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({path + ": " + what + ": " + std::strerror(errno)});
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError({path + ": " + what + ": read error"});
  return text.str();
}

}  // namespace dsdsi
