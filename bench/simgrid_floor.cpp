// What SimGrid 3.32 itself costs per decoding round, with none of dsdsi's model: a benchmark (not
// a test) of what SimGrid's actors, sleeps and transfers cost for the rounds of synchronous DSD,
// whatever simulator drives them. Each client is an actor on its own host behind its own WAN link
// (the generated star platform's shape) and repeats a round made of the engine operations a round
// cannot do without, cumulatively by `--shape`:
//   sleep        drafting: one sleep
//   upload       + the window's upload: a send to a mailbox whose permanent receiver is the
//                  server's actor, waited for (how dsdsi uploads)
//   reply        + the verdict's download: a host-to-host transfer from the server, waited for
//                  (how dsdsi sends replies)
// There is no verifier: the server's actor only owns the mailboxes. dsdsi's round does all of
// `reply` plus the verifier's share of a batch (a sleep or an execution per batch), one more
// wake-up per reply (the device waits for its reply to be posted, then for it to arrive) and its
// own bookkeeping; here the client starts its reply itself (one more engine call than dsdsi's
// device, whose verifier starts it). So `reply` is what SimGrid spends on a round's operations
// alone, to set dsdsi's speed against at the same number of clients and transfers in flight, not
// a strict bound. (Link bandwidth only sets transfer times, not their cost.)
//
// Prints one line: shape, clients, rounds, CPU seconds (user + system of this process, set-up
// included), rounds per CPU second, peak resident memory. docs/performance.md has the command
// and the figures.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <simgrid/s4u.hpp>
#include <string>
#include <vector>

#include "dsdsi/config/actor_budget.hpp"
#include "dsdsi/config/limits.hpp"
#include "dsdsi/sim/platform_layout.hpp"
#include "dsdsi/sim/stack_layout.hpp"

namespace sg4 = simgrid::s4u;

namespace {

enum class Shape { sleep, upload, reply };

struct Settings {
  Shape shape = Shape::reply;
  std::int64_t clients = 10000;
  std::int64_t rounds = 100;
  double draft_s = 0.020;         // gamma 4 at 5 ms per token
  double one_way_s = 0.010;       // RTT 20 ms
  double mbps = 1000;             // WAN link, both directions
  std::uint64_t up_bytes = 96;    // a window of 4 tokens and a header
  std::uint64_t down_bytes = 64;  // a verdict
};

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

// The generated platform's shape: a star, the server behind a fast link, each client's host
// behind a split-duplex link carrying half its RTT as latency.
std::vector<sg4::Host*> build_star(const Settings& s, sg4::Host** server) {
  auto* zone = sg4::create_star_zone("wan");
  *server = zone->create_host("cloud", 1e9)->seal();
  const sg4::Link* cloud_link =
      zone->create_split_duplex_link("cloud-link", 100e9 / 8)->set_latency(0)->seal();
  zone->add_route((*server)->get_netpoint(), nullptr, nullptr, nullptr,
                  {{cloud_link, sg4::LinkInRoute::Direction::UP}}, true);
  std::vector<sg4::Host*> hosts;
  for (std::int64_t c = 0; c < s.clients; ++c) {
    const std::string name = "edge-" + std::to_string(c);
    sg4::Host* host = zone->create_host(name, 1e9)->seal();
    auto* link = zone->create_split_duplex_link(name + "-wan", s.mbps * 1e6 / 8);
    link->set_latency(s.one_way_s);
    link->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr,
                    {{link, sg4::LinkInRoute::Direction::UP}}, true);
    hosts.push_back(host);
  }
  zone->seal();
  return hosts;
}

// One client: `rounds` rounds of the chosen shape.
void run_client(const Settings& s, std::int64_t c, sg4::Host* server, const sg4::ActorPtr& owner,
                std::int64_t& done) {
  sg4::Mailbox* up = sg4::Mailbox::by_name("up-" + std::to_string(c));
  up->set_receiver(owner);
  sg4::Host* me = sg4::this_actor::get_host();
  // Clients out of step, as in a real run (acceptance, think times and batching spread them):
  // drafting takes 0.5x to 1.5x the mean, a fixed factor per client (a multiplicative hash of
  // its index; client 0 gets 0.5x).
  const auto spread =
      static_cast<double>((static_cast<std::uint64_t>(c) * 2654435761U) % 1000) / 1000.0;
  const double draft_s = s.draft_s * (0.5 + spread);
  for (std::int64_t r = 0; r < s.rounds; ++r) {
    sg4::this_actor::sleep_for(draft_s);
    if (s.shape != Shape::sleep) {
      up->put_async(&done, s.up_bytes)->wait();
      up->clear();  // nobody receives: drop the arrived transfer, as dsdsi does
    }
    if (s.shape == Shape::reply) sg4::Comm::sendto(server, me, s.down_bytes);
    ++done;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  CLI::App app{"SimGrid's own cost per decoding round (a floor under dsdsi's)"};
  std::string shape = "reply";
  app.add_option("--shape", shape, "sleep | upload | reply (each adds to the one before)")
      ->check(CLI::IsMember({"sleep", "upload", "reply"}));
  app.add_option("--clients", s.clients, "actors, one host and link each")
      ->check(CLI::Range(std::int64_t{1}, dsdsi::limits::kMaxClients));
  app.add_option("--rounds", s.rounds, "rounds per client")->check(CLI::Range(1, 1000000));
  double draft_ms = s.draft_s * 1e3;
  double rtt_ms = s.one_way_s * 2e3;
  app.add_option("--draft-ms", draft_ms, "mean drafting time per round")
      ->check(CLI::PositiveNumber);
  app.add_option("--rtt-ms", rtt_ms, "round-trip latency of each client's link")
      ->check(CLI::NonNegativeNumber);
  CLI11_PARSE(app, argc, argv);
  s.shape = shape == "sleep" ? Shape::sleep : shape == "upload" ? Shape::upload : Shape::reply;
  s.draft_s = draft_ms * 1e-3;
  s.one_way_s = rtt_ms / 2 * 1e-3;

  int sg_argc = 2;
  std::string name = "simgrid_floor";
  std::string quiet = "--log=root.thresh:critical";
  char* sg_argv[] = {name.data(), quiet.data(), nullptr};
  sg4::Engine engine(&sg_argc, sg_argv);
  // dsdsi's default network model and its stack layout for large fleets (the server's actor and
  // one per client).
  dsdsi::configure_network_model(dsdsi::NetworkModel::exact);
  if (s.clients + 1 > dsdsi::kMaxActorsWithGuardPages) {
    dsdsi::drop_guard_pages();
    dsdsi::use_large_fleet_stacks();
  }

  sg4::Host* server = nullptr;
  const std::vector<sg4::Host*> hosts = build_star(s, &server);
  // Owns the mailboxes (their permanent receiver); never runs past its start.
  const sg4::ActorPtr owner =
      sg4::Actor::create("server", server, [] { sg4::Semaphore::create(0)->acquire(); });
  owner->daemonize();

  std::int64_t done = 0;
  for (std::int64_t c = 0; c < s.clients; ++c) {
    sg4::Actor::create("client-" + std::to_string(c), hosts[static_cast<std::size_t>(c)],
                       [&s, &done, c, server, owner] { run_client(s, c, server, owner, done); });
  }
  engine.run();
  const double cpu = cpu_seconds();
  std::printf(
      "shape %s clients %lld rounds %lld cpu_s %.2f rounds_per_cpu_s %.0f peak_mib %.0f "
      "simulated_s %.6f\n",
      shape.c_str(), static_cast<long long>(s.clients), static_cast<long long>(done), cpu,
      static_cast<double>(done) / cpu, peak_mib(), sg4::Engine::get_clock());
  return done == s.clients * s.rounds ? 0 : 1;
}
