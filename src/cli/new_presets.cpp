#include "dsdsi/cli/new_presets.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/platform_path.hpp"

namespace dsdsi::cli {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

ojson read_preset_json(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError({file.string() + ": cannot read the preset file"});
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return ojson::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw ConfigError({file.string() + ": not valid JSON: " + e.what()});
  }
}

std::string string_field(const ojson& entry, const std::string& key, const std::string& where,
                         bool required, std::vector<std::string>& problems) {
  if (!entry.contains(key)) {
    if (required) problems.push_back(where + "/" + key + ": missing (a string)");
    return "";
  }
  if (!entry.at(key).is_string() || entry.at(key).get<std::string>().empty()) {
    problems.push_back(where + "/" + key + ": must be a non-empty string");
    return "";
  }
  return entry.at(key).get<std::string>();
}

// One section of the data file: an object of named entries, each with a summary, a source and
// the keys it sets. Targets and drafts also name their tokenizer family.
void read_section(const ojson& document, const fs::path& file, PartKind& kind,
                  std::vector<std::string>& problems) {
  const std::string at = file.string() + ": /" + kind.key;
  if (!document.contains(kind.key) || !document.at(kind.key).is_object()) {
    problems.push_back(at + ": missing (an object of named parts)");
    return;
  }
  const bool needs_vocabulary = kind.key == "targets" || kind.key == "drafts";
  for (const auto& [name, entry] : document.at(kind.key).items()) {
    const std::string where = at + "/" + name;
    if (!entry.is_object()) {
      problems.push_back(where + ": must be an object");
      continue;
    }
    PresetPart part;
    part.name = name;
    part.fields = entry;
    part.summary = string_field(entry, "summary", where, true, problems);
    part.source = string_field(entry, "source", where, true, problems);
    part.vocabulary = string_field(entry, "vocabulary", where, needs_vocabulary, problems);
    if (!entry.contains("set") || !entry.at("set").is_object() || entry.at("set").empty()) {
      problems.push_back(where + "/set: must be a non-empty object of dotted path -> value");
    } else {
      part.set = entry.at("set");
    }
    kind.parts.push_back(std::move(part));
  }
  if (kind.parts.empty()) problems.push_back(at + ": has no parts");
}

// Each acceptance/*.json is a published `speculation.acceptance` value with its own `source`;
// it becomes a part of that name, in file-name order (directory order is not deterministic).
void read_acceptance_dir(const fs::path& dir, PartKind& kind, std::vector<std::string>& problems) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (ec) {
    problems.push_back(dir.string() + ": cannot list the acceptance presets: " + ec.message());
    return;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const ojson value = read_preset_json(file);
    PresetPart part;
    part.name = file.stem().string();
    part.fields = value;
    part.source = string_field(value, "source", file.string() + ": ", true, problems);
    part.summary = "Published mean accepted length per gamma (acceptance/" + part.name +
                   ".json), measured for the model pair and task its source names";
    part.set = ojson::object();
    part.set["speculation.acceptance"] = value;
    kind.parts.push_back(std::move(part));
  }
}

}  // namespace

fs::path shipped_parts_file() { return shipped_data_dir() / "presets" / "scenario-parts.json"; }
fs::path shipped_acceptance_dir() { return shipped_data_dir() / "acceptance"; }

PresetLibrary load_preset_library(const fs::path& parts_file, const fs::path& acceptance_dir) {
  PresetLibrary library;
  library.file = parts_file;
  const ojson document = read_preset_json(parts_file);
  std::vector<std::string> problems;
  if (!document.is_object()) throw ConfigError({parts_file.string() + ": must be an object"});
  library.left_at_defaults =
      string_field(document, "left_at_defaults", parts_file.string() + ": ", true, problems);
  for (PartKind* kind : {&library.targets, &library.drafts, &library.networks, &library.workloads,
                         &library.acceptance}) {
    read_section(document, parts_file, *kind, problems);
  }
  read_acceptance_dir(acceptance_dir, library.acceptance, problems);
  if (!problems.empty()) throw ConfigError(problems);
  return library;
}

const PresetPart& find_part(const PartKind& kind, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& part : kind.parts) {
    if (part.name == name) return part;
    names.push_back(part.name);
  }
  std::string choices;
  for (const auto& n : names) choices += (choices.empty() ? "" : ", ") + n;
  // A name is model@device: "jetson-orin" or "phone" alone is too far from any full name for an
  // edit distance, but names that contain it are what the user meant.
  std::string hint = did_you_mean(name, names);
  if (hint.empty() && !name.empty()) {
    std::vector<std::string> containing;
    for (const auto& n : names) {
      if (n.find(name) != std::string::npos) containing.push_back("\"" + n + "\"");
    }
    for (std::size_t i = 0; i < containing.size(); ++i) {
      hint += (i == 0                       ? " (did you mean "
               : i + 1 == containing.size() ? " or "
                                            : ", ") +
              containing[i];
    }
    if (!hint.empty()) hint += "?)";
  }
  throw ConfigError({kind.option + " \"" + name + "\": no such " + kind.noun + hint +
                     "; choices: " + choices + " (dsdsi new --list describes each)"});
}

}  // namespace dsdsi::cli
