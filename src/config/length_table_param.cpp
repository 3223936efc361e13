#include "dsdsi/config/length_table_param.hpp"

#include <algorithm>
#include <string>

#include "dsdsi/model/length_table_fit.hpp"

namespace dsdsi {

using nlohmann::json;

namespace {

// "1".."256" exactly (no sign, no leading zero, no spaces): the gamma a key names, or 0.
int gamma_of_key(const std::string& key) {
  if (key.empty() || key.size() > 3 || key[0] == '0') return 0;
  if (!std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
  const int gamma = std::stoi(key);
  return gamma <= kLengthTableMaxGamma ? gamma : 0;
}

}  // namespace

std::vector<NestedProblem> check_mean_length(const json& value, json& stored) {
  std::vector<NestedProblem> problems;
  std::vector<double> lengths(value.size(), 0.0);
  for (const auto& [key, length] : value.items()) {
    const int gamma = gamma_of_key(key);
    if (gamma == 0) {
      problems.push_back({{key},
                          "must be a gamma from 1 to " + std::to_string(kLengthTableMaxGamma) +
                              ", as a string: \"1\""});
      continue;
    }
    if (!length.is_number()) {
      problems.push_back(
          {{key}, "must be a number (the mean accepted length, >= 1), got " + length.dump()});
      continue;
    }
    if (static_cast<std::size_t>(gamma) > value.size()) {
      problems.push_back(
          {{key},
           "gamma " + key + " leaves a gap: the table has " + std::to_string(value.size()) +
               " entries, so its keys must be \"1\" to \"" + std::to_string(value.size()) + "\""});
      continue;
    }
    lengths[gamma - 1] = length.get<double>();
  }
  if (value.empty()) problems.push_back({{}, "must give at least gamma \"1\""});
  if (!problems.empty()) return problems;
  const LengthTableFit fit = fit_length_table(lengths);
  if (fit.problem) {
    problems.push_back({{std::to_string(fit.problem->first)}, fit.problem->second});
    return problems;
  }
  stored = {{"mean_length", value}, {"alphas", fit.alphas}};
  return problems;
}

void store_mean_length(Scenario& s, const json& stored) {
  s.speculation.acceptance.alphas = stored.at("alphas").get<std::vector<double>>();
  s.speculation.acceptance.mean_length.clear();
  for (std::size_t g = 1; g <= s.speculation.acceptance.alphas.size(); ++g) {
    s.speculation.acceptance.mean_length.push_back(
        stored.at("mean_length").at(std::to_string(g)).get<double>());
  }
}

void check_length_table_covers_gamma(const Scenario& s, ProblemList& problems) {
  const AcceptanceParams& acceptance = s.speculation.acceptance;
  if (acceptance.kind != AcceptanceKind::length_table || acceptance.mean_length.empty()) return;
  const auto largest = static_cast<std::int64_t>(acceptance.mean_length.size());
  const bool adaptive = s.speculation.policy.kind != PolicyKind::fixed;
  const std::int64_t window = adaptive
                                  ? std::max(s.speculation.gamma, s.speculation.policy.gamma_max)
                                  : s.speculation.gamma;
  if (window <= largest) return;
  problems.add(
      adaptive ? KeyPath{"speculation", "policy", "gamma_max"} : KeyPath{"speculation", "gamma"},
      "is " + std::to_string(window) +
          ", but speculation.acceptance.mean_length gives the mean length only up to "
          "gamma " +
          std::to_string(largest) +
          ": the table says nothing about longer windows; add its values or use a "
          "shorter window");
}

}  // namespace dsdsi
