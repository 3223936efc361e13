#include "dsdsi/config/problem_list.hpp"

#include "dsdsi/config/config_error.hpp"

namespace dsdsi {

ProblemList::ProblemList(std::string document_source)
    : document_source_(std::move(document_source)) {}

void ProblemList::attribute_to(KeyPath path, std::string source) {
  attributions_.push_back({std::move(path), std::move(source)});
}

void ProblemList::add(const KeyPath& where, const std::string& message) {
  const std::string* source = &document_source_;
  for (const auto& attribution : attributions_) {
    // The root is above every override but caused by none of them.
    if (where.empty()) break;
    if (is_prefix(attribution.path, where) || is_prefix(where, attribution.path)) {
      source = &attribution.source;
    }
  }
  add_from(*source, to_pointer(where), message);
}

void ProblemList::add_from(const std::string& source, const std::string& where,
                           const std::string& message) {
  lines_.push_back(where.empty() ? source + ": " + message
                                 : source + ": " + where + ": " + message);
}

void ProblemList::throw_if_any() const {
  if (!lines_.empty()) throw ConfigError(lines_);
}

}  // namespace dsdsi
