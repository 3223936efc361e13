#include "dsdsi/metrics/radio_sink.hpp"

#include <algorithm>
#include <stdexcept>

namespace dsdsi {

namespace {
constexpr double kSecondsPerMs = 1e-3;
}  // namespace

RadioSink::RadioSink(std::vector<std::optional<RadioParams>> radios, RecordSink& next)
    : radios_(std::move(radios)), next_(&next) {
  for (const auto& radio : radios_) any_radio_ = any_radio_ || radio.has_value();
}

RadioSink::ClientTransfers& RadioSink::transfers_of(std::int64_t client) {
  const auto id = static_cast<std::size_t>(client);
  if (clients_.size() <= id) clients_.resize(id + 1);
  return clients_[id];
}

void RadioSink::on_round(const RoundRecord& r) {
  if (any_radio_) {
    ClientTransfers& c = transfers_of(r.client);
    if (r.kind == RoundKind::prefill || r.kind == RoundKind::verify ||
        r.kind == RoundKind::resync) {
      c.up.push_back(
          {r.sent_ms * kSecondsPerMs, r.arrive_ms * kSecondsPerMs, LinkDirection::up, 0});
    }
    if (r.kind != RoundKind::prefill) c.down_start_s.push_back(r.verify_end_ms * kSecondsPerMs);
  }
  next_->on_round(r);
}

void RadioSink::on_request(const RequestRecord& r) {
  if (any_radio_) {
    ClientTransfers& c = transfers_of(r.client);
    if (c.down_start_s.size() != r.reply_ms.size()) c.mismatch = true;
    std::sort(c.down_start_s.begin(), c.down_start_s.end());
    const std::size_t replies = std::min(c.down_start_s.size(), r.reply_ms.size());
    const double up_bytes = c.up.empty() ? 0 : static_cast<double>(r.bytes_up) / c.up.size();
    const double down_bytes = replies == 0 ? 0 : static_cast<double>(r.bytes_down) / replies;
    for (RadioTransfer& t : c.up) {
      t.bytes = up_bytes;
      c.done.push_back(t);
    }
    for (std::size_t i = 0; i < replies; ++i) {
      c.done.push_back(
          {c.down_start_s[i], r.reply_ms[i] * kSecondsPerMs, LinkDirection::down, down_bytes});
    }
    c.up.clear();
    c.down_start_s.clear();
  }
  next_->on_request(r);
}

void RadioSink::on_client(const ClientRecord& record) {
  const auto id = static_cast<std::size_t>(record.client);
  if (id >= radios_.size() || !radios_[id]) {
    next_->on_client(record);
    return;
  }
  ClientTransfers& c = transfers_of(record.client);
  if (c.mismatch || !c.up.empty() || !c.down_start_s.empty()) {
    throw std::logic_error("client " + std::to_string(record.client) +
                           ": its replies do not match the rounds that sent them");
  }
  ClientRecord with_radio = record;
  with_radio.radio = radio_usage(*radios_[id], std::move(c.done));
  c.done = {};
  next_->on_client(with_radio);
}

}  // namespace dsdsi
