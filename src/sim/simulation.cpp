#include "dsdsi/sim/simulation.hpp"

#include <simgrid/plugins/energy.h>

#include <algorithm>
#include <map>
#include <optional>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Mailbox.hpp>
#include <stdexcept>

#include "dsdsi/config/actor_budget.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/device_memory_param.hpp"
#include "dsdsi/model/arrival_schedule.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/model/jitter_line.hpp"
#include "dsdsi/model/payload.hpp"
#include "dsdsi/model/speculation_policy.hpp"
#include "dsdsi/sim/cloud_verifier.hpp"
#include "dsdsi/sim/edge_client.hpp"
#include "dsdsi/sim/link_states.hpp"
#include "dsdsi/sim/reply_log.hpp"
#include "dsdsi/sim/server_directory.hpp"
#include "dsdsi/sim/sim_clock.hpp"
#include "dsdsi/sim/simgrid_options.hpp"
#include "dsdsi/sim/stack_layout.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

namespace {

// Jitter on each client's connection, one line per direction; null entries without jitter.
struct JitterLines {
  std::vector<std::unique_ptr<JitterLine>> up, down;

  JitterLines(const Scenario& s, std::size_t clients) : up(clients), down(clients) {
    if (!has_jitter(s.network.jitter_ms)) return;
    for (std::size_t c = 0; c < clients; ++c) {
      up[c] = std::make_unique<JitterLine>(s.network.jitter_ms, s.seed, "jitter-up", c);
      down[c] = std::make_unique<JitterLine>(s.network.jitter_ms, s.seed, "jitter-down", c);
    }
  }
  // The client's RTT plus the mean extra delay its messages met each way.
  double mean_rtt_ms(std::size_t client, double rtt_ms) const {
    if (!up[client]) return rtt_ms;
    return rtt_ms + up[client]->mean_extra_ms() + down[client]->mean_extra_ms();
  }
};

// An edge host's clients, and its energy once the last of them has finished: the device's
// energy for serving its requests, not for idling while other devices finish theirs.
struct HostEnergy {
  int clients = 0;
  int running = 0;  // clients not finished yet
  std::optional<double> energy_j;
};

std::map<const sg4::Host*, HostEnergy> edge_host_tallies(const PlatformLayout& layout) {
  std::map<const sg4::Host*, HostEnergy> hosts;
  for (const ClientPlacement& place : layout.clients) {
    HostEnergy& host = hosts[place.host];
    ++host.clients;
    ++host.running;
  }
  return hosts;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const std::vector<std::string>& simgrid_args)
    : scenario_(scenario) {
  // SimGrid's own chatter stays quiet unless the user asks for it with --log=.
  const SimgridOptions options = sort_simgrid_options(simgrid_args);
  std::vector<std::string> args{"dsdsi", "--log=root.thres:critical"};
#ifdef DSDSI_SANITIZER_BUILD
  // ASan mistakes SimGrid's raw context switches for stack overflows; thread contexts give the
  // same outputs and a clean report. A --cfg= on the command line still comes later and wins.
  args.emplace_back("--cfg=contexts/factory:thread");
#endif
  args.insert(args.end(), options.engine_args.begin(), options.engine_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  apply_simgrid_config(options);
  configure_network_model(scenario_.network.model);
  // SimGrid 3.32's lazy network update stops the run with a false "Deadlock detected" when a
  // latency changes while a message is in its latency phase; the full update does not (the
  // message's remaining latency phase then follows the new latency: docs/network.md).
  if (uses_latency_profiles(scenario_)) sg4::Engine::set_config("network/optim:Full");
  // The energy plugin attaches to hosts as they are created: it must come before the platform.
  if (measures_energy(scenario_)) sg_host_energy_plugin_init();
  LinkStates::reset();  // before the platform: building it registers the generated outages
  layout_ = build_platform(*engine_, scenario_);
  network_can_fail_ = dsdsi::network_can_fail(scenario_);
  if (network_can_fail_) LinkStates::record();
  lay_out_stacks(options);
}

void Simulation::lay_out_stacks(const SimgridOptions& options) const {
  const auto servers = static_cast<std::int64_t>(layout_.servers.size());
  if (worst_case_actors(scenario_, servers, network_can_fail_) <= kMaxActorsWithGuardPages) return;
  const auto user_sets = [&](const char* key) {
    return std::any_of(options.config.begin(), options.config.end(),
                       [&](const auto& c) { return c.rfind(key, 0) == 0; });
  };
  if (user_sets("contexts/guard-size:")) return;
  drop_guard_pages();
  // A --cfg=contexts/stack-size on the command line still wins.
  if (!user_sets("contexts/stack-size:")) use_large_fleet_stacks();
}

void Simulation::check_actor_budget() const {
  if (scenario_.platform_file.empty()) return;  // the loader checked the generated star
  const auto servers = static_cast<std::int64_t>(layout_.servers.size());
  const auto problem = actor_budget_problem(scenario_, servers, network_can_fail_);
  if (!problem) return;
  throw ConfigError(
      {scenario_.platform_file + ": " + std::to_string(servers) +
       " cloud hosts and workload.clients = " + std::to_string(scenario_.workload.clients) + ": " +
       *problem + "; use fewer clients or cloud hosts"});
}

std::vector<sg4::Host*> Simulation::server_hosts() const {
  std::vector<sg4::Host*> hosts;
  for (const auto& server : layout_.servers) hosts.push_back(server.host);
  return hosts;
}

Simulation::~Simulation() = default;

PolicyContext Simulation::policy_context(const AcceptanceModel& acceptance) const {
  PolicyContext context;
  context.pipelined = scenario_.mode == DecodingMode::dsd_pipelined;
  const auto one_client = closed_form::inputs_for(scenario_);
  context.cloud_ar_tpot_ms = closed_form::tpot_cloud_ar(one_client);
  // E from the acceptance model, whatever its kind (the closed forms' alpha is bernoulli's).
  context.colocated_tpot_ms =
      (one_client.gamma * one_client.t_dc + one_client.t_v) /
      acceptance.expected_tokens_per_round(static_cast<int>(scenario_.speculation.gamma));
  return context;
}

std::unique_ptr<SpeculationPolicy> Simulation::client_policy(const ClientPlacement& place,
                                                             PolicyContext context) const {
  if (!drafts_on_edge(scenario_.mode)) return nullptr;
  context.draft_ms_per_token = place.draft_ms_per_token;
  return make_speculation_policy(scenario_.speculation, context);
}

EdgeClientSettings Simulation::client_settings(std::size_t client) const {
  EdgeClientSettings settings;
  settings.client = static_cast<std::int64_t>(client);
  settings.mode = scenario_.mode;
  settings.draft_ms_per_token = layout_.clients[client].draft_ms_per_token;
  settings.prefill_ms_per_token = scenario_.edge.prefill_ms_per_token;
  settings.header_bytes = scenario_.network.header_bytes;
  settings.bytes_per_draft_token = payload::bytes_per_draft_token(scenario_.speculation.payload);
  // The memory of the client's class: the single class's, or its `edge.devices` class's.
  const std::string& device_class = layout_.clients[client].device_class;
  const EdgeParams& edge = scenario_.edge;
  DeviceMemory memory = edge.memory;
  for (const DeviceClass& c : edge.devices) {
    if (c.name == device_class) memory = c.memory;
  }
  settings.context_capacity_tokens = context_capacity_tokens(memory);
  settings.network_can_fail = network_can_fail_;
  settings.retry_ms = scenario_.edge.retry_ms;
  settings.decode_locally_on_failure = scenario_.edge.on_failure == kOnFailureLocal;
  settings.timeout_ms = scenario_.edge.timeout_ms;
  settings.computing_is_execution = computing_is_execution(scenario_);
  settings.keep_reply_times = keep_reply_times_;
  if (network_can_fail_) settings.route = route_links(layout_.clients[client].host, server_hosts());
  return settings;
}

double Simulation::run(RecordSink& sink) {
  const auto clients = static_cast<std::size_t>(scenario_.workload.clients);
  // Direct connections where an arrival is a delivery (no jitter) and nothing is lost or given
  // up on: one actor per client. Uplinks: the device hands each upload over itself when it
  // arrives (it waits for it, pipelined DSD while it pre-drafts); elsewhere a CloudReceiver per
  // client and server. Downlinks: replies host to host into each client's inbox; elsewhere
  // through a mailbox per client (none made where unused: a mailbox is SimGrid memory).
  const bool direct = connections_are_direct(scenario_, network_can_fail_);
  std::vector<sg4::Mailbox*> downlinks(clients, nullptr);
  for (std::size_t c = 0; c < clients && !direct; ++c) {
    downlinks[c] = sg4::Mailbox::by_name("down-" + std::to_string(c));
  }
  const JitterLines jitter(scenario_, clients);

  // The cloud: one verifier per server, daemons (the simulation ends when the last client is
  // done), and the directory through which clients reach them.
  ServerDirectory directory(scenario_.cloud.routing, scenario_.seed);
  directory.set_uplink_jitter(&jitter.up);
  directory.set_direct_uplinks(direct);
  ReplyLog replies(downlinks, network_can_fail_);
  std::vector<ReplyInbox> inboxes(direct ? clients : 0);
  if (direct) {
    std::vector<sg4::Host*> hosts;
    for (const ClientPlacement& place : layout_.clients) hosts.push_back(place.host);
    replies.use_inboxes(&inboxes, std::move(hosts));
  }
  directory.set_reply_log(&replies);
  const auto acceptance =
      make_acceptance_model(scenario_.speculation.acceptance, scenario_.workload.clients);
  auto client_acceptance = make_client_acceptance(scenario_.seed, clients);
  std::vector<std::unique_ptr<CloudVerifier>> verifiers;
  if (uses_cloud(scenario_.mode)) {
    for (std::size_t i = 0; i < layout_.servers.size(); ++i) {
      const ServerPlacement& server = layout_.servers[i];
      verifiers.push_back(std::make_unique<CloudVerifier>(scenario_, static_cast<std::int64_t>(i),
                                                          server.speed, sink, directory,
                                                          *acceptance, client_acceptance));
      CloudVerifier* v = verifiers.back().get();
      const sg4::ActorPtr actor =
          sg4::Actor::create("verifier-" + std::to_string(i), server.host, [v] { (*v)(); });
      actor->daemonize();
      directory.add_server(server.host, *v, actor);
    }
  }

  const PolicyContext shared_context = policy_context(*acceptance);
  auto edge_hosts = edge_host_tallies(layout_);
  double makespan_ms = 0;
  // The run's one Poisson process, drawn before any client starts (poisson with rate_per_s).
  std::optional<ArrivalSchedule> schedule;
  const WorkloadParams& workload = scenario_.workload;
  if (workload.arrival.kind == ArrivalKind::poisson && workload.arrival.rate_per_s > 0) {
    schedule.emplace(workload, scenario_.measure.horizon_ms, scenario_.seed);
  }
  std::vector<std::unique_ptr<EdgeClient>> edges;
  for (std::size_t c = 0; c < clients; ++c) {
    const ClientPlacement& place = layout_.clients[c];
    edges.push_back(std::make_unique<EdgeClient>(
        client_settings(c),
        RequestSource(workload, static_cast<std::int64_t>(c), scenario_.seed,
                      scenario_.measure.horizon_ms, schedule ? &*schedule : nullptr),
        client_policy(place, shared_context), verifiers.empty() ? nullptr : &directory,
        downlinks[c], sink, jitter.down[c].get(), direct ? &inboxes[c] : nullptr));
    sg4::Actor::create(
        "client-" + std::to_string(c), place.host,
        [e = edges.back().get(), &makespan_ms, &host = edge_hosts[place.host], h = place.host] {
          (*e)();
          makespan_ms = std::max(makespan_ms, now_ms());
          if (--host.running == 0 && has_wattage(h)) {
            host.energy_j = sg_host_get_consumed_energy(h);
          }
        });
  }
  engine_->run();
  // SimGrid ends a run that can make no progress ("deadlock detected"). That is a bug of the
  // simulator, never a result: refuse to report numbers for requests that never finished.
  const auto unfinished =
      std::count_if(edges.begin(), edges.end(), [](const auto& e) { return !e->finished(); });
  if (unfinished > 0) {
    throw std::logic_error("simulation stopped with " + std::to_string(unfinished) + " of " +
                           std::to_string(edges.size()) +
                           " clients unfinished (SimGrid found no event left to run)");
  }

  for (std::size_t i = 0; i < verifiers.size(); ++i) {
    const sg4::Host* host = layout_.servers[i].host;
    ServerRecord record =
        verifiers[i]->stats().record(static_cast<std::int64_t>(i), host->get_name(), makespan_ms);
    if (has_wattage(host)) record.energy_j = sg_host_get_consumed_energy(host);
    sink.on_server(record);
  }
  for (std::size_t c = 0; c < clients; ++c) {
    const ClientPlacement& place = layout_.clients[c];
    ClientRecord record;
    record.client = static_cast<std::int64_t>(c);
    record.host = place.host->get_name();
    record.device_class = place.device_class;
    record.draft_ms_per_token = place.draft_ms_per_token;
    record.rtt_ms = place.rtt_ms;
    record.mean_rtt_ms = jitter.mean_rtt_ms(c, place.rtt_ms);
    const HostEnergy& host = edge_hosts.at(place.host);
    if (host.energy_j) record.edge_energy_j = *host.energy_j / static_cast<double>(host.clients);
    record.network_can_fail = network_can_fail_;
    if (network_can_fail_) {
      record.outages =
          LinkStates::down_periods(route_links(place.host, server_hosts()), makespan_ms);
      for (const auto& [from, to] : record.outages) record.outage_ms += to - from;
    }
    sink.on_client(record);
  }
  return makespan_ms;
}

}  // namespace dsdsi
