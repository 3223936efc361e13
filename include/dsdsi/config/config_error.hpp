#pragma once
// Bad input: every problem found in a scenario (or platform), each already formatted as
// "<file>: <where>: <what>", reported together. main() maps this to exit code 2.
#include <stdexcept>
#include <string>
#include <vector>

namespace dsdsi {

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems);
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

}  // namespace dsdsi
