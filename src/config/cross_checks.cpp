#include "dsdsi/config/cross_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

#include "dsdsi/config/actor_budget.hpp"
#include "dsdsi/config/device_memory_param.hpp"
#include "dsdsi/config/distribution_param.hpp"
#include "dsdsi/config/latency_param.hpp"
#include "dsdsi/config/length_table_param.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/radio_param.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const KeyPath kAcceptance{"speculation", "acceptance"};

KeyPath acceptance_key(const std::string& key) {
  KeyPath path = kAcceptance;
  path.push_back(key);
  return path;
}

std::string pointer(const std::string& key) { return to_pointer(acceptance_key(key)); }

// A positional model takes its alphas as a list, or as alpha0 and decay: exactly one form.
void check_positional_form(const Scenario& s, const json& resolved, ProblemList& problems) {
  if (s.speculation.acceptance.kind != AcceptanceKind::positional) return;
  const json& given = resolved.at("speculation").at("acceptance");
  const bool alphas = given.contains("alphas"), alpha0 = given.contains("alpha0"),
             decay = given.contains("decay");
  if (alphas && (alpha0 || decay)) {
    const std::string geometric = alpha0 && decay ? pointer("alpha0") + " and " + pointer("decay")
                                  : alpha0        ? pointer("alpha0")
                                                  : pointer("decay");
    const char* const why =
        ": a positional model takes the list alphas, or alpha0 and decay; give one of the two";
    problems.add(acceptance_key("alphas"), "given together with " + geometric + why);
    if (alpha0)
      problems.add(acceptance_key("alpha0"), "given together with " + pointer("alphas") + why);
    if (decay)
      problems.add(acceptance_key("decay"), "given together with " + pointer("alphas") + why);
  } else if (alpha0 && !decay) {
    problems.add(acceptance_key("alpha0"),
                 "needs " + pointer("decay") + " too (alpha_i = alpha0 x decay^i)");
  } else if (decay && !alpha0) {
    problems.add(acceptance_key("decay"),
                 "needs " + pointer("alpha0") + " too (alpha_i = alpha0 x decay^i)");
  } else if (!alphas && !alpha0) {
    problems.add(acceptance_key("kind"), "\"positional\" needs " + pointer("alphas") +
                                             " (a list by position), or " + pointer("alpha0") +
                                             " and " + pointer("decay") +
                                             " (alpha_i = alpha0 x decay^i)");
  }
}

// Request `r` of client `c` replays record r x clients + c of an acceptance trace
// (model/acceptance_model.cpp): the trace must reach the highest record the run asks for.
void check_acceptance_trace_length(const Scenario& s, ProblemList& problems) {
  const AcceptanceParams& acceptance = s.speculation.acceptance;
  if (acceptance.kind != AcceptanceKind::trace) return;
  const WorkloadParams& w = s.workload;
  const auto records = static_cast<std::int64_t>(acceptance.records.size());
  const std::string has =
      acceptance.file + " has " + std::to_string(records) + (records == 1 ? " record" : " records");
  if (w.arrival.kind == ArrivalKind::poisson && w.arrival.rate_per_s > 0) {
    problems.add(acceptance_key("file"),
                 "needs each client's number of requests in advance (request r of client c "
                 "replays record r x workload.clients + c), but with /workload/arrival/rate_per_s "
                 "the run's one Poisson process hands each client a random number; use "
                 "rate_per_client_per_s or a closed loop");
    return;
  }
  if (w.arrival.kind != ArrivalKind::trace && w.requests_per_client == 0) {
    problems.add(acceptance_key("file"),
                 "needs a record for every request, so the run needs "
                 "workload.requests_per_client (without it, clients submit until "
                 "measure.horizon_ms, an open-ended number of requests)");
    return;
  }
  if (w.arrival.kind != ArrivalKind::trace) {
    // clients x requests_per_client <= records, without forming a product that may overflow.
    if (w.requests_per_client <= records / w.clients) return;
    const long double need =
        static_cast<long double>(w.clients) * static_cast<long double>(w.requests_per_client);
    const std::string need_text =
        need < 1e18L ? std::to_string(static_cast<std::int64_t>(need)) : "more than 10^18";
    problems.add(acceptance_key("file"),
                 has + ", but the run has " + need_text +
                     " requests (workload.clients x workload.requests_per_client = " +
                     std::to_string(w.clients) + " x " + std::to_string(w.requests_per_client) +
                     "), and each replays its own record");
    return;
  }
  // Each client's requests are its trace lines in file order; a line with its own acceptance
  // does not ask the model.
  std::vector<std::int64_t> issued(static_cast<std::size_t>(w.clients), 0);
  std::int64_t need = 0;
  bool some_own = false;
  for (std::size_t i = 0; i < w.arrival.requests.size(); ++i) {
    const TraceRequest& r = w.arrival.requests[i];
    const std::int64_t client = r.client >= 0 ? r.client : static_cast<std::int64_t>(i) % w.clients;
    const std::int64_t request = issued[static_cast<std::size_t>(client)]++;
    if (r.acceptance) {
      some_own = true;
      continue;
    }
    need = std::max(need, request * w.clients + client + 1);
  }
  if (records >= need) return;
  problems.add(acceptance_key("file"),
               has + ", but the run needs " + std::to_string(need) +
                   ": request r of client c replays record r x workload.clients + c, and the "
                   "workload trace's requests" +
                   (some_own ? " (those without their own alpha)" : "") + " reach record " +
                   std::to_string(need - 1) + " (counting from 0)");
}

// The longest request the run can have, for the KV budget: nullopt when unbounded.
struct LongestRequest {
  std::optional<std::int64_t> prompt, output;
  std::string text;  // how it was found, for messages
};

LongestRequest longest_request(const WorkloadParams& w) {
  if (w.arrival.kind == ArrivalKind::trace) {
    std::size_t longest = 0;
    for (std::size_t i = 1; i < w.arrival.requests.size(); ++i) {
      const auto& r = w.arrival.requests[i];
      const auto& l = w.arrival.requests[longest];
      if (r.prompt_tokens + r.output_tokens > l.prompt_tokens + l.output_tokens) longest = i;
    }
    const TraceRequest& r = w.arrival.requests[longest];
    return {r.prompt_tokens, r.output_tokens,
            "the workload trace's longest request (its request " + std::to_string(longest + 1) +
                " in file order)"};
  }
  return {largest_token_count(w.prompt), largest_token_count(w.output),
          w.prompt.kind == DistKind::fixed && w.output.kind == DistKind::fixed
              ? ""
              : "the longest request workload.prompt_tokens and workload.output_tokens allow"};
}

std::string lognormal_keys(const LongestRequest& longest) {
  if (!longest.prompt && !longest.output)
    return "workload.prompt_tokens and workload.output_tokens";
  return !longest.prompt ? "workload.prompt_tokens" : "workload.output_tokens";
}

// A request reserves its prompt plus its output tokens of KV cache; one that can never fit
// would wait for admission forever.
void check_kv_budget(const Scenario& s, ProblemList& problems) {
  const std::int64_t budget = s.cloud.kv_capacity_tokens;
  if (budget == 0) return;
  const KeyPath where{"cloud", "kv_capacity_tokens"};
  const LongestRequest longest = longest_request(s.workload);
  if (!longest.prompt || !longest.output) {
    problems.add(where, "cannot be guaranteed to hold every request: " + lognormal_keys(longest) +
                            " is lognormal, so request lengths have no bound, and a request "
                            "larger than the budget would wait for admission forever; give a "
                            "bounded distribution (uniform, list) or no KV budget");
    return;
  }
  const std::int64_t need = *longest.prompt + *longest.output;
  if (budget >= need) return;
  const std::string sum = "prompt_tokens + output_tokens = " +
                          (longest.text.empty() ? ""
                                                : std::to_string(*longest.prompt) + " + " +
                                                      std::to_string(*longest.output) + " = ") +
                          std::to_string(need) + " tokens";
  problems.add(where, "must hold at least one request (" +
                          (longest.text.empty() ? sum : longest.text + ": " + sum) + "), got " +
                          std::to_string(budget));
}

// A prefill table must cover cloud.max_batch x the longest prompt. The table's own check does
// it when workload.prompt_tokens is a number; a distribution or a trace is checked here.
void check_prefill_coverage(const Scenario& s, ProblemList& problems) {
  const WorkloadParams& w = s.workload;
  if (s.cloud.prefill.kind != LatencyKind::table) return;
  if (w.arrival.kind != ArrivalKind::trace && w.prompt.kind == DistKind::fixed) return;
  const LongestRequest longest = longest_request(w);
  const std::string batch = std::to_string(s.cloud.max_batch);
  std::string needed_text;
  double needed = std::numeric_limits<double>::infinity();
  if (longest.prompt) {
    needed = static_cast<double>(s.cloud.max_batch * *longest.prompt);
    needed_text = "1 to " + std::to_string(s.cloud.max_batch * *longest.prompt) +
                  " (`cloud.max_batch` x the longest prompt, with cloud.max_batch = " + batch +
                  " and " +
                  (w.arrival.kind == ArrivalKind::trace ? "the workload trace's longest prompt"
                                                        : "the longest workload.prompt_tokens") +
                  " = " + std::to_string(*longest.prompt) + ")";
  } else {
    needed_text =
        "any number (`cloud.max_batch` x the prompt length, and workload.prompt_tokens "
        "is lognormal, so unbounded)";
  }
  const auto cap = static_cast<double>(s.cloud.max_batched_tokens);
  if (cap > 0 && cap < needed) {  // chunked prefill: no step prefills more than the cap
    needed = cap;
    needed_text =
        "1 to " + std::to_string(s.cloud.max_batched_tokens) + " (`cloud.max_batched_tokens`)";
  }
  for (const auto& problem : table_coverage_problems(s.cloud.prefill, needed, needed_text)) {
    KeyPath where{"cloud", "prefill"};
    where.insert(where.end(), problem.where.begin(), problem.where.end());
    problems.add(where, problem.message);
  }
}

std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The table-coverage check of cloud.verify counts windows of speculation.gamma tokens; an
// adaptive policy may draft up to its gamma_max, so the table must cover that too.
void check_verify_table_for_adaptive_gamma(const Scenario& s, ProblemList& problems) {
  const LatencySpec& verify = s.cloud.verify;
  if (verify.kind != LatencyKind::table || verify.extrapolate || verify.points.empty() ||
      s.speculation.policy.kind == PolicyKind::fixed ||
      s.speculation.policy.gamma_max <= s.speculation.gamma) {
    return;
  }
  const double need = static_cast<double>(s.cloud.max_batch * (s.speculation.policy.gamma_max + 1));
  if (need > verify.points.back().first) {
    problems.add({"cloud", "verify", "file"},
                 "covers batched tokens up to " + short_number(verify.points.back().first) +
                     ", but with speculation.policy.gamma_max " +
                     std::to_string(s.speculation.policy.gamma_max) +
                     " this scenario can ask for " + std::to_string(need) +
                     "; give \"extrapolate\": true to extend the end segments");
  }
}

// The window [warmup, horizon] must hold some time.
void check_measure_window(const Scenario& s, ProblemList& problems) {
  const MeasureParams& m = s.measure;
  if (m.horizon_ms > 0 && m.warmup_ms >= m.horizon_ms) {
    problems.add({"measure", "warmup_ms"}, "must be below measure.horizon_ms (" +
                                               short_number(m.horizon_ms) + "), got " +
                                               short_number(m.warmup_ms));
  }
}

// With a cap on batched tokens per step, the decode work of a full batch must fit under it
// (prefills are chunked; decode work is not): max_batch x (largest window + 1).
void check_batched_token_cap(const Scenario& s, ProblemList& problems) {
  const std::int64_t cap = s.cloud.max_batched_tokens;
  if (cap == 0) return;
  const bool adaptive = s.speculation.policy.kind != PolicyKind::fixed;
  const std::int64_t window = adaptive
                                  ? std::max(s.speculation.gamma, s.speculation.policy.gamma_max)
                                  : s.speculation.gamma;
  const std::int64_t need = s.cloud.max_batch * (window + 1);
  if (cap >= need) return;
  problems.add({"cloud", "max_batched_tokens"},
               "must hold a full batch of decode work, cloud.max_batch x (largest window + 1) = " +
                   std::to_string(s.cloud.max_batch) + " x (" + std::to_string(window) +
                   " + 1) = " + std::to_string(need) + " (" +
                   (adaptive ? "speculation.policy.gamma_max" : "speculation.gamma") + "), got " +
                   std::to_string(cap) + "; only prefills are chunked");
}

// Every request's latencies are kept for the percentiles, so the run's request count bounds its
// memory (limits.hpp). Both factors are bounded, so the product cannot overflow.
void check_requests_per_run(const Scenario& s, ProblemList& problems) {
  const WorkloadParams& w = s.workload;
  if (w.arrival.kind == ArrivalKind::trace) return;  // the trace's lines, bounded by its size
  const std::int64_t requests = w.clients * w.requests_per_client;
  if (requests <= limits::kMaxRequestsPerRun) return;
  problems.add({"workload", "requests_per_client"},
               "the run would have " + std::to_string(requests) +
                   " requests (workload.clients x workload.requests_per_client = " +
                   std::to_string(w.clients) + " x " + std::to_string(w.requests_per_client) +
                   "), more than the " + std::to_string(limits::kMaxRequestsPerRun) +
                   " one run may have (each request's latencies are kept for the "
                   "percentiles); split it into several runs with different seeds");
}

// SimGrid's memory mappings bound the actors of one run (config/actor_budget.hpp). On the
// generated star the servers are known here; a platform file's are counted when it is loaded.
void check_actor_budget(const Scenario& s, ProblemList& problems) {
  if (!s.platform_file.empty()) return;
  const auto problem = actor_budget_problem(s, s.cloud.servers, s.network.outages.given());
  if (problem)
    problems.add({"workload", "clients"}, *problem + "; use fewer clients or fewer servers");
}

}  // namespace

void check_cross_fields(const Scenario& s, const json& resolved, ProblemList& problems) {
  check_batched_token_cap(s, problems);
  check_length_table_covers_gamma(s, problems);
  check_verify_table_for_adaptive_gamma(s, problems);
  check_positional_form(s, resolved, problems);
  check_acceptance_trace_length(s, problems);
  check_kv_budget(s, problems);
  check_prefill_coverage(s, problems);
  check_measure_window(s, problems);
  check_requests_per_run(s, problems);
  check_actor_budget(s, problems);
  check_device_memory(s, problems);
  check_edge_radio(s, problems);
}

}  // namespace dsdsi
