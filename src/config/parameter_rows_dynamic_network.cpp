// The scenario schema's rows for a network that changes and fails (docs/network.md):
// `network.trace.*` and `network.outages.*` on the generated star, and what devices do when a
// message is lost (`edge.resilience.*`).
#include "dsdsi/config/limits.hpp"
#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/platform_path.hpp"
#include "dsdsi/config/profile_file.hpp"
#include "parameter_rows.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

const char* const kPlatformGivesProfiles =
    "the platform file defines the network (give its links bandwidth_file, latency_file, "
    "state_file)";

// Longest period, offset or mean up/down time: about 11.6 days.
constexpr double kMaxSeconds = 1e6;

json profile_json(const Profile& p) {
  json points = json::array();
  for (const auto& point : p.points) points.push_back({point.date_s, point.value});
  return {{"period_s", p.period_s}, {"points", points}};
}

Profile profile_of(const json& stored) {
  Profile p;
  p.period_s = stored.at("period_s").get<double>();
  for (const auto& point : stored.at("points")) {
    p.points.push_back({point.at(0).get<double>(), point.at(1).get<double>()});
  }
  p.min_value = p.max_value = p.points.front().value;
  for (const auto& point : p.points) {
    p.min_value = std::min(p.min_value, point.value);
    p.max_value = std::max(p.max_value, point.value);
  }
  return p;
}

// Reads a trace file when the scenario is loaded: a bad file is refused with its line.
FinishFn read_trace(ProfileQuantity quantity) {
  return [quantity](const json& value, json& stored) {
    const std::string file = value.get<std::string>();
    ProfileRead read = read_profile_file(file, quantity);
    std::vector<NestedProblem> problems;
    for (const auto& problem : read.problems) problems.push_back({{}, problem});
    if (problems.empty() && !read.profile.repeats()) {
      problems.push_back({{},
                          file + ": a network trace must repeat (end it with PERIODICITY p "
                                 "or LOOPAFTER d): each client starts at its own offset "
                                 "into the loop"});
    }
    stored = {{"file", file}};
    if (problems.empty()) stored["profile"] = profile_json(read.profile);
    return problems;
  };
}

}  // namespace

std::vector<ParamSpec> dynamic_network_rows() {
  using S = Scenario;
  return {
      Param::string("network.trace.bandwidth_file",
                    "Bandwidth trace (SimGrid profile: `DATE VALUE` lines, DATE in s, VALUE in "
                    "**bytes/s**, ending with PERIODICITY or LOOPAFTER) applied to every "
                    "client's access link, both directions; it replaces `uplink_mbps` and "
                    "`downlink_mbps` (docs/network.md).")
          .optional()
          .values_note("path to a readable profile file, looked for like `platform`")
          .only_when_absent("platform", kPlatformGivesProfiles)
          .resolve_with(resolve_input_file)
          .finish_with(read_trace(ProfileQuantity::bandwidth))
          .store_with([](Scenario& s, const json& stored) {
            s.network.trace.bandwidth_file = stored.at("file").get<std::string>();
            s.network.trace.bandwidth = profile_of(stored.at("profile"));
          }),
      Param::string("network.trace.latency_file",
                    "Latency trace (one-way latency in **seconds**, same format) on every "
                    "client's access link, replacing its RTT / 2; with `bandwidth_file`.")
          .optional()
          .values_note("path to a readable profile file, looked for like `platform`")
          .only_when_absent("platform", kPlatformGivesProfiles)
          .resolve_with(resolve_input_file)
          .finish_with(read_trace(ProfileQuantity::latency))
          .store_with([](Scenario& s, const json& stored) {
            s.network.trace.latency_file = stored.at("file").get<std::string>();
            s.network.trace.latency = profile_of(stored.at("profile"));
          }),
      Param::number("network.trace.offset_s", "s",
                    "Where every client starts in the looping trace (0: all in phase). Absent: "
                    "each client starts at its own random offset, drawn from its own stream.")
          .optional()
          .at_least(0)
          .at_most(kMaxSeconds)
          .only_when_absent("platform", kPlatformGivesProfiles)
          .store_with([](Scenario& s, const json& value) {
            s.network.trace.offset_s = value.get<double>();
          }),
      Param::number("network.outages.mean_up_s", "s",
                    "Mean time each client's access link stays up between outages "
                    "(exponential, from the client's own stream); with `mean_down_s`. Absent: "
                    "no outages.")
          .optional()
          .at_least(1e-3)
          .at_most(kMaxSeconds)
          .only_when_absent("platform", kPlatformGivesProfiles)
          .store(&S::network, &NetworkParams::outages, &OutageParams::mean_up_s),
      Param::number("network.outages.mean_down_s", "s",
                    "Mean length of an outage of a client's access link (exponential): the link "
                    "is off both ways and messages crossing it fail.")
          .optional()
          .at_least(1e-3)
          .at_most(kMaxSeconds)
          .only_when_absent("platform", kPlatformGivesProfiles)
          .store(&S::network, &NetworkParams::outages, &OutageParams::mean_down_s),
      Param::choice("edge.resilience.on_failure",
                    "What a device does when the network fails one of its messages: `wait` "
                    "sends the whole message again every `retry_ms` until it gets through "
                    "(the request stalls meanwhile); `local` (DSD requests) decodes on its own "
                    "with the draft model, tokens marked unverified, when a verdict has not come "
                    "back within `timeout_ms` or its link is down, tries to re-synchronise with "
                    "the cloud every `retry_ms`, and resumes DSD when that succeeds. Requests "
                    "decoded in the cloud wait in both.")
          .default_to("wait")
          .store_enum<int>({{"wait", kOnFailureWait}, {"local", kOnFailureLocal}}, &S::edge,
                           &EdgeParams::on_failure),
      Param::number("edge.resilience.retry_ms", "ms",
                    "How long a device waits before sending a failed message again, and how "
                    "long it waits for a verdict before asking again after its link failed.")
          .default_to(100)
          .at_least(1e-3)
          .at_most(limits::kMaxMs)
          .store(&S::edge, &EdgeParams::retry_ms),
      Param::number("edge.resilience.timeout_ms", "ms",
                    "With `on_failure: local`: how long a device waits for a verdict (from the "
                    "moment it sends its window: upload, queueing, verification and reply) "
                    "before it decodes on its own; also the limit on a re-synchronisation.")
          .default_to(1000)
          .at_least(1e-3)
          .at_most(limits::kMaxMs)
          .only_when("edge.resilience.on_failure", {"local"})
          .store(&S::edge, &EdgeParams::timeout_ms),
  };
}

}  // namespace dsdsi
