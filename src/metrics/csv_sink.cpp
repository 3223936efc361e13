#include "dsdsi/metrics/csv_sink.hpp"

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "dsdsi/metrics/write_error.hpp"

namespace dsdsi {

namespace {

constexpr std::size_t kBufferBytes = 1 << 16;

// std::to_chars never consults the locale, unlike printf or iostream formatting: a user's
// LC_NUMERIC with a decimal comma must not change the files.
void append(std::string& row, std::int64_t value) {
  char text[24];
  const auto result = std::to_chars(text, text + sizeof text, value);
  row.append(text, result.ptr);
}

// Fixed, 6 decimals: like printf("%.6f") in the C locale.
void append(std::string& row, double value) {
  // The largest double has 309 integer digits, so to_chars cannot run out of room here.
  char text[330];
  const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 6);
  row.append(text, result.ptr);
}

void append(std::string& row, bool value) { row += value ? '1' : '0'; }

void append(std::string& row, RoundKind kind) {
  switch (kind) {
    case RoundKind::prefill:
      row += "prefill";
      return;
    case RoundKind::verify:
      row += "verify";
      return;
    case RoundKind::ar_step:
      row += "ar_step";
      return;
    case RoundKind::colocated:
      row += "colocated";
      return;
    case RoundKind::resync:
      row += "resync";
      return;
  }
}

// An absent value is an empty cell (energy without wattage).
void append(std::string& row, const std::optional<double>& value) {
  if (value) append(row, *value);
}

// Names come from platform files and scenarios: quote one that holds a comma, a quote or a line
// break (RFC 4180).
std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

template <typename First, typename... Rest>
void append_row(std::string& row, First first, Rest... rest) {
  row.clear();
  append(row, first);
  ((row += ',', append(row, rest)), ...);
  row += '\n';
}

}  // namespace

CsvSink::CsvSink(const std::filesystem::path& dir, MeasureWindow window, bool with_radio,
                 bool with_fallback)
    : window_(window), with_radio_(with_radio), with_fallback_(with_fallback) {
  open(requests_, dir / "requests.csv",
       with_fallback
           ? "client,request,server,submit_ms,first_token_ms,last_token_ms,output_tokens,rounds,"
             "drafted,accepted,bytes_up,bytes_down,in_window,stall_ms,resends,unverified_tokens,"
             "fallbacks,fallback_ms\n"
           : "client,request,server,submit_ms,first_token_ms,last_token_ms,output_tokens,rounds,"
             "drafted,accepted,bytes_up,bytes_down,in_window,stall_ms,resends\n");
  open(rounds_, dir / "rounds.csv",
       "client,request,server,kind,sent_ms,arrive_ms,batch_id,batch_size,batch_tokens,"
       "verify_start_ms,verify_end_ms,gamma,accepted,committed,in_window\n");
  open(servers_, dir / "servers.csv",
       "server,host,batches,busy_fraction,batch_size_mean,batch_size_p95,queue_delay_ms_mean,"
       "admission_wait_ms_mean,requests,energy_j\n");
  open(clients_, dir / "clients.csv",
       with_radio ? "client,host,device_class,draft_ms_per_token,rtt_ms,mean_rtt_ms,edge_energy_j,"
                    "outage_ms,edge_radio_energy_j,radio_promotions,radio_promotion_s,"
                    "radio_active_s,radio_inactivity_s,radio_short_tail_s,radio_long_tail_s,"
                    "radio_idle_s\n"
                  : "client,host,device_class,draft_ms_per_token,rtt_ms,mean_rtt_ms,edge_energy_j,"
                    "outage_ms\n");
}

CsvSink::~CsvSink() {
  try {
    close();
  } catch (const std::runtime_error&) {
    // A destructor must not throw; callers who care about write errors call close() themselves.
  }
}

void CsvSink::open(File& file, const std::filesystem::path& path, const char* header) {
  file.path = path;
  file.buffer = std::make_unique<char[]>(kBufferBytes);
  // libstdc++ only honours a user buffer when it is installed before the file is opened.
  file.stream.rdbuf()->pubsetbuf(file.buffer.get(), kBufferBytes);
  errno = 0;
  file.stream.open(path, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!file.stream) throw write_error(path, errno);
  file.stream << header;
}

void CsvSink::on_request(const RequestRecord& r) {
  append_row(row_, r.client, r.request, r.server, r.submit_ms, r.first_token_ms, r.last_token_ms,
             r.output_tokens, r.rounds, r.drafted, r.accepted, r.bytes_up, r.bytes_down,
             window_.request_in(r.submit_ms), r.stall_ms, r.resends);
  if (with_fallback_) {
    std::string rest;
    append_row(rest, r.unverified_tokens, r.fallbacks, r.fallback_ms);
    row_.back() = ',';  // the fallback's cells go before the line break
    row_ += rest;
  }
  requests_.stream.write(row_.data(), static_cast<std::streamsize>(row_.size()));
}

void CsvSink::on_round(const RoundRecord& r) {
  append_row(row_, r.client, r.request, r.server, r.kind, r.sent_ms, r.arrive_ms, r.batch_id,
             r.batch_size, r.batch_tokens, r.verify_start_ms, r.verify_end_ms, r.gamma, r.accepted,
             r.committed, window_.started_in(r.verify_start_ms));
  rounds_.stream.write(row_.data(), static_cast<std::streamsize>(row_.size()));
}

void CsvSink::on_batch(const BatchRecord& /*record*/) {}

void CsvSink::on_server(const ServerRecord& r) {
  row_ = std::to_string(r.server) + ',' + csv_text(r.host);
  std::string rest;
  append_row(rest, r.batches, r.busy_fraction, r.batch_size_mean, r.batch_size_p95,
             r.queue_delay_ms_mean, r.admission_wait_ms_mean, r.requests, r.energy_j);
  row_ += ',' + rest;
  servers_.stream.write(row_.data(), static_cast<std::streamsize>(row_.size()));
}

void CsvSink::on_client(const ClientRecord& r) {
  row_ = std::to_string(r.client) + ',' + csv_text(r.host) + ',' + csv_text(r.device_class);
  std::string rest;
  append_row(rest, r.draft_ms_per_token, r.rtt_ms, r.mean_rtt_ms, r.edge_energy_j, r.outage_ms);
  row_ += ',' + rest;
  if (with_radio_) {
    row_.pop_back();  // the radio's cells go before the line break; empty without a radio
    if (const auto& u = r.radio) {
      append_row(rest, u->energy_j, u->promotions, u->promotion_s, u->active_s, u->inactivity_s,
                 u->short_tail_s, u->long_tail_s, u->idle_s);
      row_ += ',' + rest;
    } else {
      row_ += ",,,,,,,,\n";
    }
  }
  clients_.stream.write(row_.data(), static_cast<std::streamsize>(row_.size()));
}

void CsvSink::close(File& file) {
  errno = 0;
  file.stream.flush();
  const bool flushed = static_cast<bool>(file.stream);
  file.stream.close();  // sets failbit if the final write-back fails
  if (!flushed || file.stream.fail()) throw write_error(file.path, errno);
}

void CsvSink::close() {
  if (closed_) return;
  closed_ = true;
  // Close every file before reporting, so a failure on one does not leave the others open.
  std::string errors;
  for (File* file : {&requests_, &rounds_, &servers_, &clients_}) {
    try {
      close(*file);
    } catch (const std::runtime_error& error) {
      errors += errors.empty() ? error.what() : std::string("; ") + error.what();
    }
  }
  if (!errors.empty()) throw WriteError(errors);
}

}  // namespace dsdsi
