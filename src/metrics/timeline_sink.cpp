#include "dsdsi/metrics/timeline_sink.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>
#include <string>

namespace dsdsi {

namespace {
std::string fixed6(double value) {
  char text[330];
  const auto result = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 6);
  return std::string(text, result.ptr);
}
}  // namespace

TimelineSink::TimelineSink(const MeasureParams& measure, std::size_t servers, bool local_fallback,
                           bool deliveries)
    : window_(MeasureWindow::of(measure)),
      grid_(measure.timeline_ms, window_),
      servers_(servers),
      rows_(std::max<std::size_t>(servers, 1)),
      queues_(std::max<std::size_t>(servers, 1)),
      local_fallback_(local_fallback),
      deliveries_(deliveries) {}

TimelineSink::Interval& TimelineSink::at(std::int64_t server, std::size_t interval) {
  auto& row = rows_[static_cast<std::size_t>(server)];
  if (row.size() <= interval) row.resize(interval + 1);
  return row[interval];
}

void TimelineSink::add_area(std::int64_t server, double from, double to, double weight,
                            double Interval::*member) {
  if (!(to > from)) return;
  const std::size_t last = interval_of(to);  // also makes sure interval `last` has an end
  for (std::size_t i = interval_of(from); i <= last; ++i) {
    const double overlap = std::min(to, grid_.end(i)) - std::max(from, grid_.start(i));
    if (overlap > 0) at(server, i).*member += overlap * weight;
  }
}

void TimelineSink::on_client(const ClientRecord& record) {
  if (!record.network_can_fail) return;
  network_can_fail_ = true;
  std::size_t counted = 0;  // one past the last interval counted for this client
  for (const auto& [from, to] : record.outages) {
    if (!(to > from)) continue;
    std::size_t last = interval_of(to);  // [from, to) reaches interval `last` only past its start
    if (grid_.start(last) >= to) --last;
    for (std::size_t i = std::max(interval_of(from), counted); i <= last; ++i) {
      if (disconnected_.size() <= i) disconnected_.resize(i + 1);
      ++disconnected_[i];
    }
    counted = std::max(counted, last + 1);
  }
}

void TimelineSink::on_request(const RequestRecord& r) {
  const std::int64_t server = servers_ == 0 ? 0 : r.server;
  ++at(server, interval_of(r.submit_ms)).arrivals;
  ++at(server, interval_of(r.last_token_ms)).completions;
  // Decoded on the edge: its tokens were committed there, counted when the last one came.
  if (r.rounds == 0) at(server, interval_of(r.last_token_ms)).committed += r.output_tokens;
  // Tokens as they reached the device: with each reply (from the cloud) ...
  if (deliveries_) {
    for (std::size_t i = 0; i < r.reply_ms.size() && i < r.reply_tokens.size(); ++i) {
      at(server, interval_of(r.reply_ms[i])).delivered += static_cast<double>(r.reply_tokens[i]);
    }
    if (r.rounds == 0 && r.reply_ms.empty() && r.local_spans.empty()) {  // edge_ar
      at(server, interval_of(r.last_token_ms)).delivered += static_cast<double>(r.output_tokens);
    }
  }
  // A request the device finished on its own (`on_failure: local`) had no last round to end its
  // KV reservation: it ends with the request (the server frees it when the device's notice
  // arrives, some half a round trip later).
  if (!r.local_spans.empty()) end_reservation(server, {r.client, r.request}, r.last_token_ms);
  // ... and decoded on the device after a failure: each period's tokens spread evenly over it.
  for (const RequestRecord::LocalSpan& span : r.local_spans) {
    add_area(server, span.from_ms, span.to_ms, 1.0, &Interval::fallback_area);
    for (double Interval::*member : {&Interval::unverified, &Interval::delivered}) {
      if (span.to_ms > span.from_ms) {
        add_area(server, span.from_ms, span.to_ms,
                 static_cast<double>(span.tokens) / (span.to_ms - span.from_ms), member);
      } else {
        at(server, interval_of(span.from_ms)).*member += static_cast<double>(span.tokens);
      }
    }
  }
  add_area(server, r.submit_ms, r.last_token_ms, 1.0, &Interval::active_area);
}

void TimelineSink::on_round(const RoundRecord& r) {
  queues_[static_cast<std::size_t>(r.server)].add(r.arrive_ms, r.verify_start_ms, grid_);
  add_area(r.server, r.arrive_ms, r.verify_start_ms, 1.0, &Interval::queue_area);
  const auto request = std::make_pair(r.client, r.request);
  if (r.kind == RoundKind::prefill || r.kind == RoundKind::resync) {
    // A re-synchronisation admits the request again (the server had dropped it): the earlier
    // reservation ends here.
    end_reservation(r.server, request, r.verify_start_ms);
    admitted_[request] = {r.verify_start_ms, r.kv_tokens};
  } else {
    at(r.server, interval_of(r.verify_end_ms)).committed += r.committed;
  }
  // The request's KV reservation: from its admission (its prefill's batch) to its last job.
  if (r.last) end_reservation(r.server, request, r.verify_end_ms);
}

void TimelineSink::end_reservation(std::int64_t server,
                                   const std::pair<std::int64_t, std::int64_t>& request,
                                   double end_ms) {
  const auto held = admitted_.find(request);
  if (held == admitted_.end()) return;
  add_area(server, held->second.first, end_ms, static_cast<double>(held->second.second),
           &Interval::kv_area);
  admitted_.erase(held);
}

void TimelineSink::on_batch(const BatchRecord& r) {
  Interval& first = at(r.server, interval_of(r.start_ms));
  ++first.batches;
  first.batch_jobs += r.size;
  add_area(r.server, r.start_ms, r.end_ms, 1.0, &Interval::busy_ms);
}

void TimelineSink::fill_queue_max(double makespan_ms) {
  for (std::size_t s = 0; s < queues_.size(); ++s) {
    const auto server = static_cast<std::int64_t>(s);
    at(server, 0);
    queues_[s].sweep(grid_, makespan_ms, [&](std::size_t interval, std::int64_t length) {
      Interval& row = at(server, interval);
      row.queue_max = std::max(row.queue_max, length);
    });
  }
}

void TimelineSink::write(const std::filesystem::path& path, double makespan_ms) {
  std::ofstream out(path, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
  out << "interval_start_ms,interval_end_ms,in_window,server,arrivals,completions,"
         "committed_tokens,queue_length_mean,queue_length_max,batch_size_mean,busy_fraction,"
         "active_requests_mean,kv_tokens_reserved_mean"
      << (network_can_fail_ ? ",clients_disconnected" : "")
      << (deliveries_ ? ",tokens_delivered" : "")
      << (local_fallback_ ? ",unverified_tokens,devices_in_fallback_mean\n" : "\n");
  if (makespan_ms > 0) {
    interval_of(makespan_ms);
    fill_queue_max(makespan_ms);
    const double end = window_.end_ms(makespan_ms);
    const bool cloud = servers_ > 0;
    for (std::size_t i = 0; i < grid_.laid_out() && grid_.start(i) < makespan_ms; ++i) {
      const double from = grid_.start(i), to = std::min(grid_.end(i), makespan_ms);
      const double length = to - from;
      const bool in_window = from >= window_.warmup_ms && to <= end;
      for (std::size_t s = 0; s < rows_.size(); ++s) {
        const Interval& v = at(static_cast<std::int64_t>(s), i);
        std::string row = fixed6(from) + ',' + fixed6(to) + ',' + (in_window ? "1" : "0") + ',' +
                          std::to_string(s) + ',' + std::to_string(v.arrivals) + ',' +
                          std::to_string(v.completions) + ',' + std::to_string(v.committed) + ',';
        if (cloud) {
          row += fixed6(v.queue_area / length) + ',' + std::to_string(v.queue_max) + ',' +
                 (v.batches > 0
                      ? fixed6(static_cast<double>(v.batch_jobs) / static_cast<double>(v.batches))
                      : std::string()) +
                 ',' + fixed6(v.busy_ms / length) + ',';
        } else {
          row += ",,,,";
        }
        row += fixed6(v.active_area / length) + ',' + (cloud ? fixed6(v.kv_area / length) : "");
        if (network_can_fail_) {
          row += ',' + std::to_string(i < disconnected_.size() ? disconnected_[i] : 0);
        }
        if (deliveries_) row += ',' + fixed6(v.delivered);
        if (local_fallback_) {
          row += ',' + fixed6(v.unverified) + ',' + fixed6(v.fallback_area / length);
        }
        out << row << '\n';
      }
    }
  }
  out.flush();
  if (!out) throw std::runtime_error("error writing " + path.string());
}

}  // namespace dsdsi
