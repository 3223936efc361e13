#pragma once
// Shared by the libFuzzer targets: the readers under test take files, so each input is written
// to one file per fuzzing process (rewritten for every input), and the only exception a reader
// may throw is ConfigError (bad input, reported). Anything else escaping is a bug: abort, so that
// libFuzzer records the input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>

#include "dsdsi/config/config_error.hpp"

namespace dsdsi::fuzz {

inline std::string write_input(const std::uint8_t* data, std::size_t size, const char* suffix) {
  const std::string path = "/tmp/dsdsi-fuzz-" + std::to_string(::getpid()) + suffix;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

template <typename Body>
void expect_only_config_errors(Body&& body) {
  try {
    body();
  } catch (const ConfigError&) {
    // bad input, reported: what the reader is for
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  }
}

}  // namespace dsdsi::fuzz
