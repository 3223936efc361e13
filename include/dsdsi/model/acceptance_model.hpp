#pragma once
// How many drafted tokens the target accepts. MODEL.md's default model: each drafted token is
// accepted independently with probability alpha, until the first rejection.
#include <memory>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/random_stream.hpp"

namespace dsdsi {

class AcceptanceModel {
 public:
  virtual ~AcceptanceModel() = default;
  // Draws how many of `positions` drafted tokens are accepted before the first rejection
  // (0..positions). The pipelined protocol asks for gamma+1 positions: the last one is the
  // edge's guess of the target's bonus token.
  virtual int leading_accepted(RandomStream& stream, int positions) const = 0;
  // Expected committed tokens per round, E = sum over k of P(first k accepted), plus one.
  virtual double expected_tokens_per_round(int gamma) const = 0;
};

class BernoulliAcceptance final : public AcceptanceModel {
 public:
  explicit BernoulliAcceptance(double alpha) : alpha_(alpha) {}
  int leading_accepted(RandomStream& stream, int positions) const override;
  double expected_tokens_per_round(int gamma) const override;

 private:
  double alpha_;
};

std::unique_ptr<AcceptanceModel> make_acceptance_model(const AcceptanceParams& params);

}  // namespace dsdsi
