#pragma once
// What SimGrid 3.32 aborts, loops forever or corrupts memory on in a platform's structure, found
// by reading the XML's elements before SimGrid does, each reported with its line:
// - zones nested more than kMaxZoneDepth deep (SimGrid's heap breaks at a few hundred);
// - an id given twice (hosts, routers and zones share one namespace; links have their own);
// - a host or cluster speed that is not a finite number > 0, or a core count that is not an
//   integer >= 1; a link bandwidth or latency that is NaN or infinite;
// - a route (or zoneRoute) declared twice, or declared both ways while the first is symmetrical
//   (SimGrid adds the way back itself and aborts on the second);
// - a Dijkstra zone in which some host or sub-zone cannot reach another through the zone's
//   routes: SimGrid 3.32's route search never returns for such a pair, so dsdsi searches the
//   zone's graph itself first.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dsdsi {

// One tag of an XML text: `name` is the element ("zone"; "/zone" for a closing tag), `tag` the
// whole tag text, for its attributes.
struct XmlElement {
  std::string name;
  std::string tag;
  bool self_closing = false;
  std::size_t line = 0;  // 1-based
};

// The tags of `text` in document order; comments, the XML declaration and DOCTYPE are skipped.
// A plain scan (no regular expressions, whose matcher recurses once per character in
// libstdc++), linear in the text, so that any file is read in bounded stack and time.
std::vector<XmlElement> xml_elements(const std::string& text);

// The value of attribute `name` in a tag, if it has one.
std::optional<std::string> xml_attribute(const std::string& tag, const std::string& name);

inline constexpr std::size_t kMaxZoneDepth = 16;

// "file:line: ..." for each problem of `text` (the content of `file`).
std::vector<std::string> platform_structure_problems(const std::string& file,
                                                     const std::string& text);

}  // namespace dsdsi
