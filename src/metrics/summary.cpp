#include "dsdsi/metrics/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/batch_means.hpp"
#include "dsdsi/metrics/latency_stats.hpp"
#include "dsdsi/metrics/radio_summary.hpp"

namespace dsdsi {

namespace {

nlohmann::ordered_json number_or_null(std::optional<double> value) {
  if (!value) return nullptr;
  return *value;
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator == 0.0) return std::nullopt;
  return numerator / denominator;
}

// Adds "<name>_mean", "_mean_ci95" (when `ci` is given: null is a value), "_p50", "_p90",
// "_p95", "_p99"; all null when the sample is empty.
void add_latency(nlohmann::ordered_json& out, const std::string& name,
                 const std::vector<double>& sample,
                 const std::optional<std::optional<double>>& ci = std::nullopt) {
  const bool empty = sample.empty();
  const LatencyStats stats = empty ? LatencyStats{} : summarize_latencies(sample);
  const auto put = [&](const char* suffix, double value) {
    out[name + suffix] = empty ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
  };
  put("_mean", stats.mean);
  if (ci) out[name + "_mean_ci95"] = empty ? nlohmann::ordered_json(nullptr) : number_or_null(*ci);
  put("_p50", stats.p50);
  put("_p90", stats.p90);
  put("_p95", stats.p95);
  put("_p99", stats.p99);
}

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// The TTFT, TPOT and E2E rows of a set of requests (the run's, or a class's), skipping the
// requests where one is undefined.
class RequestLatencies {
 public:
  void add(double ttft_ms, double tpot_ms, double e2e_ms) {
    if (!std::isnan(ttft_ms)) ttft_ms_.push_back(ttft_ms);
    if (!std::isnan(tpot_ms)) tpot_ms_.push_back(tpot_ms);
    if (!std::isnan(e2e_ms)) e2e_ms_.push_back(e2e_ms);
  }
  // `ci`: the three means' half-widths (the run's rows), or none (a class's rows).
  void add_to(nlohmann::ordered_json& out,
              const std::optional<std::array<std::optional<double>, 3>>& ci = std::nullopt) const {
    using Ci = std::optional<std::optional<double>>;
    add_latency(out, "ttft_ms", ttft_ms_, ci ? Ci((*ci)[0]) : Ci());
    add_latency(out, "tpot_ms", tpot_ms_, ci ? Ci((*ci)[1]) : Ci());
    add_latency(out, "e2e_ms", e2e_ms_, ci ? Ci((*ci)[2]) : Ci());
  }

 private:
  std::vector<double> ttft_ms_, tpot_ms_, e2e_ms_;
};

// Per time batch: the mean of a quantity over the requests submitted in it.
struct BatchMean {
  std::array<double, kTimeBatches> sum{};
  std::array<std::int64_t, kTimeBatches> n{};
  void add(std::size_t b, double value) {
    if (std::isnan(value)) return;
    sum[b] += value;
    ++n[b];
  }
  std::vector<std::optional<double>> values() const {
    std::vector<std::optional<double>> out;
    for (std::size_t b = 0; b < kTimeBatches; ++b) {
      out.push_back(n[b] > 0 ? std::optional<double>(sum[b] / static_cast<double>(n[b]))
                             : std::nullopt);
    }
    return out;
  }
};

bool within_bound(double value, double bound) {
  return bound <= 0 || std::isnan(value) || value <= bound;
}

// The total when every part is known, else none (a partial sum would read as a real total).
std::optional<double> total_if_all(const std::vector<std::optional<double>>& parts) {
  if (parts.empty()) return std::nullopt;
  double sum = 0;
  for (const auto& part : parts) {
    if (!part) return std::nullopt;
    sum += *part;
  }
  return sum;
}

// "<side>_energy_j" and "<side>_j_per_token": null unless every part is known.
void add_energy_keys(nlohmann::ordered_json& out, const std::string& side,
                     const std::vector<std::optional<double>>& parts, double tokens) {
  const auto joules = total_if_all(parts);
  out[side + "_energy_j"] = number_or_null(joules);
  out[side + "_j_per_token"] = number_or_null(joules ? ratio(*joules, tokens) : std::nullopt);
}

}  // namespace

SummaryAccumulator::SummaryAccumulator(const MeasureParams& measure, bool device_memory,
                                       bool local_fallback)
    : window_(MeasureWindow::of(measure)),
      slo_(measure.slo),
      rounds_(window_),
      device_memory_(device_memory),
      local_fallback_(local_fallback) {}

void SummaryAccumulator::on_request(const RequestRecord& record) {
  if (!window_.request_in(record.submit_ms)) return;  // warm-up: left out of every metric
  ++requests_;
  output_tokens_ += record.output_tokens;
  bytes_up_ += record.bytes_up;
  bytes_down_ += record.bytes_down;
  over_device_memory_ += record.over_device_memory ? 1 : 0;
  stall_ms_.push_back(record.stall_ms);
  resends_ += record.resends;
  unverified_tokens_ += record.unverified_tokens;
  fallbacks_ += record.fallbacks;
  fallback_ms_ += record.fallback_ms;
  RequestFacts facts{record.client,
                     record.output_tokens,
                     record.rounds,
                     record.drafted,
                     record.accepted,
                     record.submit_ms,
                     record.last_token_ms,
                     kUndefined,
                     kUndefined,
                     kUndefined,
                     true};
  // A request that produced no token has no first or last token time, hence no latency; it
  // still counts as a request.
  if (record.output_tokens >= 1) {
    facts.ttft_ms = record.first_token_ms - record.submit_ms;
    facts.e2e_ms = record.last_token_ms - record.submit_ms;
  }
  // TPOT is the mean gap between consecutive tokens: a single token has no gap.
  if (record.output_tokens >= 2) {
    facts.tpot_ms = (record.last_token_ms - record.first_token_ms) /
                    static_cast<double>(record.output_tokens - 1);
  }
  facts.meets_slo = within_bound(facts.ttft_ms, slo_.ttft_ms) &&
                    within_bound(facts.tpot_ms, slo_.tpot_ms) &&
                    within_bound(facts.e2e_ms, slo_.e2e_ms);
  request_facts_.push_back(facts);
}

void SummaryAccumulator::on_round(const RoundRecord& record) { rounds_.on_round(record); }

void SummaryAccumulator::on_batch(const BatchRecord& record) { rounds_.on_batch(record); }

void SummaryAccumulator::on_server(const ServerRecord& record) {
  ++servers_;
  server_energy_j_.push_back(record.energy_j);
}

void SummaryAccumulator::on_client(const ClientRecord& record) { clients_.push_back(record); }

nlohmann::ordered_json SummaryAccumulator::class_metrics(
    const std::vector<std::size_t>& members) const {
  std::vector<bool> in_class;
  std::vector<double> rtt;
  std::vector<std::optional<double>> energy;
  for (const std::size_t i : members) {
    const ClientRecord& c = clients_[i];
    const auto id = static_cast<std::size_t>(c.client);
    if (in_class.size() <= id) in_class.resize(id + 1, false);
    in_class[id] = true;
    rtt.push_back(c.mean_rtt_ms);
    energy.push_back(c.edge_energy_j);
  }
  std::int64_t requests = 0, tokens = 0, rounds = 0, drafted = 0, accepted = 0;
  RequestLatencies latencies;
  for (const RequestFacts& r : request_facts_) {
    const auto id = static_cast<std::size_t>(r.client);
    if (id >= in_class.size() || !in_class[id]) continue;
    ++requests;
    tokens += r.output_tokens;
    rounds += r.rounds;
    drafted += r.drafted;
    accepted += r.accepted;
    latencies.add(r.ttft_ms, r.tpot_ms, r.e2e_ms);
  }
  nlohmann::ordered_json out;
  out["clients"] = members.size();
  out["requests"] = requests;
  out["output_tokens"] = tokens;
  out["tokens_per_round_mean"] =
      number_or_null(ratio(static_cast<double>(tokens), static_cast<double>(rounds)));
  out["acceptance_rate"] =
      number_or_null(ratio(static_cast<double>(accepted), static_cast<double>(drafted)));
  latencies.add_to(out);
  out["rtt_ms_mean"] = summarize_latencies(rtt).mean;
  add_energy_keys(out, "edge", energy, static_cast<double>(tokens));
  if (any_radio(clients_)) {
    std::vector<const ClientRecord*> class_clients;
    for (const std::size_t i : members) class_clients.push_back(&clients_[i]);
    add_radio_keys(out, class_clients, static_cast<double>(tokens));
  }
  return out;
}

// The tokens the window committed: its decode rounds', or, in edge_ar (no rounds at all), those
// of its requests, counted when their last token came, if by the window's end.
namespace {
std::int64_t edge_decoded_tokens(double end_ms, const std::vector<double>& last_token_ms,
                                 const std::vector<std::int64_t>& tokens) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (last_token_ms[i] <= end_ms) sum += tokens[i];
  }
  return sum;
}
}  // namespace

void SummaryAccumulator::add_request_intervals(nlohmann::ordered_json& out, double end_ms) const {
  const TimeBatches batches(window_.warmup_ms, end_ms);
  BatchMean ttft, tpot, e2e, attained;
  std::array<std::int64_t, kTimeBatches> good{}, good_tokens{};
  for (const RequestFacts& r : request_facts_) {
    const auto b = batches.of(r.submit_ms);
    if (!b) continue;
    ttft.add(*b, r.ttft_ms);
    tpot.add(*b, r.tpot_ms);
    e2e.add(*b, r.e2e_ms);
    attained.add(*b, r.meets_slo ? 1.0 : 0.0);
    good[*b] += r.meets_slo ? 1 : 0;
    good_tokens[*b] += r.meets_slo ? r.output_tokens : 0;
  }
  // Enough requests in every batch, or no interval at all.
  const bool enough = std::all_of(attained.n.begin(), attained.n.end(),
                                  [](std::int64_t n) { return n >= kMinRequestsPerBatch; });
  const auto ci = [enough](const std::vector<std::optional<double>>& values) {
    return enough ? ci95_half_width(values) : std::nullopt;
  };
  const double batch_s = batches.batch_ms() / 1000.0;
  std::vector<std::optional<double>> goodput, goodput_tokens;
  for (std::size_t b = 0; b < kTimeBatches; ++b) {
    goodput.push_back(static_cast<double>(good[b]) / batch_s);
    goodput_tokens.push_back(static_cast<double>(good_tokens[b]) / batch_s);
  }
  out["ttft_ms_mean_ci95"] = number_or_null(ci(ttft.values()));
  out["tpot_ms_mean_ci95"] = number_or_null(ci(tpot.values()));
  out["e2e_ms_mean_ci95"] = number_or_null(ci(e2e.values()));
  out["slo_attainment_ci95"] = number_or_null(slo_.any() ? ci(attained.values()) : std::nullopt);
  out["goodput_requests_per_s_ci95"] = number_or_null(slo_.any() ? ci(goodput) : std::nullopt);
  out["goodput_tokens_per_s_ci95"] = number_or_null(slo_.any() ? ci(goodput_tokens) : std::nullopt);
}

void SummaryAccumulator::add_round_intervals(nlohmann::ordered_json& out, double end_ms) const {
  const char* const keys[] = {"tokens_per_round_mean_ci95", "acceptance_rate_ci95",
                              "throughput_tokens_per_s_ci95", "server_busy_fraction_ci95",
                              "batch_size_mean_ci95"};
  for (const char* key : keys) out[key] = nullptr;
  // Per time batch sums exist only with a horizon, and mean something only if the run reached
  // it (otherwise the window ended earlier, at the last completion), with the requests' rule.
  const auto& by_batch = rounds_.by_batch();
  if (!by_batch || end_ms < window_.horizon_ms || out["ttft_ms_mean_ci95"].is_null()) return;
  const TimeBatches batches(window_.warmup_ms, end_ms);
  std::array<std::int64_t, kTimeBatches> edge_tokens{};
  for (const RequestFacts& r : request_facts_) {
    if (rounds_.total().rounds > 0) break;  // tokens come from rounds; edge_ar has none
    if (const auto b = batches.of(r.last_token_ms)) edge_tokens[*b] += r.output_tokens;
  }
  const double servers = static_cast<double>(std::max<std::int64_t>(servers_, 1));
  std::vector<std::optional<double>> per_round, acceptance, throughput, busy, batch_size;
  for (std::size_t b = 0; b < kTimeBatches; ++b) {
    const RoundSums& sums = (*by_batch)[b];
    const double span_ms = batches.batch_ms();
    per_round.push_back(
        ratio(static_cast<double>(sums.committed), static_cast<double>(sums.rounds)));
    acceptance.push_back(
        ratio(static_cast<double>(sums.accepted), static_cast<double>(sums.drafted)));
    throughput.push_back(static_cast<double>(sums.committed + edge_tokens[b]) / (span_ms / 1000.0));
    busy.push_back(sums.busy_ms / (span_ms * servers));
    batch_size.push_back(
        ratio(static_cast<double>(sums.batch_jobs), static_cast<double>(sums.batches)));
  }
  const RoundSums& total = rounds_.total();
  if (total.rounds > 0) out[keys[0]] = number_or_null(ci95_half_width(per_round));
  if (total.drafted > 0) out[keys[1]] = number_or_null(ci95_half_width(acceptance));
  out[keys[2]] = number_or_null(ci95_half_width(throughput));
  if (total.batches > 0) {
    out[keys[3]] = number_or_null(ci95_half_width(busy));
    out[keys[4]] = number_or_null(ci95_half_width(batch_size));
  }
}

nlohmann::ordered_json SummaryAccumulator::finish(double makespan_ms) const {
  if (!std::isfinite(makespan_ms) || makespan_ms < 0.0) {
    throw std::invalid_argument("makespan_ms must be finite and >= 0, got " +
                                std::to_string(makespan_ms));
  }
  const auto tokens = static_cast<double>(output_tokens_);
  const double end_ms = window_.end_ms(makespan_ms);
  const double span_ms = std::max(0.0, end_ms - window_.warmup_ms);
  nlohmann::ordered_json ci;
  add_request_intervals(ci, end_ms);
  add_round_intervals(ci, end_ms);
  const RoundSums& rounds = rounds_.total();

  nlohmann::ordered_json out;
  out["requests"] = requests_;
  out["output_tokens"] = output_tokens_;
  out["rounds"] = rounds.rounds;
  out["drafted_tokens"] = rounds.drafted;
  out["accepted_tokens"] = rounds.accepted;
  out["tokens_per_round_mean"] = number_or_null(
      ratio(static_cast<double>(rounds.committed), static_cast<double>(rounds.rounds)));
  out["tokens_per_round_mean_ci95"] = ci["tokens_per_round_mean_ci95"];
  out["acceptance_rate"] = number_or_null(
      ratio(static_cast<double>(rounds.accepted), static_cast<double>(rounds.drafted)));
  out["acceptance_rate_ci95"] = ci["acceptance_rate_ci95"];
  RequestLatencies latencies;
  std::vector<double> edge_last_ms;
  std::vector<std::int64_t> edge_tokens;
  std::int64_t good = 0, good_tokens = 0;
  for (const RequestFacts& r : request_facts_) {
    latencies.add(r.ttft_ms, r.tpot_ms, r.e2e_ms);
    if (r.rounds == 0) {
      edge_last_ms.push_back(r.last_token_ms);
      edge_tokens.push_back(r.output_tokens);
    }
    good += r.meets_slo ? 1 : 0;
    good_tokens += r.meets_slo ? r.output_tokens : 0;
  }
  const auto half_width = [&ci](const char* key) {
    return ci[key].is_null() ? std::nullopt : std::optional<double>(ci[key].get<double>());
  };
  latencies.add_to(out, std::array<std::optional<double>, 3>{half_width("ttft_ms_mean_ci95"),
                                                             half_width("tpot_ms_mean_ci95"),
                                                             half_width("e2e_ms_mean_ci95")});
  // Tokens committed in the window over its length (without a window: every output token over
  // the makespan, as before windows existed).
  const double committed = static_cast<double>(
      rounds.rounds > 0 ? rounds.committed
                        : edge_decoded_tokens(end_ms, edge_last_ms, edge_tokens));
  out["throughput_tokens_per_s"] = number_or_null(ratio(committed, span_ms / 1000.0));
  out["throughput_tokens_per_s_ci95"] = ci["throughput_tokens_per_s_ci95"];
  // No SLO: nothing to attain (null, not 1).
  const bool slo = slo_.any();
  out["slo_attainment"] = number_or_null(
      slo ? ratio(static_cast<double>(good), static_cast<double>(requests_)) : std::nullopt);
  out["slo_attainment_ci95"] = ci["slo_attainment_ci95"];
  out["goodput_requests_per_s"] =
      number_or_null(slo ? ratio(static_cast<double>(good), span_ms / 1000.0) : std::nullopt);
  out["goodput_requests_per_s_ci95"] = ci["goodput_requests_per_s_ci95"];
  out["goodput_tokens_per_s"] = number_or_null(
      slo ? ratio(static_cast<double>(good_tokens), span_ms / 1000.0) : std::nullopt);
  out["goodput_tokens_per_s_ci95"] = ci["goodput_tokens_per_s_ci95"];
  // With no batch the verifier never ran (edge-only mode): its busy fraction is undefined, not 0.
  // With several servers it is their mean (busy time over the window times servers).
  const double servers = static_cast<double>(std::max<std::int64_t>(servers_, 1));
  out["server_busy_fraction"] =
      number_or_null(rounds.batches == 0 ? std::nullopt : ratio(rounds.busy_ms, span_ms * servers));
  out["server_busy_fraction_ci95"] = ci["server_busy_fraction_ci95"];
  out["batches"] = rounds.batches;
  out["batch_size_mean"] = number_or_null(
      ratio(static_cast<double>(rounds.batch_jobs), static_cast<double>(rounds.batches)));
  out["batch_size_mean_ci95"] = ci["batch_size_mean_ci95"];
  out["wan_bytes_up"] = bytes_up_;
  out["wan_bytes_down"] = bytes_down_;
  if (device_memory_) out["requests_over_device_memory"] = over_device_memory_;
  out["makespan_ms"] = makespan_ms;
  out["window_start_ms"] = window_.warmup_ms;
  out["window_end_ms"] = end_ms;

  std::vector<double> rtt;
  std::vector<std::optional<double>> edge_energy;
  for (const ClientRecord& c : clients_) {
    rtt.push_back(c.mean_rtt_ms);
    edge_energy.push_back(c.edge_energy_j);
  }
  add_latency(out, "rtt_ms", rtt);
  // With a network that can fail (outages, state profiles): how long requests stalled and how
  // long clients' routes were down.
  if (std::any_of(clients_.begin(), clients_.end(),
                  [](const ClientRecord& c) { return c.network_can_fail; })) {
    add_latency(out, "stall_ms", stall_ms_);
    out["resends"] = resends_;
    std::vector<double> outage;
    for (const ClientRecord& c : clients_) outage.push_back(c.outage_ms);
    out["outage_ms_mean"] = summarize_latencies(outage).mean;
  }
  // `on_failure: local`: the window's tokens the devices produced on their own.
  if (local_fallback_) {
    out["unverified_tokens"] = unverified_tokens_;
    out["unverified_token_fraction"] =
        number_or_null(ratio(static_cast<double>(unverified_tokens_), tokens));
    out["fallbacks"] = fallbacks_;
    out["fallback_ms_per_request"] =
        number_or_null(ratio(fallback_ms_, static_cast<double>(requests_)));
  }
  add_energy_keys(out, "edge", edge_energy, tokens);
  add_energy_keys(out, "cloud", server_energy_j_, tokens);
  if (any_radio(clients_)) {
    std::vector<const ClientRecord*> all;
    for (const ClientRecord& c : clients_) all.push_back(&c);
    add_radio_keys(out, all, tokens);
  }

  if (!clients_.empty()) {
    // Classes in order of their first client (clients are announced in any order).
    std::vector<std::size_t> order(clients_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
      return clients_[a].client < clients_[b].client;
    });
    std::vector<std::pair<std::string, std::vector<std::size_t>>> classes;
    for (const std::size_t i : order) {
      const std::string& name = clients_[i].device_class;
      auto it = std::find_if(classes.begin(), classes.end(),
                             [&name](const auto& entry) { return entry.first == name; });
      if (it == classes.end()) it = classes.insert(classes.end(), {name, {}});
      it->second.push_back(i);
    }
    nlohmann::ordered_json by_class = nlohmann::ordered_json::object();
    for (const auto& [name, members] : classes) by_class[name] = class_metrics(members);
    out["by_class"] = std::move(by_class);
  }
  return out;
}

}  // namespace dsdsi
