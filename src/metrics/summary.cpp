#include "dsdsi/metrics/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "dsdsi/metrics/latency_stats.hpp"

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

// Adds "<name>_mean", "_p50", "_p95", "_p99"; all four null when the sample is empty.
void add_latency(nlohmann::ordered_json& out, const std::string& name,
                 const std::vector<double>& sample) {
  if (sample.empty()) {
    for (const char* suffix : {"_mean", "_p50", "_p95", "_p99"}) out[name + suffix] = nullptr;
    return;
  }
  const LatencyStats stats = summarize_latencies(sample);
  out[name + "_mean"] = stats.mean;
  out[name + "_p50"] = stats.p50;
  out[name + "_p95"] = stats.p95;
  out[name + "_p99"] = stats.p99;
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
  void add_to(nlohmann::ordered_json& out) const {
    add_latency(out, "ttft_ms", ttft_ms_);
    add_latency(out, "tpot_ms", tpot_ms_);
    add_latency(out, "e2e_ms", e2e_ms_);
  }

 private:
  std::vector<double> ttft_ms_, tpot_ms_, e2e_ms_;
};

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
void add_energy(nlohmann::ordered_json& out, const std::string& side,
                const std::vector<std::optional<double>>& parts, double tokens) {
  const auto joules = total_if_all(parts);
  out[side + "_energy_j"] = number_or_null(joules);
  out[side + "_j_per_token"] = number_or_null(joules ? ratio(*joules, tokens) : std::nullopt);
}

}  // namespace

void SummaryAccumulator::on_request(const RequestRecord& record) {
  ++requests_;
  output_tokens_ += record.output_tokens;
  bytes_up_ += record.bytes_up;
  bytes_down_ += record.bytes_down;
  RequestFacts facts{record.client, record.output_tokens, record.rounds, record.drafted,
                     record.accepted, kUndefined, kUndefined, kUndefined};
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
  request_facts_.push_back(facts);
}

void SummaryAccumulator::on_round(const RoundRecord& record) {
  ++rounds_;
  drafted_ += record.gamma;
  accepted_ += record.accepted;
  committed_ += record.committed;
}

void SummaryAccumulator::on_batch(const BatchRecord& record) {
  ++batches_;
  batch_jobs_ += record.size;
  busy_ms_ += record.end_ms - record.start_ms;
}

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
  add_energy(out, "edge", energy, static_cast<double>(tokens));
  return out;
}

nlohmann::ordered_json SummaryAccumulator::finish(double makespan_ms) const {
  if (!std::isfinite(makespan_ms) || makespan_ms < 0.0) {
    throw std::invalid_argument("makespan_ms must be finite and >= 0, got " +
                                std::to_string(makespan_ms));
  }
  const auto tokens = static_cast<double>(output_tokens_);
  nlohmann::ordered_json out;
  out["requests"] = requests_;
  out["output_tokens"] = output_tokens_;
  out["rounds"] = rounds_;
  out["drafted_tokens"] = drafted_;
  out["accepted_tokens"] = accepted_;
  out["tokens_per_round_mean"] =
      number_or_null(ratio(static_cast<double>(committed_), static_cast<double>(rounds_)));
  out["acceptance_rate"] =
      number_or_null(ratio(static_cast<double>(accepted_), static_cast<double>(drafted_)));
  RequestLatencies latencies;
  for (const RequestFacts& r : request_facts_) latencies.add(r.ttft_ms, r.tpot_ms, r.e2e_ms);
  latencies.add_to(out);
  out["throughput_tokens_per_s"] = number_or_null(ratio(tokens, makespan_ms / 1000.0));
  // With no batch the verifier never ran (edge-only mode): its busy fraction is undefined, not 0.
  // With several servers it is their mean (busy time over makespan times servers).
  const double servers = static_cast<double>(std::max<std::int64_t>(servers_, 1));
  out["server_busy_fraction"] =
      number_or_null(batches_ == 0 ? std::nullopt : ratio(busy_ms_, makespan_ms * servers));
  out["batches"] = batches_;
  out["batch_size_mean"] =
      number_or_null(ratio(static_cast<double>(batch_jobs_), static_cast<double>(batches_)));
  out["wan_bytes_up"] = bytes_up_;
  out["wan_bytes_down"] = bytes_down_;
  out["makespan_ms"] = makespan_ms;

  std::vector<double> rtt;
  std::vector<std::optional<double>> edge_energy;
  for (const ClientRecord& c : clients_) {
    rtt.push_back(c.mean_rtt_ms);
    edge_energy.push_back(c.edge_energy_j);
  }
  add_latency(out, "rtt_ms", rtt);
  add_energy(out, "edge", edge_energy, tokens);
  add_energy(out, "cloud", server_energy_j_, tokens);

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
