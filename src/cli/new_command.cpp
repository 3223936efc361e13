#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "dsdsi/cli/commands.hpp"
#include "dsdsi/cli/new_presets.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/metrics/write_error.hpp"

namespace dsdsi::cli {

namespace fs = std::filesystem;

namespace {

struct NewArgs {
  PartChoice choice;
  std::string out;
  bool force = false;
  bool list = false;
};

void print_list(const PresetLibrary& library) {
  std::printf("Parts of a scenario for `dsdsi new` (from %s and %s/*.json):\n",
              library.file.string().c_str(), shipped_acceptance_dir().string().c_str());
  for (const PartKind* kind : {&library.targets, &library.drafts, &library.networks,
                               &library.workloads, &library.acceptance}) {
    std::printf("\n%s NAME\n", kind->option.c_str());
    for (const auto& part : kind->parts) {
      std::printf("  %-44s %s\n", part.name.c_str(), part.summary.c_str());
    }
  }
  std::printf(
      "\nExample: dsdsi new --target llama3-8b@h100 --draft llama3.2-1b@jetson-orin --network 5g "
      "--workload azure-conv -o my.json\n"
      "Every value the file gets is listed, with its source, in its \"description\".\n");
}

// Writes `text` to `file` through a temporary file in the same folder, so that `file` is either
// absent, as it was, or complete. Without `force` an existing `file` is never replaced, even one
// created meanwhile: link() fails rather than overwrite.
void write_new_file(const fs::path& file, const std::string& text, bool force) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  const fs::path temporary =
      folder / ("." + file.filename().string() + ".new-" + std::to_string(::getpid()));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw write_error(temporary, errno);
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw write_error(temporary, error);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw write_error(temporary, error);
  }
  const int status =
      force ? ::rename(temporary.c_str(), file.c_str()) : ::link(temporary.c_str(), file.c_str());
  const int error = errno;
  if (!force || status != 0) ::unlink(temporary.c_str());
  if (status == 0) return;
  if (error == EEXIST) {
    throw ConfigError({file.string() + ": exists; dsdsi new does not replace it without --force"});
  }
  throw write_error(file, error);
}

int run_new(const NewArgs& args) {
  const PresetLibrary library = load_preset_library(shipped_parts_file(), shipped_acceptance_dir());
  if (args.list) {
    print_list(library);
    return 0;
  }
  std::vector<std::string> missing;
  const std::pair<const char*, const std::string*> required[] = {
      {"--target", &args.choice.target},
      {"--draft", &args.choice.draft},
      {"--network", &args.choice.network},
      {"--workload", &args.choice.workload},
      {"-o/--out", &args.out}};
  for (const auto& [option, value] : required) {
    if (value->empty()) missing.push_back(std::string("dsdsi new: ") + option + " is required");
  }
  if (!missing.empty()) {
    missing.push_back("dsdsi new --list shows the parts to choose from");
    throw ConfigError(missing);
  }
  const fs::path out(args.out);
  std::error_code ec;
  if (!args.force && fs::exists(fs::symlink_status(out, ec))) {
    throw ConfigError({out.string() + ": exists; dsdsi new does not replace it without --force"});
  }
  if (fs::is_directory(out, ec)) throw ConfigError({out.string() + ": is a folder, not a file"});
  const fs::path folder = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  if (!fs::is_directory(folder, ec)) {
    throw ConfigError({out.string() + ": the folder " + folder.string() + " does not exist"});
  }
  const nlohmann::ordered_json document = assemble_scenario(library, args.choice);
  // The file must be one that `dsdsi run` accepts: the loader checks it (its latency tables,
  // trace and every range) before anything is written.
  try {
    load_scenario_json(nlohmann::json(document), out.string(), {},
                       fs::absolute(out, ec).parent_path());
  } catch (const ConfigError& e) {
    std::vector<std::string> problems{
        "dsdsi new: the assembled scenario is not valid, nothing "
        "written (" +
        new_command_line(args.choice) + "):"};
    problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    throw ConfigError(problems);
  }
  write_new_file(out, document.dump(2) + "\n", args.force);
  std::printf("wrote %s (target %s, draft %s, network %s, workload %s, acceptance %s)\n",
              out.string().c_str(), args.choice.target.c_str(), args.choice.draft.c_str(),
              args.choice.network.c_str(), args.choice.workload.c_str(),
              args.choice.acceptance.c_str());
  std::printf("every value and its source: the file's \"description\"; run it: dsdsi run %s\n",
              out.string().c_str());
  return 0;
}

}  // namespace

Command add_new_command(CLI::App& app, const Invocation& /*invocation*/) {
  auto args = std::make_shared<NewArgs>();
  args->choice.acceptance = "llama-1b-8b-typical";
  CLI::App* command = app.add_subcommand(
      "new",
      "Write a scenario from named parts: a target model on a GPU, a draft model on an edge\n"
      "device, a network, a workload and an acceptance model. Every value it fills in is\n"
      "listed with its source in the scenario's description. --list shows the parts.\n"
      "Example: dsdsi new --target llama3-8b@h100 --draft llama3.2-1b@jetson-orin --network 5g "
      "--workload azure-conv -o my.json");
  command->add_flag("--list", args->list, "list every part, with what it is, and exit");
  command->add_option("--target", args->choice.target, "target model on a GPU (a latency table)");
  command->add_option("--draft", args->choice.draft, "draft model on an edge device");
  command->add_option("--network", args->choice.network, "network between edge and cloud");
  command->add_option("--workload", args->choice.workload, "requests: a real trace or a preset");
  command->add_option("--acceptance", args->choice.acceptance, "acceptance model")
      ->capture_default_str();
  command->add_option("--mode", args->choice.mode, "decoding mode")->capture_default_str();
  command->add_option("--gamma", args->choice.gamma, "draft tokens per round")
      ->capture_default_str();
  command->add_option("--seed", args->choice.seed, "seed of the scenario")->capture_default_str();
  command->add_option("-o,--out", args->out, "scenario file to write");
  command->add_flag("--force", args->force, "replace the file if it exists");
  return {command, [args] { return run_new(*args); }};
}

}  // namespace dsdsi::cli
