#include "dsdsi/config/document_shape.hpp"

#include <map>

#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The keys a section may hold, in table order, and whether each is itself a section.
struct SectionKeys {
  std::vector<std::string> names;
  std::map<std::string, bool> is_section;
};

struct Shape {
  std::map<KeyPath, SectionKeys> sections;
  std::vector<KeyPath> leaves;
};

Shape shape_of(const std::vector<ParamSpec>& table) {
  Shape shape;
  for (const auto& spec : table) {
    const KeyPath path = split_dotted(spec.path);
    shape.leaves.push_back(path);
    KeyPath parent;
    for (std::size_t i = 0; i < path.size(); ++i) {
      SectionKeys& keys = shape.sections[parent];
      const bool is_section = i + 1 < path.size();
      if (keys.is_section.emplace(path[i], is_section).second) keys.names.push_back(path[i]);
      parent.push_back(path[i]);
    }
  }
  return shape;
}

// A key misspelt is usually close to a sibling; a key misplaced ("gamma" at the top level) is
// spelt right but belongs elsewhere.
std::string suggestion(const std::string& key, const SectionKeys& siblings, const Shape& shape) {
  std::string text = did_you_mean(key, siblings.names);
  if (!text.empty()) return text;
  for (const auto& leaf : shape.leaves) {
    if (leaf.back() == key) return " (did you mean " + to_pointer(leaf) + "?)";
  }
  return "";
}

void check_section(const json& section, const KeyPath& where, const Shape& shape,
                   ProblemList& problems) {
  const SectionKeys& known = shape.sections.at(where);
  for (const auto& [key, value] : section.items()) {
    KeyPath child = where;
    child.push_back(key);
    const auto found = known.is_section.find(key);
    if (found == known.is_section.end()) {
      problems.add(child, "unknown key" + suggestion(key, known, shape));
    } else if (found->second) {
      if (value.is_object()) {
        check_section(value, child, shape, problems);
      } else {
        problems.add(child, "must be an object, got " + show_value(value));
      }
    }
  }
}

}  // namespace

void check_document_shape(const json& document, const std::vector<ParamSpec>& table,
                          ProblemList& problems) {
  check_section(document, {}, shape_of(table), problems);
}

}  // namespace dsdsi
