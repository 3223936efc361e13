#include "dsdsi/config/trace_files.hpp"

#include "dsdsi/config/jsonl_file.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/param_builder.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

ParamSpec signed_integer(Param param) {
  ParamSpec spec = param.not_stored();
  spec.integer_storage = IntegerStorage::signed64;  // refuse what an int64_t cannot hold
  return spec;
}

// alpha and alphas, as both formats spell them.
ParamSpec alpha_key() {
  return Param::number("alpha", "",
                       "The request's acceptance: each draft token is accepted "
                       "with this probability, until the first rejection.")
      .optional()
      .at_least(0)
      .at_most(1)
      .not_stored();
}

ParamSpec alphas_key() {
  return Param::number_list("alphas", "",
                            "The request's acceptance by draft position (the last value repeats "
                            "beyond the end of the list).")
      .optional()
      .at_least(0)
      .at_most(1)
      .not_stored();
}

// "alpha" and "alphas" on one line contradict each other.
void check_one_acceptance(JsonlReader& reader, std::size_t line, const json& object,
                          bool required) {
  const bool alpha = object.contains("alpha"), alphas = object.contains("alphas");
  if (alpha && alphas) {
    reader.problem(line, "alphas", "given together with alpha; give one of the two");
  } else if (required && !alpha && !alphas) {
    reader.problem(line, "", "needs \"alpha\" (a number) or \"alphas\" (a list by position)");
  }
}

// What a trace file gave: its problems, or (when there are none) its lines. An empty file is a
// problem of its own (`when_empty`).
TraceFileContents contents_of(const JsonlReader& reader, json lines,
                              const std::filesystem::path& file, const char* when_empty) {
  TraceFileContents contents;
  contents.problems = reader.problems();
  if (contents.problems.empty() && reader.lines() == 0) {
    contents.problems.push_back(file.string() + when_empty);
  }
  if (contents.problems.empty()) contents.lines = std::move(lines);
  return contents;
}

}  // namespace

std::vector<ParamSpec> workload_trace_keys() {
  return {
      Param::number("arrival_ms", "ms",
                    "When the request arrives at its client, from the start of the run; "
                    "nondecreasing through the file.")
          .required()
          .at_least(0)
          .at_most(limits::kMaxTraceMs)
          .not_stored(),
      signed_integer(Param::integer("prompt_tokens", "tokens", "Prompt length.")
                         .required()
                         .at_least(1)
                         .at_most(limits::kMaxTokens)),
      signed_integer(Param::integer("output_tokens", "tokens", "Tokens to generate.")
                         .required()
                         .at_least(1)
                         .at_most(limits::kMaxTokens)),
      signed_integer(Param::integer("client", "",
                                    "The client that submits it, 0 to `workload.clients` - 1; "
                                    "without it, line i (from 0) goes to client i mod clients.")
                         .optional()
                         .at_least(0)),
      alpha_key(),
      alphas_key(),
  };
}

std::vector<ParamSpec> acceptance_trace_keys() { return {alpha_key(), alphas_key()}; }

TraceFileContents read_workload_trace(const std::filesystem::path& file) {
  JsonlReader reader(file, workload_trace_keys());
  json lines = json::array();
  json last_arrival;  // as written, for messages
  std::size_t last_line = 0;
  reader.read([&](std::size_t line, const json& object) {
    check_one_acceptance(reader, line, object, false);
    const json& arrival = object.at("arrival_ms");
    // The simulator replays each client's lines in file order: time must not go backwards.
    if (last_line != 0 && arrival.get<double>() < last_arrival.get<double>()) {
      reader.problem(line, "arrival_ms",
                     show_value(arrival) + " is earlier than line " + std::to_string(last_line) +
                         "'s " + show_value(last_arrival) + " (lines must be in order of arrival)");
    }
    last_arrival = arrival;
    last_line = line;
    json kept = object;
    kept["line"] = line;
    lines.push_back(std::move(kept));
  });
  return contents_of(reader, std::move(lines), file,
                     ": no requests: a workload trace needs at least one line");
}

TraceFileContents read_acceptance_trace(const std::filesystem::path& file) {
  JsonlReader reader(file, acceptance_trace_keys());
  json lines = json::array();
  reader.read([&](std::size_t line, const json& object) {
    check_one_acceptance(reader, line, object, true);
    json kept = object;
    kept["line"] = line;
    lines.push_back(std::move(kept));
  });
  return contents_of(reader, std::move(lines), file,
                     ": no records: an acceptance trace needs at least one line");
}

std::optional<RequestAcceptanceRecord> acceptance_record_of(const json& line) {
  RequestAcceptanceRecord record;
  if (const auto alphas = line.find("alphas"); alphas != line.end()) {
    record.alphas = alphas->get<std::vector<double>>();
    return record;
  }
  if (const auto alpha = line.find("alpha"); alpha != line.end()) {
    record.alpha = alpha->get<double>();
    return record;
  }
  return std::nullopt;
}

}  // namespace dsdsi
