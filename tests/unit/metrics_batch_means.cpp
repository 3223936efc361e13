// Batch means (metrics/batch_means.hpp) and the summary's window, intervals and SLO keys.
#include <gtest/gtest.h>

#include <cmath>

#include "dsdsi/metrics/batch_means.hpp"
#include "dsdsi/metrics/summary.hpp"

namespace dsdsi {
namespace {

// Values 1..20: sd = sqrt(35), half-width t(0.975, 19) x sqrt(35) / sqrt(20), with t(0.975, 19)
// = 2.0930241 (tables give 2.093; the quantile itself is tested in metrics_student_t_test).
TEST(BatchMeans, HalfWidthIsTTimesTheStandardError) {
  std::vector<std::optional<double>> values;
  for (int i = 1; i <= 20; ++i) values.push_back(i);
  EXPECT_NEAR(*ci95_half_width(values), 2.0930241 * std::sqrt(35.0) / std::sqrt(20.0), 1e-6);
  values[3] = std::nullopt;  // a batch without the metric: no interval at all
  EXPECT_FALSE(ci95_half_width(values));
  EXPECT_FALSE(ci95_half_width({1.0}));
}

TEST(BatchMeans, TimeBatchesCoverTheWindow) {
  const TimeBatches batches(100, 300);
  EXPECT_DOUBLE_EQ(batches.batch_ms(), 10);
  EXPECT_EQ(*batches.of(100), 0u);
  EXPECT_EQ(*batches.of(109.999), 0u);
  EXPECT_EQ(*batches.of(110), 1u);
  EXPECT_EQ(*batches.of(299.999), kTimeBatches - 1);
  EXPECT_FALSE(batches.of(99.9));
  EXPECT_FALSE(batches.of(300));
}

RequestRecord request_at(double submit_ms, double ttft_ms, double e2e_ms, std::int64_t tokens) {
  RequestRecord r;
  r.submit_ms = submit_ms;
  r.first_token_ms = submit_ms + ttft_ms;
  r.last_token_ms = submit_ms + e2e_ms;
  r.output_tokens = tokens;
  return r;
}

// Requests before the warm-up count nowhere; the SLO counts the rest; 10 requests in every time
// batch give intervals, one batch short of that withholds them.
TEST(SummaryWindow, WarmupSloAndIntervals) {
  MeasureParams measure;
  measure.warmup_ms = 1000;
  measure.horizon_ms = 3000;
  measure.slo.ttft_ms = 50;
  SummaryAccumulator full(measure), short_batch(measure);
  full.on_request(request_at(500, 999, 1000, 10));  // warm-up: ignored
  short_batch.on_request(request_at(500, 999, 1000, 10));
  // 20 batches of 100 ms over [1000, 3000): 10 requests each, TTFT 40 (meets) or 60 (misses).
  for (int b = 0; b < 20; ++b) {
    for (int i = 0; i < 10; ++i) {
      const double submit = 1000 + b * 100 + i * 10;
      const double ttft = (i + b) % 4 == 0 ? 60 : 40;
      full.on_request(request_at(submit, ttft, 100, 10));
      if (!(b == 7 && i == 0)) short_batch.on_request(request_at(submit, ttft, 100, 10));
    }
  }
  const auto s = full.finish(3200);
  EXPECT_EQ(s.at("requests").get<int>(), 200);
  EXPECT_EQ(s.at("window_start_ms").get<double>(), 1000);
  EXPECT_EQ(s.at("window_end_ms").get<double>(), 3000);
  const double good = s.at("slo_attainment").get<double>();
  EXPECT_NEAR(good, 150.0 / 200.0, 1e-12);
  EXPECT_NEAR(s.at("goodput_requests_per_s").get<double>(), 150 / 2.0, 1e-9);
  EXPECT_NEAR(s.at("goodput_tokens_per_s").get<double>(), 1500 / 2.0, 1e-9);
  EXPECT_TRUE(s.at("ttft_ms_mean_ci95").is_number());
  EXPECT_TRUE(s.at("slo_attainment_ci95").is_number());
  EXPECT_TRUE(s.at("ttft_ms_p90").is_number());
  const auto t = short_batch.finish(3200);
  EXPECT_TRUE(t.at("ttft_ms_mean_ci95").is_null());
  EXPECT_TRUE(t.at("slo_attainment_ci95").is_null());
}

TEST(SummaryWindow, NoSloGivesNullSloKeys) {
  SummaryAccumulator acc;
  acc.on_request(request_at(0, 10, 20, 5));
  const auto s = acc.finish(20);
  for (const char* key :
       {"slo_attainment", "goodput_requests_per_s", "goodput_tokens_per_s", "slo_attainment_ci95",
        "ttft_ms_mean_ci95", "throughput_tokens_per_s_ci95"}) {
    EXPECT_TRUE(s.at(key).is_null()) << key;
  }
}

}  // namespace
}  // namespace dsdsi
