#include <gtest/gtest.h>
#include <stdlib.h>

#include <clocale>
#include <filesystem>
#include <fstream>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "dsdsi/metrics/csv_sink.hpp"
#include "dsdsi/metrics/fanout_sink.hpp"

namespace fs = std::filesystem;

namespace dsdsi {
namespace {

const char* const kRequestsHeader =
    "client,request,server,submit_ms,first_token_ms,last_token_ms,output_tokens,rounds,drafted,"
    "accepted,bytes_up,bytes_down,in_window,stall_ms,resends\n";
const char* const kRoundsHeader =
    "client,request,server,kind,sent_ms,arrive_ms,batch_id,batch_size,batch_tokens,"
    "verify_start_ms,verify_end_ms,gamma,accepted,committed,in_window\n";
const char* const kServersHeader =
    "server,host,batches,busy_fraction,batch_size_mean,batch_size_p95,queue_delay_ms_mean,"
    "admission_wait_ms_mean,requests,energy_j\n";

class MetricsCsvSink : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "dsdsi-csv-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string read(const char* name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
};

RequestRecord sample_request() {
  RequestRecord r;
  r.client = 3;
  r.request = 7;
  r.server = 2;
  r.submit_ms = 1.5;
  r.first_token_ms = 12.3456789;      // rounds up at the 6th decimal
  r.last_token_ms = 1234567.0000004;  // rounds down
  r.output_tokens = 128;
  r.rounds = 40;
  r.drafted = 160;
  r.accepted = 87;
  r.bytes_up = 5000000000;  // beyond 32 bits
  r.bytes_down = 640;
  return r;
}

RoundRecord sample_round(std::int64_t batch_id) {
  RoundRecord r;
  r.client = 3;
  r.request = 7;
  r.sent_ms = 100.25;
  r.arrive_ms = 110.5;
  r.server = 1;
  r.batch_id = batch_id;
  r.batch_size = 4;
  r.batch_tokens = 24;
  r.verify_start_ms = 125;
  r.verify_end_ms = 0.000001;
  r.gamma = 5;
  r.accepted = 2;
  r.committed = 3;
  return r;
}

TEST_F(MetricsCsvSink, WritesHeadersAndRowsExactly) {
  CsvSink sink(dir_);
  sink.on_request(sample_request());
  sink.on_round(sample_round(0));
  sink.on_batch(BatchRecord{});  // no CSV for batches: must not show up anywhere
  sink.on_round(sample_round(1));
  sink.close();
  EXPECT_EQ(read("requests.csv"),
            std::string(kRequestsHeader) +
                "3,7,2,1.500000,12.345679,1234567.000000,128,40,160,87,5000000000,640,1,0.000000,0\n");
  EXPECT_EQ(read("rounds.csv"),
            std::string(kRoundsHeader) +
                "3,7,1,verify,100.250000,110.500000,0,4,24,125.000000,0.000001,5,2,3,1\n"
                "3,7,1,verify,100.250000,110.500000,1,4,24,125.000000,0.000001,5,2,3,1\n");
}

// in_window: requests by submission, rounds by their batch's start (docs/measurement.md).
TEST_F(MetricsCsvSink, InWindowColumnFollowsTheWindow) {
  CsvSink sink(dir_, MeasureWindow{2, 120});
  RequestRecord early = sample_request();  // submitted at 1.5, before the warm-up
  sink.on_request(early);
  RoundRecord prefill = sample_round(0);  // starts at 125, after the horizon
  prefill.kind = RoundKind::prefill;
  sink.on_round(prefill);
  RoundRecord inside = sample_round(1);
  inside.verify_start_ms = 50;
  sink.on_round(inside);
  sink.close();
  const std::string requests = read("requests.csv");
  EXPECT_EQ(requests.substr(requests.size() - 14), ",0,0.000000,0\n");
  EXPECT_EQ(read("rounds.csv"),
            std::string(kRoundsHeader) +
                "3,7,1,prefill,100.250000,110.500000,0,4,24,125.000000,0.000001,5,2,3,0\n"
                "3,7,1,verify,100.250000,110.500000,1,4,24,50.000000,0.000001,5,2,3,1\n");
}

TEST_F(MetricsCsvSink, ServerRowsQuoteHostNamesThatNeedIt) {
  CsvSink sink(dir_);
  ServerRecord server;
  server.server = 1;
  server.host = "gpu,\"a\"";
  server.batches = 10;
  server.busy_fraction = 0.5;
  server.batch_size_mean = 2.25;
  server.batch_size_p95 = 4;
  server.queue_delay_ms_mean = 1.5;
  server.admission_wait_ms_mean = 0;
  server.requests = 3;
  sink.on_server(server);
  sink.close();
  EXPECT_EQ(read("servers.csv"),
            std::string(kServersHeader) +
                "1,\"gpu,\"\"a\"\"\",10,0.500000,2.250000,4,1.500000,0.000000,3,\n");
}

TEST_F(MetricsCsvSink, HeadersOnlyWhenNoRecords) {
  CsvSink sink(dir_);
  sink.close();
  EXPECT_EQ(read("requests.csv"), kRequestsHeader);
  EXPECT_EQ(read("rounds.csv"), kRoundsHeader);
  EXPECT_EQ(read("servers.csv"), kServersHeader);
}

TEST_F(MetricsCsvSink, DestructorFlushesWithoutClose) {
  { CsvSink(dir_).on_request(sample_request()); }
  EXPECT_NE(read("requests.csv").find("5000000000,640,1,0.000000,0\n"), std::string::npos);
}

TEST_F(MetricsCsvSink, RowsReachTheFileBeforeClose) {
  // Streaming, not buffering the run: past the stream buffer, rows are already on disk.
  CsvSink sink(dir_);
  for (int i = 0; i < 5000; ++i) sink.on_round(sample_round(i));
  EXPECT_GT(fs::file_size(dir_ / "rounds.csv"), 100000u);
  sink.close();
}

// A decimal-comma locale must not leak into the CSV: the C++ global locale (what iostreams
// use) is replaced by one with a comma decimal point, and the C locale (what printf uses) is
// switched to German too where the machine has it.
struct CommaDecimal : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
};

TEST_F(MetricsCsvSink, NumbersIgnoreTheLocale) {
  const std::locale previous =
      std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");  // may fail: the C++ locale is tested regardless
  {
    CsvSink sink(dir_);
    sink.on_request(sample_request());
    sink.close();
  }
  std::setlocale(LC_NUMERIC, "C");
  std::locale::global(previous);
  EXPECT_NE(read("requests.csv").find(",1.500000,12.345679,"), std::string::npos);
}

TEST_F(MetricsCsvSink, MissingFolderThrows) {
  EXPECT_THROW(CsvSink(dir_ / "missing"), std::runtime_error);
}

TEST_F(MetricsCsvSink, WriteErrorIsReportedByClose) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  fs::create_symlink("/dev/full", dir_ / "rounds.csv");  // every write fails with ENOSPC
  CsvSink sink(dir_);
  sink.on_round(sample_round(0));  // must not throw: actors cannot handle it
  try {
    sink.close();
    FAIL() << "close() did not report the write error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("rounds.csv"), std::string::npos) << error.what();
  }
  EXPECT_EQ(read("requests.csv"), kRequestsHeader);  // the other file was still closed properly
  EXPECT_NO_THROW(sink.close());                     // second close does nothing
}

// Records what it receives, in order.
class RecordingSink : public RecordSink {
 public:
  explicit RecordingSink(std::vector<std::string>& log, std::string name)
      : log_(log), name_(std::move(name)) {}
  void on_request(const RequestRecord& r) override {
    log_.push_back(name_ + ":request " + std::to_string(r.request));
  }
  void on_round(const RoundRecord& r) override {
    log_.push_back(name_ + ":round " + std::to_string(r.batch_id));
  }
  void on_batch(const BatchRecord& b) override {
    log_.push_back(name_ + ":batch " + std::to_string(b.batch_id));
  }
  void on_server(const ServerRecord& s) override {
    log_.push_back(name_ + ":server " + std::to_string(s.server));
  }
  void on_client(const ClientRecord& c) override {
    log_.push_back(name_ + ":client " + std::to_string(c.client));
  }

 private:
  std::vector<std::string>& log_;
  std::string name_;
};

TEST(MetricsFanoutSink, ForwardsEveryRecordToEverySinkInOrder) {
  std::vector<std::string> log;
  RecordingSink a(log, "a");
  RecordingSink b(log, "b");
  FanoutSink fanout({&a, &b});
  RequestRecord request;
  request.request = 1;
  RoundRecord round;
  round.batch_id = 2;
  BatchRecord batch;
  batch.batch_id = 3;
  fanout.on_request(request);
  fanout.on_round(round);
  fanout.on_batch(batch);
  ServerRecord server;
  server.server = 4;
  fanout.on_server(server);
  const std::vector<std::string> expected = {"a:request 1", "b:request 1", "a:round 2",
                                             "b:round 2",   "a:batch 3",   "b:batch 3",
                                             "a:server 4",  "b:server 4"};
  EXPECT_EQ(log, expected);
}

TEST(MetricsFanoutSink, RejectsNullSink) {
  std::vector<std::string> log;
  RecordingSink a(log, "a");
  EXPECT_THROW(FanoutSink({&a, nullptr}), std::invalid_argument);
}

}  // namespace
}  // namespace dsdsi
