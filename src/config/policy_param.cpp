// The speculation policy kinds and their parameters (docs/policies.md explains each rule).
#include "dsdsi/config/policy_param.hpp"

#include "dsdsi/config/limits.hpp"
#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, PolicyKind>> kPolicyKinds = {
    {"fixed", PolicyKind::fixed},
    {"analytic_optimal", PolicyKind::analytic_optimal},
    {"aimd", PolicyKind::aimd},
    {"awc", PolicyKind::awc},
    {"wait_quantile", PolicyKind::wait_quantile},
};
const std::vector<std::pair<std::string, DecodingMode>> kFallbacks = {
    {"colocated_sd", DecodingMode::colocated_sd},
    {"cloud_ar", DecodingMode::cloud_ar},
};

ParamSpec gamma_min_param() {
  return Param::integer("gamma_min", "tokens", "Shortest window the policy asks for.")
      .default_to(1)
      .at_least(1)
      .at_most(256)
      .not_stored();
}

ParamSpec gamma_max_param() {
  return Param::integer("gamma_max", "tokens",
                        "Longest window the policy asks for; at least `gamma_min`.")
      .default_to(12)
      .at_least(1)
      .at_most(256)
      .not_stored();
}

ParamSpec ewma_weight_param(double default_weight) {
  return Param::number("ewma_weight", "",
                       "Weight of the newest round in the client's smoothed estimates of alpha "
                       "and of the send-to-verdict wait: they remember about 1 / `ewma_weight` "
                       "rounds (the first 1 / `ewma_weight` rounds are averaged plainly).")
      .default_to(default_weight)
      .above(0)
      .at_most(1)
      .not_stored();
}

ParamSpec warmup_rounds_param() {
  return Param::integer("warmup_rounds", "rounds",
                        "Windows observed before the estimates are used; until then the window "
                        "is `speculation.gamma`.")
      .default_to(10)
      .at_least(1)
      .at_most(limits::kMaxCount)
      .not_stored();
}

// gamma_min <= gamma_max, for the kinds that have both.
std::vector<NestedProblem> finish_range(const json& object, json&) {
  const auto lo = object.at("gamma_min").get<std::int64_t>();
  const auto hi = object.at("gamma_max").get<std::int64_t>();
  if (lo <= hi) return {};
  return {{{"gamma_max"},
           "must be >= gamma_min (" + std::to_string(lo) + "), got " + std::to_string(hi)}};
}

ParamKind fixed_policy_kind() {
  return {"fixed",
          "Every window asks for `speculation.gamma` tokens (the default).",
          {{"kind", "fixed"}},
          {},
          nullptr};
}

ParamKind analytic_optimal_kind() {
  return {"analytic_optimal",
          "Each client estimates alpha from its own verdicts and its send-to-verdict wait (RTT, "
          "queueing and verification) from its own rounds, and asks for the window that "
          "maximises E(alpha, gamma) / (gamma t_de + wait), the optimum for synchronous "
          "DSD. Dsd modes only.",
          {{"kind", "analytic_optimal"}, {"gamma_min", 1}, {"gamma_max", 12}},
          {gamma_min_param(), gamma_max_param(), ewma_weight_param(0.02), warmup_rounds_param()},
          finish_range};
}

ParamKind aimd_kind() {
  return {"aimd",
          "Additive increase, multiplicative decrease: the window grows by `increase` after a "
          "fully accepted window and is multiplied by `decrease_factor` (rounded down) after a "
          "rejection in the first half of a window; it starts at `speculation.gamma`. Dsd modes "
          "only.",
          {{"kind", "aimd"}, {"increase", 1}, {"decrease_factor", 0.5}},
          {gamma_min_param(), gamma_max_param(),
           Param::integer("increase", "tokens",
                          "Added to the window after a fully accepted window of the current size.")
               .default_to(1)
               .at_least(1)
               .at_most(256)
               .not_stored(),
           Param::number("decrease_factor", "",
                         "The window is multiplied by this, rounded down, after a window rejected "
                         "in its first half (fewer than half of its tokens accepted).")
               .default_to(0.5)
               .above(0)
               .below(1)
               .not_stored()},
          finish_range};
}

ParamSpec fallback_param() {
  ParamSpec spec = Param::choice("fallback",
                                 "Where a request goes when DSD does not pay: co-located "
                                 "speculative decoding or autoregressive decoding in the cloud.")
                       .default_to("colocated_sd")
                       .not_stored();
  for (const auto& [name, mode] : kFallbacks) spec.choices.push_back(name);
  return spec;
}

ParamKind awc_kind() {
  return {
      "awc",
      "Adaptive window control: analytic_optimal's window, smoothed (`gamma_smoothing`) and "
      "clamped; and, before each request, DSD or cloud-side decoding (`fallback`), whichever its "
      "estimates say is faster per token, with a hysteresis (`switch_margin`, "
      "`switch_confidence`) and DSD probes while in the cloud (docs/policies.md gives the rule). "
      "Dsd modes only.",
      {{"kind", "awc"}, {"fallback", "cloud_ar"}, {"switch_margin", 0.1}},
      {gamma_min_param(), gamma_max_param(), ewma_weight_param(0.01), warmup_rounds_param(),
       Param::number("gamma_smoothing", "",
                     "After each verdict the window moves this fraction of the way toward the "
                     "optimal window of the current estimates.")
           .default_to(0.2)
           .above(0)
           .at_most(1)
           .not_stored(),
       fallback_param(),
       Param::number("cloud_tpot_ms", "ms",
                     "Time per token expected from cloud-side decoding until the client has "
                     "decoded a request there. Absent: the closed form for one client (`t_ar` "
                     "for cloud_ar; (gamma t_dc + t_v) / E at `speculation.gamma` for "
                     "colocated_sd).")
           .optional()
           .at_least(limits::kMinStepMs)
           .at_most(limits::kMaxMs)
           .not_stored(),
       Param::number("switch_margin", "",
                     "Hysteresis: the client leaves DSD when its predicted time per token "
                     "exceeds the cloud's x (1 + `switch_margin`), and comes back when it is "
                     "below the cloud's / (1 + `switch_margin`).")
           .default_to(0.03)
           .at_least(0)
           .at_most(100)
           .not_stored(),
       Param::number("switch_confidence", "standard errors",
                     "Evidence a switch needs on top of the margin: the predicted time per token "
                     "is taken at alpha_hat + `switch_confidence` standard errors to leave DSD "
                     "and at alpha_hat - `switch_confidence` standard errors to come back, so that "
                     "the client does not follow the estimate's noise.")
           .default_to(1.5)
           .at_least(0)
           .at_most(100)
           .not_stored(),
       Param::integer("probe_every", "requests",
                      "While in the cloud, the fewest cloud requests between two DSD probes (a "
                      "probe decodes one request with DSD to refresh the estimates).")
           .default_to(4)
           .at_least(1)
           .at_most(limits::kMaxCount)
           .not_stored(),
       Param::number("probe_overhead", "",
                     "Most that probes may add to the mean time per token in steady conditions: "
                     "after a probe finds DSD r times slower, the next waits at least "
                     "(r - 1) / `probe_overhead` - 1 cloud requests.")
           .default_to(0.01)
           .above(0)
           .at_most(1)
           .not_stored()},
      finish_range};
}

ParamKind wait_quantile_kind() {
  return {"wait_quantile",
          "analytic_optimal's window planned for a bad round trip: each client asks for the "
          "window that maximises E(alpha, gamma) / (gamma t_de + W_q), W_q the `quantile` of "
          "the send-to-verdict waits of its last `window_rounds` rounds (nearest rank), so it "
          "drafts longer windows when its recent round trips spread out. Dsd modes only.",
          {{"kind", "wait_quantile"}, {"quantile", 0.9}, {"window_rounds", 20}},
          {gamma_min_param(), gamma_max_param(), ewma_weight_param(0.02), warmup_rounds_param(),
           Param::number("quantile", "",
                         "Which quantile of the recent waits the window is planned for (nearest "
                         "rank: the ceil(`quantile` n)-th smallest of the n kept waits); 0.5 is "
                         "the median, 1 the slowest.")
               .default_to(0.9)
               .above(0)
               .at_most(1)
               .not_stored(),
           Param::integer("window_rounds", "rounds",
                          "How many of the client's latest round trips the quantile is taken "
                          "over (a sliding window).")
               .default_to(20)
               .at_least(1)
               .at_most(10000)
               .not_stored(),
           Param::number("timeout_factor", "",
                         "With `edge.resilience.on_failure: local`: the device falls back to "
                         "decoding on its own when a verdict has not come `timeout_factor` x W_q "
                         "after it sent its window (at most `edge.resilience.timeout_ms`, which "
                         "also applies until the first round is seen), so the fallback follows "
                         "the channel. Absent: `edge.resilience.timeout_ms` alone.")
               .optional()
               .at_least(1)
               .at_most(1000)
               .not_stored()},
          finish_range};
}

// Checks that need other parameters: the mode, and speculation.gamma (the starting window).
std::vector<NestedProblem> check_policy_in_context(const json& stored, const ValueLookup& lookup) {
  if (!stored.is_object()) return {};
  const std::string kind = stored.value("kind", "fixed");
  if (kind == "fixed") return {};
  std::vector<NestedProblem> problems;
  const json* mode = lookup("mode");
  if (mode && mode->is_string()) {
    const auto parsed = parse_decoding_mode(mode->get<std::string>());
    if (parsed && !drafts_on_edge(*parsed)) {
      problems.push_back({{"kind"},
                          "\"" + kind +
                              "\" sizes the draft windows of an edge client in "
                              "distributed speculative decoding, which /mode " +
                              show_value(*mode) +
                              " does not use: use \"fixed\" (or leave "
                              "/speculation/policy out), or mode \"dsd_sync\" or "
                              "\"dsd_pipelined\""});
    }
  }
  if (stored.contains("timeout_factor")) {
    const json* on_failure = lookup("edge.resilience.on_failure");
    if (!on_failure || *on_failure != "local") {
      problems.push_back({{"timeout_factor"},
                          "chooses when a device stops waiting for a verdict and decodes on its "
                          "own, which only /edge/resilience/on_failure \"local\" does: set it "
                          "to \"local\", or leave timeout_factor out"});
    }
  }
  const json* gamma = lookup("speculation.gamma");
  if (gamma && gamma->is_number_integer()) {
    const auto start = gamma->get<std::int64_t>();
    const auto lo = stored.at("gamma_min").get<std::int64_t>();
    const auto hi = stored.at("gamma_max").get<std::int64_t>();
    if (start < lo) {
      problems.push_back({{"gamma_min"},
                          "must be <= speculation.gamma (" + std::to_string(start) +
                              "), the window the policy starts from, got " + std::to_string(lo)});
    } else if (start > hi) {
      problems.push_back({{"gamma_max"},
                          "must be >= speculation.gamma (" + std::to_string(start) +
                              "), the window the policy starts from, got " + std::to_string(hi)});
    }
  }
  return problems;
}

}  // namespace

std::shared_ptr<const KindFamily> speculation_policy_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "speculation policy",
      "How each edge client chooses the size of its next draft window, per round (runs record "
      "it in the `gamma` column of `rounds.csv`), and, for `awc`, whether it decodes a request "
      "with DSD at all. The value is an object `{\"kind\": ...}` with one of the kinds below and "
      "its parameters. Every policy lives in one client and sees only what that client sees: "
      "its own windows, verdicts and times. The adaptive kinds (`analytic_optimal`, `aimd`, "
      "`awc`, `wait_quantile`) start from `speculation.gamma`, which must lie in their "
      "[`gamma_min`, "
      "`gamma_max`], and are only for `dsd_sync` and `dsd_pipelined` (in other modes no window "
      "is drafted on the edge, and such a policy is an error rather than silently unused). "
      "[docs/policies.md](policies.md) gives each rule and how to add a policy.",
      "",
      "",
      {fixed_policy_kind(), analytic_optimal_kind(), aimd_kind(), awc_kind(),
       wait_quantile_kind()}});
  return family;
}

Param speculation_policy_param(std::string path, std::string meaning) {
  return Param::kinded(std::move(path), "", std::move(meaning), speculation_policy_family())
      .optional()
      .check_in_context(check_policy_in_context);
}

PolicyParams policy_params_of(const json& stored) {
  PolicyParams p;
  const auto& name = stored.at("kind").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kPolicyKinds) {
    if (candidate == name) p.kind = kind;
  }
  // Every parameter of the kind is present (defaults filled in), except an absent optional one.
  const auto read = [&stored](const char* key, auto& field) {
    const auto found = stored.find(key);
    if (found != stored.end()) field = found->get<std::remove_reference_t<decltype(field)>>();
  };
  read("gamma_min", p.gamma_min);
  read("gamma_max", p.gamma_max);
  read("ewma_weight", p.ewma_weight);
  read("warmup_rounds", p.warmup_rounds);
  read("increase", p.increase);
  read("decrease_factor", p.decrease_factor);
  read("gamma_smoothing", p.gamma_smoothing);
  read("cloud_tpot_ms", p.cloud_tpot_ms);
  read("switch_margin", p.switch_margin);
  read("switch_confidence", p.switch_confidence);
  read("probe_every", p.probe_every);
  read("probe_overhead", p.probe_overhead);
  read("quantile", p.quantile);
  read("window_rounds", p.window_rounds);
  read("timeout_factor", p.timeout_factor);
  const auto fallback = stored.find("fallback");
  if (fallback != stored.end()) {
    for (const auto& [candidate, mode] : kFallbacks) {
      if (candidate == fallback->get<std::string>()) p.fallback = mode;
    }
  }
  return p;
}

}  // namespace dsdsi
