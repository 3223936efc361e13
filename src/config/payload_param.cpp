// The payload kinds and their parameters (sizes: model/payload.hpp and docs/platforms.md).
#include "dsdsi/config/payload_param.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

// The one place the kinds' names are spelt.
const std::vector<std::pair<std::string, PayloadKind>> kPayloadKinds = {
    {"token_ids", PayloadKind::token_ids},
    {"ids_and_probs", PayloadKind::ids_and_probs},
    {"topk", PayloadKind::topk},
    {"full_distribution", PayloadKind::full_distribution},
};

}  // namespace

std::shared_ptr<const KindFamily> payload_family() {
  static const auto family = std::make_shared<const KindFamily>(KindFamily{
      "payload",
      "What an edge client sends up with each draft window, per draft token (docs/model.md: a "
      "token id is 4 bytes, an fp16 probability 2 bytes). Every message also carries "
      "`network.header_bytes`. The verdict that comes back is the header plus 8 bytes (the "
      "accepted count and the target's token) whatever the payload. The bytes cross the WAN "
      "like any transfer, so their serialisation time shows in every round's latency.",
      "",
      "",
      {{"token_ids", "The draft token ids only: 4 bytes per token.", {{"kind", "token_ids"}}, {},
        nullptr},
       {"ids_and_probs",
        "Each draft token id with the draft model's fp16 probability of it (for lossless "
        "rejection sampling): 4 + 2 = 6 bytes per token.",
        {{"kind", "ids_and_probs"}},
        {},
        nullptr},
       {"topk",
        "Each draft token id and the draft model's `k` most likely tokens with their fp16 "
        "probabilities: 4 + 6 `k` bytes per token.",
        {{"kind", "topk"}, {"k", 32}},
        {Param::integer("k", "tokens", "Tokens of the draft distribution sent per position.")
             .required()
             .at_least(1)
             .at_most(1000000)
             .not_stored()},
        nullptr},
       {"full_distribution",
        "Each draft token id and the draft model's whole distribution over the vocabulary in "
        "fp16: 4 + 2 `vocab_size` bytes per token.",
        {{"kind", "full_distribution"}, {"vocab_size", 128256}},
        {Param::integer("vocab_size", "tokens", "Vocabulary size (Llama 3: 128256).")
             .default_to(128256)
             .at_least(2)
             .at_most(10000000)
             .not_stored()},
        nullptr}}});
  return family;
}

Param payload_param(std::string path, std::string meaning) {
  return Param::kinded(std::move(path), "", std::move(meaning), payload_family())
      .default_to(json{{"kind", "token_ids"}});
}

PayloadParams payload_params_of(const json& stored) {
  PayloadParams p;
  const auto& name = stored.at("kind").get_ref<const std::string&>();
  for (const auto& [candidate, kind] : kPayloadKinds) {
    if (candidate == name) p.kind = kind;
  }
  if (stored.contains("k")) p.k = stored.at("k").get<std::int64_t>();
  if (stored.contains("vocab_size")) p.vocab_size = stored.at("vocab_size").get<std::int64_t>();
  return p;
}

}  // namespace dsdsi
