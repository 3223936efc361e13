// Workload traces (`workload.arrival` of kind "trace"): the JSONL file is read and checked when
// the scenario loads, every problem with its file, line and key; the workload keys the trace
// replaces are refused when given; the KV budget and the prefill table are checked against the
// trace's longest request; the shipped synthetic trace loads.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "config_load.hpp"
#include "dsdsi/config/config_error.hpp"
#include "dsdsi/config/jsonl_file.hpp"
#include "dsdsi/config/trace_files.hpp"
#include "dsdsi/config/scenario_loader.hpp"
#include "dsdsi/model/request_source.hpp"
#include "scratch_dir.hpp"

namespace dsdsi {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSourceDir(DSDSI_SOURCE_DIR);

json trace_scenario(const std::string& file, std::int64_t clients = 2) {
  return {{"schema_version", 1},
          {"workload", {{"clients", clients}, {"arrival", {{"kind", "trace"}, {"file", file}}}}}};
}

LoadedScenario load(const json& document, const fs::path& base_dir,
                    const std::vector<std::string>& sets = {}) {
  return load_in(base_dir, document, sets);
}

std::vector<std::string> problems_of(const json& document, const fs::path& base_dir,
                                     const std::vector<std::string>& sets = {}) {
  return problems_in(base_dir, document, sets);
}

const char* const kGoodTrace =
    "{\"arrival_ms\": 0, \"prompt_tokens\": 100, \"output_tokens\": 20}\n"
    "\n"
    "{\"arrival_ms\": 5.5, \"prompt_tokens\": 300, \"output_tokens\": 10, \"client\": 1, "
    "\"alpha\": 0.7}\n"
    "   \r\n"
    "{\"arrival_ms\": 5.5, \"prompt_tokens\": 1, \"output_tokens\": 400.0, \"alphas\": [0.9, "
    "0.5]}\n";

TEST(ConfigWorkloadTrace, ParsesEveryLineWithItsOwnFields) {
  ScratchDir dir;
  const fs::path file = dir.write("t.jsonl", kGoodTrace);
  const auto loaded = load(trace_scenario("t.jsonl"), dir.path());
  const WorkloadParams& w = loaded.scenario.workload;
  ASSERT_EQ(w.arrival.kind, ArrivalKind::trace);
  EXPECT_EQ(w.arrival.file, file.string());
  ASSERT_EQ(w.arrival.requests.size(), 3u);
  const auto& r = w.arrival.requests;
  EXPECT_EQ(r[0].arrival_ms, 0);
  EXPECT_EQ(r[0].prompt_tokens, 100);
  EXPECT_EQ(r[0].output_tokens, 20);
  EXPECT_EQ(r[0].client, -1);
  EXPECT_FALSE(r[0].acceptance);
  EXPECT_EQ(r[1].arrival_ms, 5.5);
  EXPECT_EQ(r[1].client, 1);
  ASSERT_TRUE(r[1].acceptance);
  EXPECT_EQ(r[1].acceptance->alpha, 0.7);
  EXPECT_TRUE(r[1].acceptance->alphas.empty());
  EXPECT_EQ(r[2].output_tokens, 400);
  ASSERT_TRUE(r[2].acceptance);
  EXPECT_EQ(r[2].acceptance->alphas, (std::vector<double>{0.9, 0.5}));
  // The lengths the run can have: the trace's.
  EXPECT_EQ(w.prompt_tokens, 300);
  EXPECT_EQ(w.output_tokens, 400);
  EXPECT_EQ(w.prompt.kind, DistKind::list);
  EXPECT_EQ(w.prompt.values, (std::vector<double>{100, 300, 1}));
  EXPECT_EQ(total_requests(w), 3);
  // The record shows the trace with its absolute path, and not the keys it replaces.
  EXPECT_EQ(loaded.resolved["workload"]["arrival"],
            json({{"kind", "trace"}, {"file", file.string()}}));
  for (const char* key : {"requests_per_client", "prompt_tokens", "output_tokens", "think_ms"}) {
    EXPECT_FALSE(loaded.resolved["workload"].contains(key)) << key;
  }
  EXPECT_EQ(load(loaded.resolved, fs::path()).resolved, loaded.resolved);
}

TEST(ConfigWorkloadTrace, KeysTheTraceReplacesAreRefusedWhenGiven) {
  ScratchDir dir;
  dir.write("t.jsonl", kGoodTrace);
  json document = trace_scenario("t.jsonl");
  document["workload"]["requests_per_client"] = 5;
  document["workload"]["prompt_tokens"] = 64;
  document["workload"]["output_tokens"] = {{"dist", "uniform"}, {"min", 1}, {"max", 2}};
  const std::vector<std::string> expected = {
      "s.json: /workload/requests_per_client: not used when /workload/arrival is of kind "
      "\"trace\" (only when it is of kind \"closed_loop\" or \"poisson\"): the workload trace "
      "gives each request",
      "s.json: /workload/prompt_tokens: not used when /workload/arrival is of kind \"trace\" "
      "(only when it is of kind \"closed_loop\" or \"poisson\"): the workload trace gives each "
      "request",
      "s.json: /workload/output_tokens: not used when /workload/arrival is of kind \"trace\" "
      "(only when it is of kind \"closed_loop\" or \"poisson\"): the workload trace gives each "
      "request",
  };
  EXPECT_EQ(problems_of(document, dir.path()), expected);
  // The same keys are used by the other kinds.
  json poisson = document;
  poisson["workload"]["arrival"] = {{"kind", "poisson"}, {"rate_per_s", 1}};
  EXPECT_EQ(load(poisson, dir.path()).scenario.workload.requests_per_client, 5);
}

struct BadTrace {
  std::string text;
  std::string expected;  // the problem after "s.json: /workload/arrival/file: <file>:"
};

TEST(ConfigWorkloadTrace, EachKindOfBadLineIsReportedWithItsLineAndKey) {
  const std::string ok = "{\"arrival_ms\": 0, \"prompt_tokens\": 1, \"output_tokens\": 1}\n";
  const std::vector<BadTrace> cases = {
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1\n",
       "2: malformed JSON: syntax error while parsing object - unexpected end of input; "
       "expected '}'"},
      {ok + "[1, 2]\n", "2: must be a JSON object, got [1,2]"},
      {ok + "\n{\"prompt_tokens\": 1, \"output_tokens\": 1}\n", "3: arrival_ms: required"},
      {ok + "{\"arrival_ms\": -1, \"prompt_tokens\": 1, \"output_tokens\": 1}\n",
       "2: arrival_ms: must be a number >= 0 and <= 1000000000000, got -1"},
      {ok + "{\"arrival_ms\": \"soon\", \"prompt_tokens\": 1, \"output_tokens\": 1}\n",
       "2: arrival_ms: must be a number >= 0 and <= 1000000000000, got \"soon\""},
      {"{\"arrival_ms\": 9, \"prompt_tokens\": 1, \"output_tokens\": 1}\n" + ok,
       "2: arrival_ms: 0 is earlier than line 1's 9 (lines must be in order of arrival)"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 0, \"output_tokens\": 1}\n",
       "2: prompt_tokens: must be an integer >= 1 and <= 1000000, got 0"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1.5}\n",
       "2: output_tokens: must be an integer >= 1 and <= 1000000, got 1.5"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1}\n", "2: output_tokens: required"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"client\": -1}\n",
       "2: client: must be an integer >= 0, got -1"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"client\": 2}\n",
       "2: client: must be < workload.clients (2), got 2"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"alpha\": 1.5}\n",
       "2: alpha: must be a number >= 0 and <= 1, got 1.5"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"alphas\": []}\n",
       "2: alphas: must be a non-empty list of numbers >= 0 and <= 1, got []"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"alphas\": [0.5, "
            "2]}\n",
       "2: alphas: must be a non-empty list of numbers >= 0 and <= 1, got 2 at index 1"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"alpha\": 0.5, "
            "\"alphas\": [0.5]}\n",
       "2: alphas: given together with alpha; give one of the two"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"prompt\": 3}\n",
       "2: prompt: unknown key (did you mean \"prompt_tokens\"?)"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"output_tokens\": 1, \"colour\": 3}\n",
       "2: colour: unknown key"},
      {ok + "{\"arrival_ms\": 1, \"prompt_tokens\": 1, \"prompt_tokens\": 2, \"output_tokens\": "
            "1}\n",
       "2: prompt_tokens: duplicate key (each key may appear once on a line)"},
  };
  for (const auto& c : cases) {
    ScratchDir dir;
    const fs::path file = dir.write("t.jsonl", c.text);
    const auto problems = problems_of(trace_scenario("t.jsonl"), dir.path());
    ASSERT_EQ(problems.size(), 1u) << c.text << testing::PrintToString(problems);
    EXPECT_EQ(problems[0], "s.json: /workload/arrival/file: " + file.string() + ":" + c.expected)
        << c.text;
  }
}

TEST(ConfigWorkloadTrace, AnEmptyTraceIsRefused) {
  ScratchDir dir;
  const fs::path file = dir.write("empty.jsonl", "\n  \n");
  EXPECT_EQ(problems_of(trace_scenario("empty.jsonl"), dir.path()),
            std::vector<std::string>{"s.json: /workload/arrival/file: " + file.string() +
                                     ": no requests: a workload trace needs at least one line"});
}

TEST(ConfigWorkloadTrace, ProblemsStopAtTenThenSayHowManyMore) {
  std::string text;
  for (int i = 0; i < 14; ++i) {
    text += "{\"arrival_ms\": 0, \"prompt_tokens\": 0, \"output_tokens\": 1}\n";
  }
  // Clients out of range are counted the same way.
  std::string clients;
  for (int i = 0; i < 12; ++i) {
    clients += "{\"arrival_ms\": 0, \"prompt_tokens\": 1, \"output_tokens\": 1, \"client\": 9}\n";
  }
  for (const auto& [content, more] :
       std::vector<std::pair<std::string, int>>{{text, 4}, {clients, 2}}) {
    ScratchDir dir;
    const fs::path file = dir.write("t.jsonl", content);
    const auto problems = problems_of(trace_scenario("t.jsonl"), dir.path());
    ASSERT_EQ(problems.size(), 11u);
    EXPECT_EQ(problems[0].rfind("s.json: /workload/arrival/file: " + file.string() + ":1: ", 0),
              0u);
    EXPECT_EQ(problems[10], "s.json: /workload/arrival/file: " + file.string() + ": ... and " +
                                std::to_string(more) + " more problems");
  }
}

TEST(ConfigWorkloadTrace, RecordsBeyondTheLimitStopTheReading) {
  // The limit (limits::kMaxTraceRecords, a million) is tested with a small one: a reader given
  // three records at most reports the fourth non-blank line and reads no further.
  ScratchDir dir;
  const std::string line = "{\"arrival_ms\": 0, \"prompt_tokens\": 1, \"output_tokens\": 1}\n";
  const fs::path file = dir.write("t.jsonl", line + "\n" + line + line + line + line);
  JsonlReader reader(file, workload_trace_keys(), 3);
  std::size_t seen = 0;
  reader.read([&seen](std::size_t, const json&) { ++seen; });
  EXPECT_EQ(seen, 3u);
  EXPECT_EQ(reader.problems(),
            std::vector<std::string>{file.string() +
                                     ":5: more than 3 records (dsdsi's limit: validating a "
                                     "million takes seconds and about 600 MB)"});
  EXPECT_EQ(limits::kMaxTraceRecords, 1000000u);
}

TEST(ConfigWorkloadTrace, KvBudgetMustHoldTheTracesLongestRequest) {
  ScratchDir dir;
  dir.write("t.jsonl", kGoodTrace);  // the longest: line 5, 1 + 400 tokens
  json document = trace_scenario("t.jsonl");
  document["cloud"]["kv_capacity_tokens"] = 401;
  EXPECT_NO_THROW(load(document, dir.path()));
  document["cloud"]["kv_capacity_tokens"] = 400;
  EXPECT_EQ(problems_of(document, dir.path()),
            std::vector<std::string>{
                "s.json: /cloud/kv_capacity_tokens: must hold at least one request (the workload "
                "trace's longest request (its request 3 in file order): prompt_tokens + "
                "output_tokens = 1 + 400 = 401 tokens), got 400"});
}

TEST(ConfigWorkloadTrace, PrefillTableMustCoverTheTracesLongestPrompt) {
  ScratchDir dir;
  dir.write("t.jsonl", "{\"arrival_ms\": 0, \"prompt_tokens\": 9000, \"output_tokens\": 1}\n");
  json document = trace_scenario("t.jsonl");
  document["cloud"]["max_batch"] = 2;
  document["cloud"]["prefill"] = {{"kind", "table"}, {"file", "latency/llama3-8b-h100.csv"}};
  const auto problems = problems_of(document, dir.path());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("can ask for 1 to 18000 (`cloud.max_batch` x the longest prompt, "
                             "with cloud.max_batch = 2 and the workload trace's longest prompt "
                             "= 9000)"),
            std::string::npos)
      << problems[0];
  document["cloud"]["max_batch"] = 1;
  EXPECT_NO_THROW(load(document, dir.path()));
}

TEST(ConfigWorkloadTrace, TheShippedSyntheticTraceLoads) {
  // Run from anywhere: the path is looked for in the source directory too.
  const auto loaded = load(trace_scenario("scenarios/traces/synthetic.jsonl", 4), kSourceDir);
  const WorkloadParams& w = loaded.scenario.workload;
  EXPECT_EQ(w.arrival.requests.size(), 200u);
  std::vector<int> per_client(4, 0);
  for (const auto& r : w.arrival.requests) {
    ASSERT_GE(r.client, 0);
    ++per_client[static_cast<std::size_t>(r.client)];
    EXPECT_TRUE(r.acceptance);
  }
  for (const int n : per_client) EXPECT_GT(n, 20);
  EXPECT_EQ(total_requests(w), 200);
  // Its clients go up to 3: fewer clients is refused.
  EXPECT_FALSE(
      problems_of(trace_scenario("scenarios/traces/synthetic.jsonl", 3), kSourceDir).empty());
}

}  // namespace
}  // namespace dsdsi
