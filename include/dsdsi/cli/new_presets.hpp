#pragma once
// The named parts `dsdsi new` assembles a scenario from: targets (a model on a GPU), drafts (a
// model on an edge device), networks, workloads and acceptance models. They live in a data file
// (presets/scenario-parts.json), each with the scenario keys it sets and the source of their
// values, plus one acceptance part per published curve in acceptance/. Nothing about a preset is
// written in C++: adding one is an edit of the data file.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dsdsi::cli {

struct PresetPart {
  std::string name;
  std::string summary;         // one line, for --list and the description
  std::string source;          // where every value in `set` comes from
  std::string vocabulary;      // targets and drafts: the tokenizer family (a draft must share it)
  nlohmann::ordered_json set;  // dotted scenario path -> value, as --set PATH=VALUE
  nlohmann::ordered_json fields;  // the entry as written (for checks of its published figures)
};

struct PartKind {
  std::string key;     // "targets": the data file's section
  std::string option;  // "--target": the command-line option that names one
  std::string noun;    // "target": one of them, in messages
  std::vector<PresetPart> parts;
};

struct PresetLibrary {
  std::filesystem::path file;    // the data file it was read from
  std::string left_at_defaults;  // which keys no part sets, and why
  PartKind targets{"targets", "--target", "target", {}};
  PartKind drafts{"drafts", "--draft", "draft", {}};
  PartKind networks{"networks", "--network", "network", {}};
  PartKind workloads{"workloads", "--workload", "workload", {}};
  PartKind acceptance{"acceptance", "--acceptance", "acceptance model", {}};
};

// The shipped data file and acceptance folder (under shipped_data_dir()).
std::filesystem::path shipped_parts_file();
std::filesystem::path shipped_acceptance_dir();

// Reads the data file and every acceptance/*.json (named by its stem). A malformed file or entry
// is bad input (ConfigError naming the file and JSON pointer).
PresetLibrary load_preset_library(const std::filesystem::path& parts_file,
                                  const std::filesystem::path& acceptance_dir);

// The part called `name`, or a ConfigError naming the option, a did-you-mean and every choice.
const PresetPart& find_part(const PartKind& kind, const std::string& name);

// What the user chose; the names are looked up in the library.
struct PartChoice {
  std::string target, draft, network, workload, acceptance;
  std::string mode = "dsd_sync";
  std::int64_t gamma = 4;
  std::int64_t seed = 1;
};

// The scenario the choice describes: schema_version, a description that names every part, every
// key it sets and the source of its values, then the keys themselves. Deterministic: the same
// library and choice give the same document. ConfigError for unknown names, a draft whose
// tokenizer is not the target's, or two parts that set the same key.
nlohmann::ordered_json assemble_scenario(const PresetLibrary& library, const PartChoice& choice);

// The command line that reproduces `choice` ("dsdsi new --target ... --seed 1").
std::string new_command_line(const PartChoice& choice);

}  // namespace dsdsi::cli
