#include <cctype>

#include "dsdsi/cli/new_presets.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/key_path.hpp"

namespace dsdsi::cli {

using ojson = nlohmann::ordered_json;

namespace {

// Sets `value` at the dotted `path`, creating objects on the way. Refuses (returns the reason)
// to replace a key another part set, or to go through or replace a whole object another part
// set keys in: two parts must never decide the same value.
std::string set_new_key(ojson& document, const std::string& path, const ojson& value) {
  const KeyPath keys = split_dotted(path);
  ojson* node = &document;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    if (keys[i].empty()) return "has an empty segment";
    if (!node->contains(keys[i])) (*node)[keys[i]] = ojson::object();
    node = &(*node)[keys[i]];
    if (!node->is_object())
      return "goes through " + to_dotted(KeyPath(keys.begin(), keys.begin() + i + 1)) +
             ", which another part sets";
  }
  if (keys.back().empty()) return "has an empty segment";
  if (node->contains(keys.back())) return "is set by another part too";
  (*node)[keys.back()] = value;
  return "";
}

std::string listed_keys(const ojson& set) {
  std::string text;
  for (const auto& [path, value] : set.items()) {
    text += (text.empty() ? "" : ", ") + path + " = " + value.dump();
  }
  return text;
}

struct ChosenPart {
  const PartKind* kind;
  const PresetPart* part;
};

}  // namespace

std::string new_command_line(const PartChoice& choice) {
  return "dsdsi new --target " + choice.target + " --draft " + choice.draft + " --network " +
         choice.network + " --workload " + choice.workload + " --acceptance " + choice.acceptance +
         " --mode " + choice.mode + " --gamma " + std::to_string(choice.gamma) + " --seed " +
         std::to_string(choice.seed);
}

ojson assemble_scenario(const PresetLibrary& library, const PartChoice& choice) {
  // Every unknown name is reported at once, like every other bad input.
  std::vector<std::string> problems;
  std::vector<ChosenPart> chosen;
  const std::pair<const PartKind*, const std::string*> wanted[] = {
      {&library.targets, &choice.target},
      {&library.drafts, &choice.draft},
      {&library.networks, &choice.network},
      {&library.workloads, &choice.workload},
      {&library.acceptance, &choice.acceptance}};
  for (const auto& [kind, name] : wanted) {
    try {
      chosen.push_back({kind, &find_part(*kind, *name)});
    } catch (const ConfigError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw ConfigError(problems);

  // A draft proposes token ids that the target verifies: they must share a vocabulary.
  const PresetPart& target = *chosen[0].part;
  const PresetPart& draft = *chosen[1].part;
  if (target.vocabulary != draft.vocabulary) {
    std::string fitting;
    for (const auto& d : library.drafts.parts) {
      if (d.vocabulary == target.vocabulary) fitting += (fitting.empty() ? "" : ", ") + d.name;
    }
    throw ConfigError({"--draft \"" + draft.name + "\" (tokenizer " + draft.vocabulary +
                       ") cannot draft for --target \"" + target.name + "\" (tokenizer " +
                       target.vocabulary +
                       "): the target verifies the draft's token ids, so both need the same "
                       "vocabulary; drafts for this target: " +
                       (fitting.empty() ? "none in " + library.file.string() : fitting)});
  }

  ojson document = ojson::object();
  document["schema_version"] = 1;
  document["description"] = "";  // filled in below, kept in second place
  document["seed"] = choice.seed;
  document["mode"] = choice.mode;
  std::string description =
      "Made by `" + new_command_line(choice) +
      "`. Chosen by dsdsi new (options --seed, --mode, --gamma; the defaults are dsdsi's own): "
      "seed = " +
      std::to_string(choice.seed) + ", mode = \"" + choice.mode +
      "\", speculation.gamma = " + std::to_string(choice.gamma) + ".";
  for (const auto& [kind, part] : chosen) {
    for (const auto& [path, value] : part->set.items()) {
      const std::string why = set_new_key(document, path, value);
      if (!why.empty()) {
        problems.push_back(library.file.string() + ": /" + kind->key + "/" + part->name + "/set/" +
                           path + ": " + why);
      }
    }
    std::string label = kind->noun;
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    description += " " + label + " " + part->name + ": " + part->summary + ". Sets " +
                   listed_keys(part->set) + ". Source: " + part->source;
  }
  const std::string why = set_new_key(document, "speculation.gamma", choice.gamma);
  if (!why.empty()) problems.push_back(library.file.string() + ": speculation.gamma " + why);
  if (!problems.empty()) throw ConfigError(problems);
  description += " Not set, so dsdsi's defaults apply: " + library.left_at_defaults;
  document["description"] = description;
  return document;
}

}  // namespace dsdsi::cli
