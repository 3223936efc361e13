#pragma once
// How many drafted tokens the target accepts. Every model is "position i of a window is
// accepted with probability alpha_i, independently, until the first rejection" (docs/model.md's
// default model has alpha_i = alpha); the models differ in where the alphas come from:
//   bernoulli   one alpha for everything;
//   positional  alpha_i by position (a list, or alpha0 x decay^i);
//   beta        each request draws its own alpha ~ Beta(a, b), as prompts differ;
//   trace       each request replays a record (an alpha, or alphas by position) from a file.
#include <cstdint>
#include <memory>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

// The acceptance of one request.
class RequestAcceptance {
 public:
  // alphas[i]: probability that position i is accepted; the last value repeats beyond the end.
  explicit RequestAcceptance(std::vector<double> alphas);
  static RequestAcceptance from_record(const RequestAcceptanceRecord& record);
  // Draws how many of `positions` drafted tokens are accepted before the first rejection
  // (0..positions). The pipelined protocol asks for gamma+1 positions: the last one is the
  // edge's guess of the target's bonus token. One uniform per position.
  int leading_accepted(RandomStream& stream, int positions) const;
  // E = 1 + sum over k = 1..gamma of alpha_0 x ... x alpha_(k-1).
  double expected_tokens_per_round(int gamma) const;

 private:
  double alpha(int position) const;
  std::vector<double> alphas_;
};

class AcceptanceModel {
 public:
  virtual ~AcceptanceModel() = default;
  // The acceptance of a client's request. `stream` is the client's own acceptance stream (a beta
  // model draws the request's alpha from it).
  virtual RequestAcceptance for_request(RandomStream& stream, std::int64_t client,
                                        std::int64_t request) const = 0;
  // The expected tokens_per_round_mean of a run at this gamma (committed tokens over rounds).
  // For models whose requests differ, this is the round-weighted mean: with requests of equal
  // length, a request of E tokens per round takes 1/E rounds per token, so the run's mean is the
  // harmonic mean of the requests' E.
  virtual double expected_tokens_per_round(int gamma) const = 0;
};

std::unique_ptr<AcceptanceModel> make_acceptance_model(const AcceptanceParams& params,
                                                       std::int64_t clients);

}  // namespace dsdsi
