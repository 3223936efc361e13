#pragma once
// An output file could not be written: the disk is full, a quota is reached, the file system
// failed. Neither bad input nor a bug in dsdsi, so it gets its own label ("error: cannot write
// ...: No space left on device (the disk is full)") instead of "internal error".
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace dsdsi {

class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The WriteError for `file`, with the system's reason for `saved_errno` (the errno right after
// the failed call; 0 when unknown).
inline WriteError write_error(const std::filesystem::path& file, int saved_errno) {
  std::string why = saved_errno != 0 ? std::strerror(saved_errno) : "write failed";
  if (saved_errno == ENOSPC || saved_errno == EDQUOT) why += " (the disk is full)";
  return WriteError("cannot write " + file.string() + ": " + why);
}

}  // namespace dsdsi
