#include "dsdsi/sim/simulation.hpp"

#include <algorithm>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include "dsdsi/sim/cloud_receiver.hpp"
#include "dsdsi/sim/cloud_verifier.hpp"
#include "dsdsi/sim/edge_client.hpp"
#include "dsdsi/sim/sim_clock.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;

Simulation::Simulation(const Scenario& scenario, const std::vector<std::string>& simgrid_args)
    : scenario_(scenario) {
  // SimGrid's own chatter stays quiet unless the user asks for it with --log=.
  std::vector<std::string> args{"dsdsi", "--log=root.thres:critical"};
  args.insert(args.end(), simgrid_args.begin(), simgrid_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  argv.push_back(nullptr);
  engine_ = std::make_unique<sg4::Engine>(&argc, argv.data());
  configure_network_model(scenario_.network.model);
  layout_ = build_platform(*engine_, scenario_);
}

Simulation::~Simulation() = default;

double Simulation::run(RecordSink& sink) {
  const auto clients = static_cast<std::size_t>(scenario_.workload.clients);
  std::vector<sg4::Mailbox*> uplinks, downlinks;
  for (std::size_t c = 0; c < clients; ++c) {
    uplinks.push_back(sg4::Mailbox::by_name("up-" + std::to_string(c)));
    downlinks.push_back(sg4::Mailbox::by_name("down-" + std::to_string(c)));
  }

  std::unique_ptr<CloudVerifier> verifier;
  if (uses_cloud(scenario_.mode)) {
    verifier = std::make_unique<CloudVerifier>(scenario_, downlinks, sink);
    // The cloud actors are daemons: the simulation ends when the last client is done.
    sg4::Actor::create("verifier", layout_.cloud, [v = verifier.get()] { (*v)(); })->daemonize();
    for (std::size_t c = 0; c < clients; ++c) {
      CloudReceiver receiver(static_cast<std::int64_t>(c), uplinks[c], verifier->queue());
      sg4::Actor::create("receiver-" + std::to_string(c), layout_.cloud, receiver)->daemonize();
    }
  }

  double makespan_ms = 0;
  std::vector<std::unique_ptr<EdgeClient>> edges;
  for (std::size_t c = 0; c < clients; ++c) {
    const ClientPlacement& place = layout_.clients[c];
    EdgeClientSettings settings;
    settings.client = static_cast<std::int64_t>(c);
    settings.mode = scenario_.mode;
    settings.gamma = scenario_.speculation.gamma;
    settings.draft_ms_per_token = place.draft_ms_per_token;
    settings.prefill_ms_per_token = scenario_.edge.prefill_ms_per_token;
    settings.workload = scenario_.workload;
    settings.header_bytes = scenario_.network.header_bytes;
    edges.push_back(std::make_unique<EdgeClient>(settings, uplinks[c], downlinks[c], sink));
    sg4::Actor::create("client-" + std::to_string(c), place.host,
                       [e = edges.back().get(), &makespan_ms] {
                         (*e)();
                         makespan_ms = std::max(makespan_ms, now_ms());
                       });
  }
  engine_->run();
  return makespan_ms;
}

}  // namespace dsdsi
