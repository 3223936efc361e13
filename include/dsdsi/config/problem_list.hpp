#pragma once
// The problems found while loading a scenario, collected rather than thrown one at a time so
// that a user fixes a file in one pass. Each problem names the source it comes from: the
// scenario file, or the --set override whose value caused it.
#include <cstddef>
#include <string>
#include <vector>

#include "dsdsi/config/key_path.hpp"

namespace dsdsi {

// A data file (a latency table, a trace) lists at most this many of its problems: a wrong file
// would otherwise flood the terminal with one line per row.
inline constexpr std::size_t kMaxFileProblems = 10;

class ProblemList {
 public:
  explicit ProblemList(std::string document_source);

  // From now on, a problem at `path`, inside it or above it (an object the override created)
  // is reported as coming from `source` ("--set PATH=VALUE"). The latest such call wins.
  void attribute_to(KeyPath path, std::string source);

  // A problem at `where` in the document, attributed as above.
  void add(const KeyPath& where, const std::string& message);
  // A problem with an explicit source; `where` may be empty (e.g. "file not found").
  void add_from(const std::string& source, const std::string& where, const std::string& message);

  bool empty() const { return lines_.empty(); }
  // "<source>: <json-pointer>: <message>", in the order found.
  const std::vector<std::string>& lines() const { return lines_; }
  // Throws ConfigError with every problem, if there is any.
  void throw_if_any() const;

 private:
  struct Attribution {
    KeyPath path;
    std::string source;
  };
  std::string document_source_;
  std::vector<Attribution> attributions_;
  std::vector<std::string> lines_;
};

}  // namespace dsdsi
