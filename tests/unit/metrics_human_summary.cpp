#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "dsdsi/metrics/human_summary.hpp"
#include "dsdsi/metrics/summary.hpp"

namespace dsdsi {
namespace {

nlohmann::ordered_json full_summary() {
  nlohmann::ordered_json s;
  s["requests"] = 8;
  s["output_tokens"] = 2048;
  s["rounds"] = 610;
  s["drafted_tokens"] = 2440;
  s["accepted_tokens"] = 1438;
  s["tokens_per_round_mean"] = 3.3573770491803279;
  s["acceptance_rate"] = 0.5893442622950819;
  const std::vector<std::pair<const char*, double>> latencies = {
      {"ttft_ms", 120.0}, {"tpot_ms", 9.0}, {"e2e_ms", 2400.0}};
  for (const auto& [name, base] : latencies) {
    s[std::string(name) + "_mean"] = base * 1.1;
    s[std::string(name) + "_p50"] = base;
    s[std::string(name) + "_p90"] = base * 1.5;
    s[std::string(name) + "_p95"] = base * 2;
    s[std::string(name) + "_p99"] = base * 3.004567;
  }
  s["ttft_ms_mean_ci95"] = 4.25;
  s["tpot_ms_mean_ci95"] = nullptr;  // a run without an interval: the cell stays blank
  s["throughput_tokens_per_s"] = 812.345;
  s["throughput_tokens_per_s_ci95"] = 10.04;
  s["server_busy_fraction"] = 0.456;
  s["batches"] = 300;
  s["batch_size_mean"] = 2.5;
  s["wan_bytes_up"] = 1536000;
  s["wan_bytes_down"] = 640;
  s["makespan_ms"] = 2521.1;
  return s;
}

std::string line_starting(const std::string& text, const std::string& start) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(start, 0) == 0) return line;
  }
  return "(no line starting with '" + start + "')";
}

std::string squeeze(std::string line) {  // collapses runs of spaces, to test content not layout
  std::string out;
  for (char c : line) {
    if (c != ' ' || out.empty() || out.back() != ' ') out += c;
  }
  return out;
}

TEST(MetricsHumanSummary, ShowsTheKeyFigures) {
  const std::string text = format_human_summary(full_summary());
  EXPECT_EQ(squeeze(line_starting(text, "requests")), "requests 8");
  EXPECT_EQ(squeeze(line_starting(text, "output tokens")), "output tokens 2048");
  EXPECT_EQ(squeeze(line_starting(text, "rounds")), "rounds 610");
  EXPECT_EQ(squeeze(line_starting(text, "tokens/round")), "tokens/round 3.357");
  EXPECT_EQ(squeeze(line_starting(text, "acceptance")), "acceptance 0.589");
  EXPECT_EQ(squeeze(line_starting(text, "  TTFT")),
            " TTFT 132.00 +-4.25 120.00 180.00 240.00 360.55");
  EXPECT_EQ(squeeze(line_starting(text, "  TPOT")), " TPOT 9.90 9.00 13.50 18.00 27.04");
  EXPECT_EQ(squeeze(line_starting(text, "  E2E")), " E2E 2640.00 2400.00 3600.00 4800.00 7210.96");
  EXPECT_EQ(squeeze(line_starting(text, "throughput")), "throughput 812.3 +- 10.0 tokens/s");
  // No SLO, and the window is the whole run: no lines for them.
  EXPECT_EQ(text.find("SLO"), std::string::npos);
  EXPECT_EQ(text.find("window"), std::string::npos);
  EXPECT_EQ(squeeze(line_starting(text, "server busy")), "server busy 45.6 %");
  EXPECT_EQ(squeeze(line_starting(text, "WAN")), "WAN up / down 1.5 MB / 640 B");
  EXPECT_EQ(text.back(), '\n');
}

TEST(MetricsHumanSummary, WindowAndSloWhenTheRunHasThem) {
  nlohmann::ordered_json s = full_summary();
  s["window_start_ms"] = 500.0;
  s["window_end_ms"] = 2000.0;
  s["slo_attainment"] = 0.875;
  s["slo_attainment_ci95"] = 0.0312;
  s["goodput_requests_per_s"] = 4.5;
  s["goodput_tokens_per_s"] = 1152.0;
  const std::string text = format_human_summary(s);
  EXPECT_EQ(squeeze(line_starting(text, "window")),
            "window 0.500 s to 2.000 s (the run ended at 2.521 s)");
  EXPECT_EQ(squeeze(line_starting(text, "SLO attained")), "SLO attained 87.5 +- 3.1 %");
  EXPECT_EQ(squeeze(line_starting(text, "goodput")), "goodput 4.50 requests/s, 1152.0 tokens/s");
}

TEST(MetricsHumanSummary, LatencyTableColumnsLineUp) {
  const std::string text = format_human_summary(full_summary());
  const std::string header = line_starting(text, "latency (ms)");
  const std::string ttft = line_starting(text, "  TTFT");
  const std::string e2e = line_starting(text, "  E2E");
  // Right-aligned columns: every row ends where the header ends, and "p99" sits over the values.
  EXPECT_EQ(header.size(), ttft.size());
  EXPECT_EQ(header.size(), e2e.size());
  EXPECT_EQ(header.find("p50") + 3, ttft.find("120.00") + 6);
}

TEST(MetricsHumanSummary, ValuesWiderThanTheirColumnStayApart) {
  // Hours of queueing in ms (a saturated fleet of 1,000,000 clients): 11 characters and more.
  nlohmann::ordered_json s = full_summary();
  s["ttft_ms_mean"] = 12839171.66;
  s["ttft_ms_mean_ci95"] = 12839174.16;
  s["ttft_ms_p50"] = 12870414.16;
  const std::string ttft = squeeze(line_starting(format_human_summary(s), "  TTFT"));
  EXPECT_NE(ttft.find("12839171.66 +-12839174.16 12870414.16 "), std::string::npos) << ttft;
}

TEST(MetricsHumanSummary, NullsPrintAsNotAvailable) {
  // An edge-only run: the summary of SummaryAccumulator with no rounds and no batches.
  SummaryAccumulator acc;
  RequestRecord one_token;
  one_token.first_token_ms = one_token.last_token_ms = 5;
  one_token.output_tokens = 1;
  acc.on_request(one_token);
  const std::string text = format_human_summary(acc.finish(5));
  EXPECT_EQ(squeeze(line_starting(text, "tokens/round")), "tokens/round n/a");
  EXPECT_EQ(squeeze(line_starting(text, "acceptance")), "acceptance n/a");
  EXPECT_EQ(squeeze(line_starting(text, "  TPOT")), " TPOT n/a n/a n/a n/a n/a");
  EXPECT_EQ(squeeze(line_starting(text, "  TTFT")), " TTFT 5.00 5.00 5.00 5.00 5.00");
  EXPECT_EQ(squeeze(line_starting(text, "server busy")), "server busy n/a");
  EXPECT_EQ(squeeze(line_starting(text, "throughput")), "throughput 200.0 tokens/s");
  EXPECT_EQ(squeeze(line_starting(text, "WAN")), "WAN up / down 0 B / 0 B");
}

TEST(MetricsHumanSummary, ByteUnitsScale) {
  nlohmann::ordered_json s = full_summary();
  s["wan_bytes_up"] = 999949;         // just under 1 MB once rounded to one decimal
  s["wan_bytes_down"] = 12345678901;  // GB
  EXPECT_EQ(squeeze(line_starting(format_human_summary(s), "WAN")),
            "WAN up / down 999.9 kB / 12.3 GB");
  s["wan_bytes_up"] = 999950;  // would print "1000.0 kB"
  EXPECT_EQ(squeeze(line_starting(format_human_summary(s), "WAN")),
            "WAN up / down 1.0 MB / 12.3 GB");
}

}  // namespace
}  // namespace dsdsi

namespace dsdsi {
namespace {

// Energy, client RTTs and device classes appear only when the run has them: a run without
// wattage, with one RTT and one class reads as before.
TEST(MetricsHumanSummary, EnergyRttAndClassesOnlyWhenTheRunHasThem) {
  nlohmann::ordered_json s = full_summary();
  s["rtt_ms_mean"] = 50.0;
  s["rtt_ms_p50"] = 50.0;
  s["rtt_ms_p90"] = 50.0;
  s["rtt_ms_p95"] = 50.0;
  s["rtt_ms_p99"] = 50.0;
  s["edge_energy_j"] = nullptr;
  s["edge_j_per_token"] = nullptr;
  s["cloud_energy_j"] = nullptr;
  s["cloud_j_per_token"] = nullptr;
  s["by_class"] = {{"default", {{"clients", 1}}}};
  const std::string plain = format_human_summary(s);
  EXPECT_EQ(plain.find("energy"), std::string::npos) << plain;
  EXPECT_EQ(plain.find("client RTT"), std::string::npos) << plain;
  EXPECT_EQ(plain.find("device class"), std::string::npos) << plain;

  s["rtt_ms_mean"] = 55.5;
  s["rtt_ms_p99"] = 79.0;
  s["edge_energy_j"] = 9549.71;
  s["edge_j_per_token"] = 0.37304;
  s["cloud_energy_j"] = 111772.5;
  s["cloud_j_per_token"] = 4.36611;
  nlohmann::ordered_json orin = {{"clients", 5},        {"tpot_ms_mean", 54.57},
                                 {"tpot_ms_p95", 60.1}, {"tokens_per_round_mean", 3.351},
                                 {"rtt_ms_mean", 54.5}, {"edge_j_per_token", 0.46478}};
  nlohmann::ordered_json phone = orin;
  phone["clients"] = 4;
  phone["edge_j_per_token"] = nullptr;
  s["by_class"] = {{"orin", orin}, {"phone", phone}};
  const std::string text = format_human_summary(s);
  EXPECT_EQ(squeeze(line_starting(text, "  client RTT")),
            " client RTT 55.50 50.00 50.00 50.00 79.00");
  EXPECT_EQ(squeeze(line_starting(text, "edge energy")), "edge energy 9549.7 J (373.04 mJ/token)");
  EXPECT_EQ(squeeze(line_starting(text, "cloud energy")),
            "cloud energy 111772.5 J (4366.11 mJ/token)");
  EXPECT_EQ(squeeze(line_starting(text, "  orin")), " orin 5 54.57 60.10 3.351 54.5 464.78");
  EXPECT_EQ(squeeze(line_starting(text, "  phone")), " phone 4 54.57 60.10 3.351 54.5 n/a");
}

}  // namespace
}  // namespace dsdsi
