#pragma once
// Streams requests.csv, rounds.csv and servers.csv as records arrive, so memory does not grow with
// the run. Times are printed with 6 decimals (nanosecond resolution in milliseconds),
// locale-independent.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "dsdsi/metrics/measure_window.hpp"
#include "dsdsi/metrics/records.hpp"

namespace dsdsi {

class CsvSink : public RecordSink {
 public:
  // Creates (truncates) dir/requests.csv, rounds.csv, servers.csv and clients.csv with their
  // header lines.
  // `dir` must exist. `window` gives the rows' in_window column (docs/measurement.md). Throws
  // std::runtime_error if a file cannot be opened.
  // `with_radio`: clients.csv has the radio's columns (metrics/radio_sink.hpp).
  // `with_fallback` (`on_failure: local`): requests.csv has unverified_tokens, fallbacks and
  // fallback_ms.
  explicit CsvSink(const std::filesystem::path& dir, MeasureWindow window = {},
                   bool with_radio = false, bool with_fallback = false);
  // Flushes without throwing if close() was not called; call close() to learn about errors.
  ~CsvSink() override;
  CsvSink(const CsvSink&) = delete;
  CsvSink& operator=(const CsvSink&) = delete;

  // Write errors are not thrown here: these run inside simulated actors, where an exception
  // aborts the process. The stream remembers the failure and close() reports it.
  void on_request(const RequestRecord& record) override;
  void on_round(const RoundRecord& record) override;
  void on_batch(const BatchRecord& record) override;  // batches have no CSV: ignored
  void on_server(const ServerRecord& record) override;
  void on_client(const ClientRecord& record) override;

  // Flushes and closes the files; throws std::runtime_error naming the file on a write error
  // (disk full...). Calling it again does nothing; records that arrive after it are dropped.
  void close();

 private:
  // An ofstream with its own larger buffer: rows are small and many.
  struct File {
    std::filesystem::path path;
    std::unique_ptr<char[]> buffer;
    std::ofstream stream;
  };
  static void open(File& file, const std::filesystem::path& path, const char* header);
  static void close(File& file);

  File requests_;
  File rounds_;
  File servers_;
  File clients_;
  MeasureWindow window_;
  bool with_radio_ = false;
  bool with_fallback_ = false;
  bool closed_ = false;
  std::string row_;  // reused for every row to avoid an allocation per record
};

}  // namespace dsdsi
