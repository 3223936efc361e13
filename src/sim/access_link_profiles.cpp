#include "dsdsi/sim/access_link_profiles.hpp"

#include <cmath>
#include <memory>
#include <simgrid/kernel/ProfileBuilder.hpp>
#include <string>

#include "dsdsi/model/random_stream.hpp"
#include "dsdsi/sim/link_states.hpp"

namespace dsdsi {

namespace sg4 = simgrid::s4u;
namespace profile = simgrid::kernel::profile;

namespace {

// An exponential draw of mean `mean` (inversion; 1 - u is in (0, 1], so the log is finite).
double exponential(RandomStream& stream, double mean) {
  return -mean * std::log(1.0 - stream.uniform01());
}

profile::Profile* shifted(const Profile& trace, double offset_s, const std::string& name) {
  return profile::ProfileBuilder::from_string(name, profile_text(shifted_profile(trace, offset_s)),
                                              -1);
}

}  // namespace

double trace_offset_s(const Scenario& s, std::int64_t client) {
  const NetworkTrace& trace = s.network.trace;
  if (trace.offset_s) return *trace.offset_s;
  RandomStream stream(s.seed, "trace_offset", static_cast<std::uint64_t>(client));
  return stream.uniform01() * trace.bandwidth.period_s;
}

void attach_access_profiles(const Scenario& s, std::int64_t client, sg4::SplitDuplexLink* link) {
  const std::string name = "edge-" + std::to_string(client) + "-wan";
  sg4::Link* up = link->get_link_up();
  sg4::Link* down = link->get_link_down();
  const NetworkTrace& trace = s.network.trace;
  if (trace.given()) {
    const double offset = trace_offset_s(s, client);
    // One profile object may serve several links (one name may be defined only once).
    profile::Profile* bandwidth = shifted(trace.bandwidth, offset, name + "-bandwidth");
    const double first = trace.bandwidth.value_at(offset);
    up->set_bandwidth(first)->set_bandwidth_profile(bandwidth);
    down->set_bandwidth(first)->set_bandwidth_profile(bandwidth);
    if (!trace.latency.points.empty()) {
      profile::Profile* latency = shifted(trace.latency, offset, name + "-latency");
      link->set_latency(trace.latency.value_at(offset));
      up->set_latency_profile(latency);
      down->set_latency_profile(latency);
    }
  }
  if (s.network.outages.given()) {
    const OutageParams outages = s.network.outages;
    auto stream =
        std::make_shared<RandomStream>(s.seed, "outages", static_cast<std::uint64_t>(client));
    // The outages' durations as drawn, for LinkStates to know when an outage ends.
    auto downs = std::make_shared<std::vector<double>>();
    LinkStates::expect_outages(up, downs);
    LinkStates::expect_outages(down, downs);
    // Each call appends one up period (ending with the link off) and one outage (ending with it
    // on again); dates are gaps from the previous change, as SimGrid's profiles keep them.
    auto next_cycle = [stream, outages, downs](std::vector<profile::DatedValue>& values) {
      values.emplace_back(exponential(*stream, outages.mean_up_s), 0.0);
      const double down_s = exponential(*stream, outages.mean_down_s);
      values.emplace_back(down_s, 1.0);
      downs->push_back(down_s);
    };
    profile::Profile* state =
        profile::ProfileBuilder::from_callback(name + "-state", next_cycle, -1);
    up->set_state_profile(state);
    down->set_state_profile(state);
  }
}

}  // namespace dsdsi
