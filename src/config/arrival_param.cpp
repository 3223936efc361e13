// The arrival process kinds, their parameters, and the reading of a workload trace.
#include "dsdsi/config/arrival_param.hpp"

#include "dsdsi/config/distribution_param.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/config/problem_list.hpp"
#include "dsdsi/config/trace_files.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, ArrivalKind>> kArrivalKinds = {
    {"closed_loop", ArrivalKind::closed_loop},
    {"poisson", ArrivalKind::poisson},
    {"trace", ArrivalKind::trace},
};

ParamKind closed_loop_kind() {
  return {
      "closed_loop",
      "Each client submits its next request `think_ms` after the previous one's last token; "
      "the first when `workload.start` says. How fast requests come depends on how fast they are "
      "served.",
      {{"kind", "closed_loop"}, {"think_ms", {{"dist", "uniform"}, {"min", 500}, {"max", 2000}}}},
      {distribution_param("think_ms", "ms",
                          "Pause between a request's last token and the client's next "
                          "request, drawn for each request.",
                          Param::number("value", "ms", "").at_least(0).at_most(limits::kMaxMs))
           .default_to(0)
           .not_stored()},
      nullptr};
}

// Exactly one of the two rates: one process for the run, or one per client.
std::vector<NestedProblem> finish_poisson(const json& object, json&) {
  const bool total = object.contains("rate_per_s"),
             per_client = object.contains("rate_per_client_per_s");
  if (total && per_client) {
    return {{{"rate_per_client_per_s"},
             "given together with rate_per_s: the load is either one process for the run "
             "(rate_per_s) or one per client (rate_per_client_per_s); give one of the two"}};
  }
  if (!total && !per_client) {
    return {{{"rate_per_s"}, "required for kind \"poisson\" (or rate_per_client_per_s)"}};
  }
  return {};
}

ParamKind poisson_kind() {
  return {"poisson",
          "Open loop: requests arrive at random whether or not earlier ones are done. "
          "`rate_per_s`: one Poisson process of that rate for the whole run, each arrival going "
          "to a client drawn uniformly at random; `rate_per_client_per_s`: each client its own "
          "Poisson process of that rate (the load grows with `workload.clients`). Give one of "
          "the two. A request that arrives while its client is busy waits, and the wait counts "
          "in its TTFT.",
          {{"kind", "poisson"}, {"rate_per_s", 5}},
          {Param::number("rate_per_s", "requests/s",
                         "Rate of the run's one arrival process, over all clients.")
               .optional()
               .at_least(limits::kMinRatePerS)
               .at_most(limits::kMaxRatePerS)
               .not_stored(),
           Param::number("rate_per_client_per_s", "requests/s",
                         "Rate of each client's own arrival process.")
               .optional()
               .at_least(limits::kMinRatePerS)
               .at_most(limits::kMaxRatePerS)
               .not_stored()},
          finish_poisson};
}

// Reads the trace now, so that a bad file never fails in the middle of a run.
std::vector<NestedProblem> finish_trace(const json& object, json& stored) {
  TraceFileContents trace = read_workload_trace(object.at("file").get<std::string>());
  std::vector<NestedProblem> problems;
  for (const auto& problem : trace.problems) problems.push_back({{"file"}, problem});
  stored["requests"] = std::move(trace.lines);
  return problems;
}

ParamKind trace_kind() {
  return {"trace",
          "Open loop: replays a JSONL workload trace, one request per line with its arrival "
          "time, prompt and output lengths, and optionally its client and its own acceptance "
          "(docs/workloads.md). `workload.requests_per_client`, `workload.prompt_tokens` and "
          "`workload.output_tokens` are not used: the trace gives them.",
          {{"kind", "trace"}, {"file", "scenarios/traces/synthetic.jsonl"}},
          {Param::string("file",
                         "JSONL workload trace: one object per line (blank lines skipped) with "
                         "`arrival_ms` (nondecreasing), `prompt_tokens`, `output_tokens`, and "
                         "optionally `client` and `alpha` or `alphas`.")
               .required()
               .values_note("path to a readable file, looked for like `platform`")
               .resolve_with(resolve_input_file)
               .not_stored()},
          finish_trace};
}

// A trace's clients must exist: client c runs on edge host c.
std::vector<NestedProblem> check_trace_clients(const json& stored, const ValueLookup& lookup) {
  if (!stored.is_object() || stored.value("kind", "") != "trace") return {};
  const json* clients = lookup("workload.clients");
  if (!clients || !clients->is_number_integer()) return {};  // its own problem is reported
  const auto count = clients->get<std::int64_t>();
  const std::string file = stored.at("file").get<std::string>();
  std::vector<NestedProblem> problems;
  std::size_t total = 0;
  for (const auto& line : stored.at("requests")) {
    const auto client = line.find("client");
    if (client == line.end() || client->get<std::int64_t>() < count) continue;
    if (++total > kMaxFileProblems) continue;
    problems.push_back({{"file"},
                        file + ":" + std::to_string(line.at("line").get<std::size_t>()) +
                            ": client: must be < workload.clients (" + std::to_string(count) +
                            "), got " + show_value(*client)});
  }
  if (total > kMaxFileProblems) {
    problems.push_back(
        {{"file"},
         file + ": ... and " + std::to_string(total - kMaxFileProblems) + " more problems"});
  }
  return problems;
}

}  // namespace

std::shared_ptr<const KindFamily> arrival_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "arrival process",
      "How each client's requests arrive: an object `{\"kind\": ...}` with one of the kinds "
      "below and its parameters. When `workload.arrival` is absent, `workload.think_ms` gives a "
      "closed loop with a fixed think time; giving both is an error. A trace file is looked for "
      "like a platform file and read when the scenario is loaded; runs record its absolute "
      "path. [docs/workloads.md](workloads.md) describes what the simulator does with each kind "
      "and the trace format.",
      "",
      "",
      {closed_loop_kind(), poisson_kind(), trace_kind()}});
  return family;
}

Param arrival_param(std::string path, std::string meaning) {
  return Param::kinded(std::move(path), "", std::move(meaning), arrival_family())
      .optional()
      .check_in_context(check_trace_clients);
}

ArrivalParams arrival_params_of(const json& stored) {
  ArrivalParams arrival;
  const auto& name = stored.at("kind").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kArrivalKinds) {
    if (candidate == name) arrival.kind = kind;
  }
  switch (arrival.kind) {
    case ArrivalKind::closed_loop:
      arrival.think_ms = distribution_of(stored.at("think_ms"));
      break;
    case ArrivalKind::poisson:
      arrival.rate_per_s = stored.value("rate_per_s", 0.0);
      arrival.rate_per_client_per_s = stored.value("rate_per_client_per_s", 0.0);
      break;
    case ArrivalKind::trace:
      arrival.file = stored.at("file").get<std::string>();
      for (const auto& line : stored.at("requests")) {
        TraceRequest request;
        request.arrival_ms = line.at("arrival_ms").get<double>();
        request.prompt_tokens = line.at("prompt_tokens").get<std::int64_t>();
        request.output_tokens = line.at("output_tokens").get<std::int64_t>();
        request.client = line.value("client", std::int64_t{-1});
        request.acceptance = acceptance_record_of(line);
        arrival.requests.push_back(std::move(request));
      }
      break;
  }
  return arrival;
}

}  // namespace dsdsi
