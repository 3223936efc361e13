#pragma once
// One simulation: a SimGrid engine, the platform, the actors. SimGrid allows one engine per
// process, so a process builds at most one Simulation.
#include <memory>
#include <simgrid/s4u/Engine.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/scenario.hpp"
#include "dsdsi/metrics/records.hpp"
#include "dsdsi/model/acceptance_model.hpp"
#include "dsdsi/model/speculation_policy.hpp"
#include "dsdsi/sim/edge_client.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "dsdsi/sim/simgrid_options.hpp"

namespace dsdsi {

class Simulation {
 public:
  // Creates the engine (handing it only SimGrid's own --cfg=/--log= arguments) and builds the
  // platform. Throws ConfigError for a bad platform file.
  Simulation(const Scenario& scenario, const std::vector<std::string>& simgrid_args);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const PlatformLayout& layout() const { return layout_; }

  // Throws ConfigError when a platform file's cloud hosts let the run need more SimGrid actors
  // than one run may start (config/actor_budget.hpp; the loader checks the generated star).
  // Call it before run(): the run and validate commands do, before writing anything;
  // inspecting a platform, which starts no actor, does not.
  void check_actor_budget() const;
  // Whether some link of the platform can go off (outages, a state_file).
  bool network_can_fail() const { return network_can_fail_; }

  // Whether each request record lists when each of its replies arrived and what it brought
  // (RequestRecord::reply_ms, reply_tokens: the radio's downlink transfers, the timeline's
  // tokens as delivered). On by default; `run` turns it off when no sink reads them (16 bytes
  // per round of every request in progress).
  void keep_reply_times(bool keep) { keep_reply_times_ = keep; }

  // Runs to completion, streaming records into `sink`; returns the makespan in ms (the time
  // the last request finished). Call once.
  double run(RecordSink& sink);

 private:
  // Actor stacks without guard pages when the run could start more actors than guard pages
  // allow (config/actor_budget.hpp), unless the command line chose contexts/guard-size.
  void lay_out_stacks(const SimgridOptions& options) const;
  EdgeClientSettings client_settings(std::size_t client) const;
  // What every client's policy is told alike: the mode and the cloud-side priors.
  PolicyContext policy_context(const AcceptanceModel& acceptance) const;
  // The client's speculation policy, from `context` and its own device; null in the modes
  // without edge drafting.
  std::unique_ptr<SpeculationPolicy> client_policy(const ClientPlacement& place,
                                                   PolicyContext context) const;

  Scenario scenario_;
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  PlatformLayout layout_;
  bool keep_reply_times_ = true;
  bool network_can_fail_ = false;  // some link can go off: clients use ReliableLink's retries
  std::vector<simgrid::s4u::Host*> server_hosts() const;
};

}  // namespace dsdsi
