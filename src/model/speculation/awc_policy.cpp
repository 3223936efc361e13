#include "awc_policy.hpp"

#include <algorithm>
#include <cmath>

namespace dsdsi {
namespace {

double cloud_prior_ms(const PolicyParams& params, const PolicyContext& context) {
  if (params.cloud_tpot_ms > 0) return params.cloud_tpot_ms;
  return params.fallback == DecodingMode::cloud_ar ? context.cloud_ar_tpot_ms
                                                   : context.colocated_tpot_ms;
}

// Never wait longer than this many cloud requests for a probe (DSD infinitely slower).
constexpr double kLongestProbeInterval = 1e9;

}  // namespace

AwcPolicy::AwcPolicy(std::int64_t configured_gamma, const PolicyParams& params,
                     const PolicyContext& context)
    : params_(params),
      t_de_(context.draft_ms_per_token),
      pipelined_(context.pipelined),
      estimate_(params.ewma_weight),
      smoothed_gamma_(
          static_cast<double>(std::clamp(configured_gamma, params.gamma_min, params.gamma_max))),
      gamma_(std::clamp(configured_gamma, params.gamma_min, params.gamma_max)),
      cloud_ms_(cloud_prior_ms(params, context)) {}

double AwcPolicy::predicted_dsd_ms(double sigmas) const {
  const double alpha =
      std::clamp(estimate_.alpha() + sigmas * estimate_.alpha_standard_error(), 0.0, 1.0);
  return pipelined_ ? pipelined_ms_per_token(alpha, gamma_, t_de_, estimate_.wait_ms())
                    : sync_ms_per_token(alpha, gamma_, t_de_, estimate_.wait_ms());
}

bool AwcPolicy::dsd_clearly_faster() const {
  return predicted_dsd_ms(-params_.switch_confidence) * (1 + params_.switch_margin) < cloud_ms_;
}

bool AwcPolicy::dsd_clearly_slower() const {
  return predicted_dsd_ms(params_.switch_confidence) > cloud_ms_ * (1 + params_.switch_margin);
}

RequestDecoding AwcPolicy::go_to_cloud() {
  const double ratio = cloud_ms_ > 0 ? predicted_dsd_ms() / cloud_ms_ : kLongestProbeInterval;
  const double paying_back = std::ceil((ratio - 1) / params_.probe_overhead) - 1;
  probe_interval_ = static_cast<std::int64_t>(std::max(
      static_cast<double>(params_.probe_every), std::min(paying_back, kLongestProbeInterval)));
  place_ = Place::cloud;
  cloud_streak_ = 1;
  return params_.fallback == DecodingMode::cloud_ar ? RequestDecoding::cloud_ar
                                                    : RequestDecoding::colocated_sd;
}

RequestDecoding AwcPolicy::decoding_for_next_request() {
  switch (place_) {
    case Place::dsd:
      if (estimate_.rounds() < params_.warmup_rounds) return RequestDecoding::dsd;
      if (dsd_clearly_slower()) return go_to_cloud();
      return RequestDecoding::dsd;
    case Place::probe:
      if (estimate_.rounds() < params_.warmup_rounds) return RequestDecoding::dsd;
      if (dsd_clearly_faster()) {
        place_ = Place::dsd;
        return RequestDecoding::dsd;
      }
      return go_to_cloud();
    case Place::cloud:
      if (dsd_clearly_faster()) {
        place_ = Place::dsd;
        return RequestDecoding::dsd;
      }
      if (cloud_streak_ >= probe_interval_) {
        place_ = Place::probe;
        estimate_.restart();
        return RequestDecoding::dsd;
      }
      ++cloud_streak_;
      return params_.fallback == DecodingMode::cloud_ar ? RequestDecoding::cloud_ar
                                                        : RequestDecoding::colocated_sd;
  }
  return RequestDecoding::dsd;
}

std::int64_t AwcPolicy::next_gamma() { return gamma_; }

void AwcPolicy::observe_round(const RoundObservation& round) {
  estimate_.observe(round);
  if (estimate_.rounds() < params_.warmup_rounds) return;
  const auto target = static_cast<double>(best_sync_gamma(
      estimate_.alpha(), t_de_, estimate_.wait_ms(), params_.gamma_min, params_.gamma_max));
  smoothed_gamma_ += params_.gamma_smoothing * (target - smoothed_gamma_);
  gamma_ = std::clamp(static_cast<std::int64_t>(std::lround(smoothed_gamma_)), params_.gamma_min,
                      params_.gamma_max);
}

void AwcPolicy::observe_cloud_request(const CloudRequestObservation& request) {
  if (request.tpot_ms <= 0) return;  // a one-token request has no time per token
  ++cloud_requests_seen_;
  const double w = std::max(params_.ewma_weight, 1.0 / static_cast<double>(cloud_requests_seen_));
  cloud_ms_ += w * (request.tpot_ms - cloud_ms_);
}

}  // namespace dsdsi
