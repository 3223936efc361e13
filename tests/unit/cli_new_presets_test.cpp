// `dsdsi new`'s presets: every combination of the shipped parts assembles into a scenario the
// loader accepts, the description names every value with its source, the drafts' figures are the
// published ones, and bad choices are refused.
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/cli/new_presets.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "scratch_dir.hpp"

namespace {

using dsdsi::ConfigError;
using dsdsi::cli::PartChoice;
using dsdsi::cli::PresetLibrary;
namespace fs = std::filesystem;

const fs::path kSource = DSDSI_SOURCE_DIR;

PresetLibrary shipped_library() {
  return dsdsi::cli::load_preset_library(kSource / "presets" / "scenario-parts.json",
                                         kSource / "acceptance");
}

PartChoice default_choice(const PresetLibrary& library) {
  PartChoice choice;
  choice.target = library.targets.parts.front().name;
  choice.draft = library.drafts.parts.front().name;
  choice.network = library.networks.parts.front().name;
  choice.workload = library.workloads.parts.front().name;
  choice.acceptance = library.acceptance.parts.front().name;
  return choice;
}

void expect_loads(const PresetLibrary& library, const PartChoice& choice) {
  const auto document = dsdsi::cli::assemble_scenario(library, choice);
  try {
    dsdsi::load_scenario_json(nlohmann::json(document), "new.json", {}, kSource);
  } catch (const ConfigError& e) {
    ADD_FAILURE() << dsdsi::cli::new_command_line(choice) << ": " << e.what() << "\n"
                  << e.problems().front();
  }
}

// A representative product: every target x draft x workload (the parts whose keys the loader
// checks against each other: a table must cover the batch a workload's prompts make, a draft
// must share the target's tokenizer), then every network and every acceptance model with the
// first of the others (their keys are checked on their own, whatever the other parts). The full
// product (about 5,000 scenarios at 25 ms each) would add minutes for no other check.
TEST(NewPresets, EveryCombinationLoads) {
  const PresetLibrary library = shipped_library();
  ASSERT_GE(library.targets.parts.size(), 3u);
  ASSERT_GE(library.drafts.parts.size(), 3u);
  ASSERT_GE(library.networks.parts.size(), 5u);
  ASSERT_GE(library.workloads.parts.size(), 3u);
  ASSERT_GE(library.acceptance.parts.size(), 2u);
  PartChoice choice = default_choice(library);
  std::size_t count = 0;
  for (const auto& t : library.targets.parts) {
    for (const auto& d : library.drafts.parts) {
      for (const auto& w : library.workloads.parts) {
        choice.target = t.name, choice.draft = d.name, choice.workload = w.name;
        expect_loads(library, choice);
        ++count;
      }
    }
  }
  for (const auto& n : library.networks.parts) {
    choice = default_choice(library);
    choice.network = n.name;
    expect_loads(library, choice);
    ++count;
  }
  for (const auto& a : library.acceptance.parts) {
    choice = default_choice(library);
    choice.acceptance = a.name;
    expect_loads(library, choice);
    ++count;
  }
  EXPECT_EQ(count, library.targets.parts.size() * library.drafts.parts.size() *
                           library.workloads.parts.size() +
                       library.networks.parts.size() + library.acceptance.parts.size());
}

TEST(NewPresets, DescriptionNamesEveryValueAndItsSource) {
  const PresetLibrary library = shipped_library();
  PartChoice choice = default_choice(library);
  choice.acceptance = library.acceptance.parts.back().name;  // a published curve
  const auto document = dsdsi::cli::assemble_scenario(library, choice);
  const std::string description = document.at("description").get<std::string>();
  for (const auto* kind : {&library.targets, &library.drafts, &library.networks, &library.workloads,
                           &library.acceptance}) {
    const std::string* name = kind == &library.targets     ? &choice.target
                              : kind == &library.drafts    ? &choice.draft
                              : kind == &library.networks  ? &choice.network
                              : kind == &library.workloads ? &choice.workload
                                                           : &choice.acceptance;
    const auto& part = dsdsi::cli::find_part(*kind, *name);
    EXPECT_NE(description.find(part.source), std::string::npos) << part.name;
    for (const auto& [path, value] : part.set.items()) {
      EXPECT_NE(description.find(path + " = " + value.dump()), std::string::npos) << path;
      // ... and the value is in the document, at that path.
      nlohmann::ordered_json node = document;
      std::string rest = path;
      for (std::size_t dot; (dot = rest.find('.')) != std::string::npos;) {
        node = node.at(rest.substr(0, dot));
        rest = rest.substr(dot + 1);
      }
      EXPECT_EQ(node.at(rest), value) << path;
    }
  }
  EXPECT_NE(description.find(dsdsi::cli::new_command_line(choice)), std::string::npos);
  EXPECT_NE(description.find(library.left_at_defaults), std::string::npos);
  EXPECT_EQ(document.at("speculation").at("gamma"), 4);
  EXPECT_EQ(document.at("mode"), "dsd_sync");
}

// A draft's step time is 1000 / the published tokens per second, to the 4 significant digits
// the data file keeps (relative rounding error below 5e-4).
TEST(NewPresets, DraftSpeedsAreThePublishedFigures) {
  const PresetLibrary library = shipped_library();
  for (const auto& draft : library.drafts.parts) {
    const double tokens_per_s = draft.fields.at("published_tokens_per_s").get<double>();
    const double ms = draft.set.at("edge.draft_ms_per_token").get<double>();
    EXPECT_NEAR(ms, 1000.0 / tokens_per_s, 5e-4 * ms) << draft.name;
    if (draft.fields.contains("published_prefill_tokens_per_s")) {
      const double prefill = draft.fields.at("published_prefill_tokens_per_s").get<double>();
      const double prefill_ms = draft.set.at("edge.prefill_ms_per_token").get<double>();
      EXPECT_NEAR(prefill_ms, 1000.0 / prefill, 5e-4 * prefill_ms) << draft.name;
    } else {
      EXPECT_FALSE(draft.set.contains("edge.prefill_ms_per_token")) << draft.name;
    }
    EXPECT_NE(draft.source.find(draft.fields.at("published_tokens_per_s").dump()),
              std::string::npos)
        << draft.name << ": the source must quote the figure used";
  }
}

TEST(NewPresets, UnknownNamesAreAllReportedWithChoices) {
  const PresetLibrary library = shipped_library();
  PartChoice choice = default_choice(library);
  choice.target = "llama3-8b@h10";
  choice.network = "6g";
  try {
    dsdsi::cli::assemble_scenario(library, choice);
    FAIL() << "accepted unknown names";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_NE(e.problems()[0].find("--target \"llama3-8b@h10\": no such target (did you mean "
                                   "\"llama3-8b@h100\"?); choices: llama3-8b@h100"),
              std::string::npos)
        << e.problems()[0];
    EXPECT_NE(e.problems()[1].find("--network \"6g\": no such network"), std::string::npos);
    EXPECT_NE(e.problems()[1].find("5g, lte"), std::string::npos) << e.problems()[1];
  }
}

TEST(NewPresets, ADeviceOrModelAloneSuggestsTheNamesThatHoldIt) {
  const PresetLibrary library = shipped_library();
  try {
    dsdsi::cli::find_part(library.drafts, "phone");
    FAIL() << "accepted \"phone\"";
  } catch (const ConfigError& e) {
    EXPECT_NE(e.problems().front().find("--draft \"phone\": no such draft (did you mean "
                                        "\"llama3.2-1b@phone\", \"llama3.2-1b-qlora@phone\" or "
                                        "\"llama3.2-1b-bf16@phone\"?)"),
              std::string::npos)
        << e.problems().front();
  }
}

// A data file whose draft has another tokenizer than the target, and one whose parts set the
// same key twice: both refused, naming what is wrong.
TEST(NewPresets, MismatchedVocabularyAndConflictingPartsAreRefused) {
  const dsdsi::ScratchDir dir;
  const std::string entry = R"("summary": "s", "source": "src")";
  const auto file = dir.write(
      "parts.json",
      R"({"left_at_defaults": "x",
          "targets": {"t": {)" +
          entry + R"(, "vocabulary": "llama3", "set": {"cloud.max_batch": 4}}},
          "drafts": {"d2": {)" +
          entry + R"(, "vocabulary": "llama2", "set": {"edge.draft_ms_per_token": 9}},
                     "d3": {)" +
          entry + R"(, "vocabulary": "llama3", "set": {"cloud.max_batch": 8}}},
          "networks": {"n": {)" +
          entry + R"(, "set": {"network.rtt_ms": 5}}},
          "workloads": {"w": {)" +
          entry + R"(, "set": {"workload.clients": 2}}},
          "acceptance": {"a": {)" +
          entry + R"(, "set": {"speculation.acceptance": {"kind": "bernoulli", "alpha": 0.5}}}}})");
  fs::create_directories(dir.path() / "none");
  const PresetLibrary library = dsdsi::cli::load_preset_library(file, dir.path() / "none");
  PartChoice choice{"t", "d2", "n", "w", "a"};
  try {
    dsdsi::cli::assemble_scenario(library, choice);
    FAIL() << "accepted a llama2 draft for a llama3 target";
  } catch (const ConfigError& e) {
    EXPECT_NE(e.problems().front().find("--draft \"d2\" (tokenizer llama2) cannot draft for "
                                        "--target \"t\" (tokenizer llama3)"),
              std::string::npos)
        << e.problems().front();
    EXPECT_NE(e.problems().front().find("drafts for this target: d3"), std::string::npos);
  }
  choice.draft = "d3";
  try {
    dsdsi::cli::assemble_scenario(library, choice);
    FAIL() << "accepted two parts setting cloud.max_batch";
  } catch (const ConfigError& e) {
    EXPECT_NE(e.problems().front().find("/drafts/d3/set/cloud.max_batch: is set by another part"),
              std::string::npos)
        << e.problems().front();
  }
}

TEST(NewPresets, MalformedDataFileNamesFileAndEntry) {
  const dsdsi::ScratchDir dir;
  const auto file =
      dir.write("parts.json", R"({"left_at_defaults": "x", "targets": {"t": {"summary": 3}}})");
  try {
    dsdsi::cli::load_preset_library(file, dir.path());
    FAIL() << "accepted a malformed preset file";
  } catch (const ConfigError& e) {
    const std::string all = e.what() + std::string("\n") + [&] {
      std::string text;
      for (const auto& p : e.problems()) text += p + "\n";
      return text;
    }();
    EXPECT_NE(all.find(file.string() + ": /targets/t/summary: must be a non-empty string"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("/targets/t/set: must be a non-empty object"), std::string::npos) << all;
    EXPECT_NE(all.find(file.string() + ": /drafts: missing"), std::string::npos) << all;
  }
}

}  // namespace
