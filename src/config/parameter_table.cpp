// THE scenario schema. Adding a parameter means adding one row here, or in
// parameter_rows_hosts.cpp for `network.*`, `edge.*` and `cloud.*` (and its field in
// scenario.hpp); parsing, validation, error text, the resolved document and docs/scenario.md
// follow. Adding an acceptance kind means adding its name to the `acceptance.kind` row and its
// own parameters with .only_when("speculation.acceptance.kind", {"<kind>"}).
#include "dsdsi/config/parameter_table.hpp"

#include "dsdsi/config/acceptance_param.hpp"
#include "dsdsi/config/arrival_param.hpp"
#include "dsdsi/config/distribution_param.hpp"
#include "dsdsi/config/length_table_param.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/payload_param.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/config/policy_param.hpp"
#include "dsdsi/config/start_param.hpp"
#include "parameter_rows.hpp"

namespace dsdsi {
namespace {

std::vector<std::pair<std::string, DecodingMode>> decoding_modes() {
  std::vector<std::pair<std::string, DecodingMode>> names;
  for (const auto name : kDecodingModeNames) {
    names.emplace_back(std::string(name), *parse_decoding_mode(name));
  }
  return names;
}

// Why the workload keys that a workload trace replaces are refused next to one: they would be
// silently ignored.
const char* const kTraceGivesRequests = "the workload trace gives each request";

std::vector<ParamSpec> build_table() {
  using S = Scenario;
  std::vector<ParamSpec> table = {
      Param::integer("schema_version", "", "Version of the scenario format.")
          .required()
          .at_least(1)
          .at_most(1)
          .requirement("must be 1 (the only schema version this dsdsi reads)")
          .store(&S::schema_version),
      Param::string("description", "Free text for people reading the scenario or its outputs.")
          .default_to("")
          .store(&S::description),
      Param::integer("seed", "",
                     "Root of all randomness: each client, server and policy derives its own "
                     "stream from it and a stable id.")
          .default_to(1)
          .at_least(0)
          .store(&S::seed),
      Param::choice("mode",
                    "Decoding mode: autoregressive in the cloud, co-located speculative decoding, "
                    "synchronous or pipelined distributed SD (draft on the edge), or the draft "
                    "alone on the edge.")
          .default_to("dsd_sync")
          .store_enum(decoding_modes(), &S::mode),
      Param::string("platform",
                    "SimGrid platform XML (format 4.1) to run on; when absent, a star platform "
                    "is generated from the `network.*` link parameters.")
          .optional()
          .values_note("path to a readable file (see Platform files)")
          .resolve_with(resolve_platform_path)
          .store(&S::platform_file),
  };
  // The network, the edge devices and the cloud servers (parameter_rows_hosts.cpp).
  for (auto& row : network_and_host_rows()) table.push_back(std::move(row));
  for (auto& row : dynamic_network_rows()) table.push_back(std::move(row));
  std::vector<ParamSpec> after = {
      Param::integer("speculation.gamma", "tokens", "Draft tokens proposed per round.")
          .default_to(4)
          .at_least(1)
          .at_most(256)
          .store(&S::speculation, &SpeculationParams::gamma),
      payload_param("speculation.payload",
                    "What each draft window carries per draft token: `token_ids`, "
                    "`ids_and_probs`, `topk` or `full_distribution`.")
          .store_converted(payload_params_of, &S::speculation, &SpeculationParams::payload),
      speculation_policy_param(
          "speculation.policy",
          "How each edge client chooses its draft window per round: `fixed` (`speculation.gamma` "
          "every round), `analytic_optimal`, `aimd` or `awc` (which may also hand whole requests "
          "to cloud-side decoding). Absent: `fixed`. The adaptive kinds start from "
          "`speculation.gamma` and are only for `dsd_sync` and `dsd_pipelined`.")
          .store_converted(policy_params_of, &S::speculation, &SpeculationParams::policy),
      Param::choice("speculation.acceptance.kind",
                    "Acceptance model: a draft token at position i of a window is accepted with "
                    "probability alpha_i, until the first rejection; `bernoulli`: alpha_i = "
                    "`alpha`; `positional`: alpha_i by position; `beta`: each request draws its "
                    "own alpha from Beta(`a`, `b`); `trace`: each request replays a record of "
                    "`file`; `length_table`: alpha_i fitted to published mean accepted lengths "
                    "per gamma (see docs/workloads.md for each model's expected tokens per "
                    "round).")
          .default_to("bernoulli")
          .store_enum<AcceptanceKind>({{"bernoulli", AcceptanceKind::bernoulli},
                                       {"positional", AcceptanceKind::positional},
                                       {"beta", AcceptanceKind::beta},
                                       {"trace", AcceptanceKind::trace},
                                       {"length_table", AcceptanceKind::length_table}},
                                      &S::speculation, &SpeculationParams::acceptance,
                                      &AcceptanceParams::kind),
      Param::number("speculation.acceptance.alpha", "",
                    "Probability that a draft token is accepted.")
          .default_to(0.8)
          .at_least(0)
          .at_most(1)
          .only_when("speculation.acceptance.kind", {"bernoulli"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::alpha),
      Param::number_list("speculation.acceptance.alphas", "",
                         "Acceptance probability of each draft position, from the first; the "
                         "last value repeats beyond the end of the list. Give this, or `alpha0` "
                         "and `decay`.")
          .optional()
          .at_least(0)
          .at_most(1)
          .only_when("speculation.acceptance.kind", {"positional"})
          .store_converted([](const nlohmann::json& v) { return v.get<std::vector<double>>(); },
                           &S::speculation, &SpeculationParams::acceptance,
                           &AcceptanceParams::alphas),
      Param::number("speculation.acceptance.alpha0", "",
                    "Acceptance probability of the first draft position, with `decay`: "
                    "alpha_i = `alpha0` x `decay`^i.")
          .optional()
          .at_least(0)
          .at_most(1)
          .only_when("speculation.acceptance.kind", {"positional"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::alpha0),
      Param::number("speculation.acceptance.decay", "",
                    "Factor between the acceptance probabilities of successive draft positions, "
                    "with `alpha0`.")
          .optional()
          .at_least(0)
          .at_most(1)
          .only_when("speculation.acceptance.kind", {"positional"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::decay),
      Param::object("speculation.acceptance.mean_length",
                    "Mean accepted length per round (tokens committed per round, counting the "
                    "target's bonus token, as engines report \"acceptance length\") by gamma: "
                    "`{\"1\": 1.83, \"2\": 2.43, ...}`, keys \"1\" to \"G\" without gaps. "
                    "alpha_i is fitted so that 1 + sum over i <= gamma of alpha_1 x ... x alpha_i "
                    "gives each value exactly; a table no such chain gives (a length that falls, "
                    "or grows by more than it grew the step before) is refused. The window may "
                    "not exceed G. See docs/workloads.md.")
          .required()
          .only_when("speculation.acceptance.kind", {"length_table"})
          .finish_with(check_mean_length)
          .store_with(store_mean_length),
      Param::string("speculation.acceptance.source",
                    "Where a `length_table`'s numbers come from (free text: model pair, task, "
                    "engine, hardware, citation); recorded with the run, not used.")
          .optional()
          .only_when("speculation.acceptance.kind", {"length_table"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::source),
      Param::number("speculation.acceptance.a", "",
                    "First shape parameter of the Beta(a, b) distribution of a request's alpha "
                    "(mean a / (a + b)).")
          .required()
          .at_least(1e-3)
          .at_most(1e6)
          .only_when("speculation.acceptance.kind", {"beta"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::a),
      Param::number("speculation.acceptance.b", "",
                    "Second shape parameter of the Beta(a, b) distribution of a request's alpha.")
          .required()
          .at_least(1e-3)
          .at_most(1e6)
          .only_when("speculation.acceptance.kind", {"beta"})
          .store(&S::speculation, &SpeculationParams::acceptance, &AcceptanceParams::b),
      Param::string("speculation.acceptance.file",
                    "JSONL acceptance trace, one record per line, `{\"alpha\": x}` or "
                    "`{\"alphas\": [...]}`; request r of client c replays line r x "
                    "`workload.clients` + c (blank lines skipped), so the file needs a line for "
                    "every request of the run.")
          .required()
          .values_note("path to a readable file, looked for like `platform`")
          .only_when("speculation.acceptance.kind", {"trace"})
          .resolve_with(resolve_input_file)
          .finish_with(read_acceptance_records)
          .store_with(store_acceptance_trace),

      Param::integer("workload.clients", "clients", "Number of edge clients, one per edge host.")
          .default_to(1)
          .at_least(1)
          .at_most(limits::kMaxClients)
          .store(&S::workload, &WorkloadParams::clients),
      arrival_param("workload.arrival",
                    "How requests arrive: a closed loop, a Poisson process, or a workload trace.")
          .store_converted(arrival_params_of, &S::workload, &WorkloadParams::arrival),
      start_param("workload.start",
                  "When each closed-loop client submits its first request: `together`, `ramp` "
                  "or `stationary`. Absent: `stationary` with more than one client, "
                  "`together` with one.")
          .only_when("workload.arrival", {"closed_loop"},
                     "open-loop arrivals say when every request comes")
          .store_converted(start_params_of, &S::workload, &WorkloadParams::start),
      Param::integer("workload.requests_per_client", "requests",
                     "Requests each client sends (a workload trace's lines are the requests). "
                     "Absent: 10, or, with `measure.horizon_ms`, as many as the clients submit "
                     "before the horizon.")
          .optional()
          .at_least(1)
          .at_most(limits::kMaxRequestsPerClient)
          .only_when("workload.arrival", {"closed_loop", "poisson"}, kTraceGivesRequests)
          .store(&S::workload, &WorkloadParams::requests_per_client),
      distribution_param(
          "workload.prompt_tokens", "tokens",
          "Prompt length of each request: a number, or a distribution drawn for "
          "each request.",
          Param::integer("value", "tokens", "").at_least(1).at_most(limits::kMaxTokens))
          .default_to(128)
          .only_when("workload.arrival", {"closed_loop", "poisson"}, kTraceGivesRequests)
          .store_converted(distribution_of, &S::workload, &WorkloadParams::prompt),
      distribution_param(
          "workload.output_tokens", "tokens",
          "Tokens generated for each request: a number, or a distribution drawn "
          "for each request.",
          Param::integer("value", "tokens", "").at_least(1).at_most(limits::kMaxTokens))
          .default_to(256)
          .only_when("workload.arrival", {"closed_loop", "poisson"}, kTraceGivesRequests)
          .store_converted(distribution_of, &S::workload, &WorkloadParams::output),
      Param::number("workload.think_ms", "ms",
                    "Pause between a request's last token and the client's next request: "
                    "shorthand for a `closed_loop` `workload.arrival` with a fixed think time.")
          .default_to(0)
          .at_least(0)
          .at_most(limits::kMaxMs)
          .alternative_to("workload.arrival",
                          "/workload/think_ms is the shorthand for a closed_loop /workload/arrival")
          .store(&S::workload, &WorkloadParams::think_ms),

  };
  for (auto& row : after) table.push_back(std::move(row));
  // What the summary measures (parameter_rows_measure.cpp).
  for (auto& row : measure_rows()) table.push_back(std::move(row));
  std::vector<ParamSpec> last = {
      Param::object("sweep",
                    "Parameter sweep description, read by `dsdsi sweep`; kept as given here.")
          .optional()
          .not_stored(),
  };
  for (auto& row : last) table.push_back(std::move(row));
  return table;
}

}  // namespace

const std::vector<ParamSpec>& parameter_table() {
  static const std::vector<ParamSpec> table = build_table();
  return table;
}

const ParamSpec* find_param(std::string_view dotted_path) {
  for (const auto& spec : parameter_table()) {
    if (spec.path == dotted_path) return &spec;
  }
  return nullptr;
}

}  // namespace dsdsi
