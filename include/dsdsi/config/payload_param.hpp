#pragma once
// `speculation.payload`: what an uplink window carries per draft token, as a kinded object
// (`{"kind": "topk", "k": 32}`). model/payload.hpp turns it into bytes.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "dsdsi/config/param_builder.hpp"
#include "dsdsi/config/param_kinds.hpp"

namespace dsdsi {

std::shared_ptr<const KindFamily> payload_family();
Param payload_param(std::string path, std::string meaning);
PayloadParams payload_params_of(const nlohmann::json& stored);

}  // namespace dsdsi
