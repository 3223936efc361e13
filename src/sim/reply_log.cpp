#include "dsdsi/sim/reply_log.hpp"

#include <simgrid/s4u/Actor.hpp>

namespace dsdsi {

ReplyLog::ReplyLog(std::vector<simgrid::s4u::Mailbox*> downlinks, bool network_can_fail)
    : downlinks_(std::move(downlinks)),
      current_(downlinks_.size()),
      epochs_(downlinks_.size(), 0),
      keep_(network_can_fail) {}

bool ReplyLog::accept(std::int64_t client, const PromptUpload& prompt) {
  if (prompt.epoch < epoch(client)) return false;
  Current& c = current_[static_cast<std::size_t>(client)];
  if (keep_ && c.request == prompt.request) {
    resend_from(client, prompt.resend_from);
    return false;
  }
  c = Current{};
  c.request = prompt.request;
  return true;
}

bool ReplyLog::accept(std::int64_t client, const DraftWindow& window) {
  if (window.epoch < epoch(client)) return false;
  Current& c = current_[static_cast<std::size_t>(client)];
  if (keep_ && c.request == window.request && window.round < c.rounds_received) {
    // Verified already (its reply was lost): send it again. Still being verified: its reply
    // will come.
    resend_from(client, window.round);
    return false;
  }
  c.rounds_received = window.round + 1;
  return true;
}

bool ReplyLog::accept(std::int64_t client, const ContextResync& resync) {
  if (resync.epoch <= epoch(client)) return false;  // an attempt overtaken by a later one
  epochs_[static_cast<std::size_t>(client)] = resync.epoch;
  Current& c = current_[static_cast<std::size_t>(client)];
  c = Current{};
  c.request = resync.request;
  return true;
}

void ReplyLog::send(std::int64_t client, RoundReply reply) {
  Current& c = current_[static_cast<std::size_t>(client)];
  reply.seq = c.replies_sent++;
  if (keep_) c.replies.push_back(reply);
  put(client, reply);
}

void ReplyLog::put(std::int64_t client, const RoundReply& reply) {
  const auto c = static_cast<std::size_t>(client);
  if (inboxes_ != nullptr) {  // sent from the verifier's host
    (*inboxes_)[c].post(simgrid::s4u::this_actor::get_host(), client_hosts_[c], reply);
    return;
  }
  auto* message = new RoundReply(reply);
  downlinks_[c]
      ->put_init(message, static_cast<std::uint64_t>(reply.wire_bytes))
      ->detach([](void* lost) { delete static_cast<RoundReply*>(lost); });
}

void ReplyLog::resend_from(std::int64_t client, std::int64_t from) {
  const Current& c = current_[static_cast<std::size_t>(client)];
  for (std::size_t i = from < 0 ? c.replies.size() : static_cast<std::size_t>(from);
       i < c.replies.size(); ++i) {
    put(client, c.replies[i]);
  }
}

}  // namespace dsdsi
