#include "dsdsi/model/acceptance_model.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace dsdsi {

RequestAcceptance::RequestAcceptance(std::vector<double> alphas) : alphas_(std::move(alphas)) {
  if (alphas_.empty()) throw std::invalid_argument("acceptance needs at least one alpha");
}

RequestAcceptance RequestAcceptance::from_record(const RequestAcceptanceRecord& record) {
  return RequestAcceptance(record.alphas.empty() ? std::vector<double>{record.alpha}
                                                 : record.alphas);
}

double RequestAcceptance::alpha(int position) const {
  return alphas_[std::min(static_cast<std::size_t>(position), alphas_.size() - 1)];
}

int RequestAcceptance::leading_accepted(RandomStream& stream, int positions) const {
  int accepted = 0;
  while (accepted < positions && stream.uniform01() < alpha(accepted)) ++accepted;
  return accepted;
}

double RequestAcceptance::expected_tokens_per_round(int gamma) const {
  double e = 1, all_so_far = 1;
  for (int k = 0; k < gamma; ++k) {
    all_so_far *= alpha(k);
    e += all_so_far;
  }
  return e;
}

namespace {

// Same alphas for every request (bernoulli, positional).
class FixedAcceptance final : public AcceptanceModel {
 public:
  explicit FixedAcceptance(std::vector<double> alphas) : request_(std::move(alphas)) {}
  RequestAcceptance for_request(RandomStream&, std::int64_t, std::int64_t) const override {
    return request_;
  }
  double expected_tokens_per_round(int gamma) const override {
    return request_.expected_tokens_per_round(gamma);
  }

 private:
  RequestAcceptance request_;
};

// Gamma(shape, 1) by Marsaglia and Tsang (2000), from the stream's own uniforms and normals.
double gamma_variate(double shape, RandomStream& stream) {
  if (shape < 1) {
    return gamma_variate(shape + 1, stream) * std::pow(1.0 - stream.uniform01(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double u1 = 1.0 - stream.uniform01(), u2 = stream.uniform01();
    const double x = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    const double v = std::pow(1.0 + c * x, 3);
    if (v <= 0) continue;
    const double u = 1.0 - stream.uniform01();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

class BetaAcceptance final : public AcceptanceModel {
 public:
  BetaAcceptance(double a, double b) : a_(a), b_(b) {}
  RequestAcceptance for_request(RandomStream& stream, std::int64_t, std::int64_t) const override {
    const double x = gamma_variate(a_, stream), y = gamma_variate(b_, stream);
    return RequestAcceptance(std::vector<double>{x / (x + y)});
  }
  // 1 / E[1 / E(alpha, gamma)] over alpha ~ Beta(a, b), by numerical integration (Simpson, 2000
  // intervals on [0, 1]; the integrand is smooth: E >= 1).
  double expected_tokens_per_round(int gamma) const override {
    const int n = 2000;
    const double log_norm = std::lgamma(a_) + std::lgamma(b_) - std::lgamma(a_ + b_);
    auto integrand = [&](double alpha) {
      if (alpha <= 0 || alpha >= 1) return 0.0;  // the density's ends (integrable, weight 0)
      const double density =
          std::exp((a_ - 1) * std::log(alpha) + (b_ - 1) * std::log1p(-alpha) - log_norm);
      return density /
             RequestAcceptance(std::vector<double>{alpha}).expected_tokens_per_round(gamma);
    };
    double sum = integrand(0) + integrand(1);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * integrand(static_cast<double>(i) / n);
    return 1.0 / (sum / (3.0 * n));
  }

 private:
  double a_, b_;
};

class TraceAcceptance final : public AcceptanceModel {
 public:
  TraceAcceptance(std::vector<RequestAcceptanceRecord> records, std::int64_t clients)
      : records_(std::move(records)), clients_(clients) {}
  // Requests take the records in order of (request index, client): every client's first
  // request, then every client's second, ... so that a trace of N lines covers the first N
  // requests to start (in a closed loop) whatever the number of clients. The scenario loader
  // refuses a trace shorter than the run.
  RequestAcceptance for_request(RandomStream&, std::int64_t client,
                                std::int64_t request) const override {
    const auto index = static_cast<std::size_t>(request * clients_ + client);
    return RequestAcceptance::from_record(records_.at(index));
  }
  double expected_tokens_per_round(int gamma) const override {
    double inverse = 0;
    for (const auto& r : records_) {
      inverse += 1.0 / RequestAcceptance::from_record(r).expected_tokens_per_round(gamma);
    }
    return static_cast<double>(records_.size()) / inverse;
  }

 private:
  std::vector<RequestAcceptanceRecord> records_;
  std::int64_t clients_;
};

}  // namespace

std::unique_ptr<AcceptanceModel> make_acceptance_model(const AcceptanceParams& p,
                                                       std::int64_t clients) {
  switch (p.kind) {
    case AcceptanceKind::bernoulli:
      return std::make_unique<FixedAcceptance>(std::vector<double>{p.alpha});
    case AcceptanceKind::positional:
    case AcceptanceKind::length_table:  // its alphas are fitted at load time
      return std::make_unique<FixedAcceptance>(p.alphas);
    case AcceptanceKind::beta:
      return std::make_unique<BetaAcceptance>(p.a, p.b);
    case AcceptanceKind::trace:
      return std::make_unique<TraceAcceptance>(p.records, clients);
  }
  return nullptr;  // unreachable: the enum is exhaustive and validated at load
}

}  // namespace dsdsi
