// `dsdsi analyze` on a platform file: each edge host's route gives its clients one RTT, one
// bottleneck bandwidth each way and one draft speed, so the one-client closed forms apply per
// edge host. The platform is loaded exactly as a run loads it (a Simulation that never runs),
// and its routes are read as `dsdsi platform inspect` reads them.
#include <cstdio>
#include <limits>

#include "dsdsi/cli/analyze_output.hpp"
#include "dsdsi/cli/platform_inspection.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/model/closed_form.hpp"
#include "dsdsi/sim/simulation.hpp"

namespace dsdsi::cli {
namespace {

namespace cf = closed_form;
using nlohmann::ordered_json;

// Enough clients that the first ones name every edge host in document order (build_platform()
// places them round-robin), as `platform inspect` does.
constexpr std::int64_t kClientsToPlaceForRoutes = std::int64_t{1} << 16;

struct HostAnalysis {
  const HostFacts* host;
  std::int64_t clients;  // of the scenario's clients, how many this host carries
  std::optional<cf::Analysis> analysis;
  std::string not_applicable;  // why not, when analysis is empty
};

// The scenario as a generated one-client link with this host's route.
Scenario as_generated_link(const Scenario& s, const HostFacts& host,
                           const ClientPlacement& first_client) {
  Scenario link = s;
  link.platform_file.clear();
  link.network.rtt_ms = DistributionSpec::fixed_at(host.rtt_ms);
  link.network.uplink_mbps = host.up.bottleneck_mbps;
  link.network.downlink_mbps = host.down.bottleneck_mbps;
  link.network.cloud_link_gbps = std::numeric_limits<double>::infinity();  // in the bottleneck
  link.network.shared_uplink = SharedUplink{};
  link.edge.devices.clear();
  link.edge.draft = LatencySpec{};
  link.edge.draft.ms = first_client.draft_ms_per_token;
  link.workload.clients = 1;
  return link;
}

void print_table(const std::string& file, const Scenario& s,
                 const std::vector<HostAnalysis>& hosts) {
  std::printf(
      "dsdsi analyze %s: the closed forms of docs/model.md per edge host's route of %s\n"
      "(one client alone on the route, steady state, no queueing; RTT and bandwidths are the "
      "route's)\n",
      file.c_str(), s.platform_file.c_str());
  std::printf("%-16s %7s %9s %9s %9s %7s %9s %9s %9s %9s %9s  %s\n", "edge host", "clients",
              "RTT ms", "up Mb/s", "down Mb/s", "t_de", "cloud_ar", "coloc_sd", "dsd_sync",
              "dsd_pipe", "edge_ar", "dsd_sync beats cloud_ar");
  for (const auto& h : hosts) {
    std::printf("%-16s %7lld %9.3f %9.3g %9.3g ", h.host->name.c_str(),
                static_cast<long long>(h.clients), h.host->rtt_ms, h.host->up.bottleneck_mbps,
                h.host->down.bottleneck_mbps);
    if (!h.analysis) {
      std::printf("closed forms do not apply: %s\n", h.not_applicable.c_str());
      continue;
    }
    const auto& a = *h.analysis;
    std::printf("%7.3g", a.inputs.t_de);
    for (const auto mode :
         {DecodingMode::cloud_ar, DecodingMode::colocated_sd, DecodingMode::dsd_sync,
          DecodingMode::dsd_pipelined, DecodingMode::edge_ar}) {
      std::printf(" %9.3f", a.tpot_ms.at(mode));
    }
    std::printf("  %s\n", break_even_text(a.sync_beats_cloud_ar_below_rtt_ms).c_str());
  }
  std::printf("per-token times in ms; `dsdsi analyze --json` gives every closed form per host\n");
  if (s.workload.clients > 1) {
    std::printf(
        "note: %lld clients share the verifier: queueing and batching make simulated times "
        "longer than these one-client forms\n",
        static_cast<long long>(s.workload.clients));
  }
}

}  // namespace

int analyze_platform_routes(const std::string& scenario_file, const Scenario& scenario, bool json,
                            const std::vector<std::string>& simgrid_args) {
  Scenario placed = scenario;
  placed.workload.clients = kClientsToPlaceForRoutes;
  const Simulation simulation(placed, simgrid_args);
  const PlatformLayout& layout = simulation.layout();
  const PlatformFacts facts = inspect_platform(scenario.platform_file, layout);
  const auto edge_hosts = static_cast<std::int64_t>(facts.edges.size());

  std::vector<HostAnalysis> hosts;
  for (std::int64_t e = 0; e < edge_hosts; ++e) {
    const HostFacts& host = facts.edges[static_cast<std::size_t>(e)];
    // Client c goes to edge host c % edge_hosts.
    const std::int64_t clients =
        scenario.workload.clients / edge_hosts + (e < scenario.workload.clients % edge_hosts);
    HostAnalysis h{&host, clients, std::nullopt, ""};
    const Scenario link = as_generated_link(scenario, host, layout.clients[e]);
    if (const auto reason = cf::not_applicable(link)) {
      h.not_applicable = *reason;
    } else {
      h.analysis = cf::analyze(cf::inputs_for(link));
    }
    hosts.push_back(std::move(h));
  }

  if (!json) {
    print_table(scenario_file, scenario, hosts);
    return 0;
  }
  ordered_json out;
  out["platform"] = scenario.platform_file;
  out["edge_hosts"] = ordered_json::array();
  for (const auto& h : hosts) {
    ordered_json entry = {{"host", h.host->name},
                          {"device_class", h.host->device_class},
                          {"clients", h.clients},
                          {"rtt_ms", h.host->rtt_ms},
                          {"uplink_bottleneck_mbps", h.host->up.bottleneck_mbps},
                          {"downlink_bottleneck_mbps", h.host->down.bottleneck_mbps}};
    if (h.analysis) {
      entry["closed_forms"] = analysis_json(*h.analysis);
    } else {
      entry["closed_forms"] = nullptr;
      entry["not_applicable"] = h.not_applicable;
    }
    out["edge_hosts"].push_back(std::move(entry));
  }
  std::puts(out.dump(2).c_str());
  return 0;
}

}  // namespace dsdsi::cli
