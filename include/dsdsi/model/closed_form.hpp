#pragma once
// docs/model.md's closed forms: steady-state per-token time of each mode for one client with no
// queueing, and the derived quantities (break-even RTT, optimal gamma, capacity). The
// simulator's tests check simulated numbers against these.
#include <optional>
#include <string>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/model/decoding_mode.hpp"

namespace dsdsi::closed_form {

// E = (1 - alpha^(gamma+1)) / (1 - alpha); gamma + 1 at alpha = 1.
double expected_tokens_per_round(double alpha, int gamma);

struct Inputs {
  double alpha = 0;
  int gamma = 0;
  double t_de = 0;  // edge draft step, ms per token
  double t_dc = 0;  // co-located (cloud) draft step, ms per token
  double t_v = 0;   // verify step, ms
  double t_ar = 0;  // target autoregressive step, ms
  double rtt = 0;   // ms
  double ser = 0;   // serialisation of one round's up and down messages, ms
};

double tpot_cloud_ar(const Inputs& in);
double tpot_colocated_sd(const Inputs& in);
double tpot_dsd_sync(const Inputs& in);
double tpot_dsd_pipelined(const Inputs& in);
double tpot_edge_ar(const Inputs& in);
double tpot(DecodingMode mode, const Inputs& in);

// The RTT below which synchronous DSD beats cloud AR per token: E t_ar - t_v - gamma t_de - ser.
// nullopt when no RTT >= 0 makes DSD win ("never" in Table III).
std::optional<double> break_even_rtt(const Inputs& in);

// argmax over gamma in [1, gamma_max] of E(gamma) / (gamma t_de + RTT + t_v + ser(gamma)), with
// ser taken as 0 (docs/model.md's form). Ties go to the smaller gamma.
int optimal_gamma_sync(double alpha, double t_de, double rtt, double t_v, int gamma_max);

// Clients a saturated serial verifier sustains in DSD per client it sustains in co-located SD.
double capacity_ratio(const Inputs& in);

// Serialisation time in ms of `bytes` at `mbps` megabits per second.
double serialisation_ms(double bytes, double mbps);

// Why a scenario's parameters do not map onto the closed forms' (a platform file: one RTT per
// client; an acceptance model other than bernoulli: no single alpha; an adaptive speculation
// policy: no single gamma), or nullopt when they do. Queueing is not a reason: the closed forms
// are then the no-queueing prediction that the simulation is compared with.
std::optional<std::string> not_applicable(const Scenario& scenario);

// The closed-form inputs of a scenario on the generated star platform (one client, round of
// full gamma): ser from the payload sizes and the bottleneck bandwidth of each direction.
Inputs inputs_for(const Scenario& scenario);

}  // namespace dsdsi::closed_form
