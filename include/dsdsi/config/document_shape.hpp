#pragma once
// The shape of a scenario document as the parameter table implies it: every proper prefix of a
// parameter's path is a section (an object), every parameter a leaf. Anything else is a typo
// until proven otherwise, so unknown keys are errors at every level, with a suggestion.
#include <nlohmann/json.hpp>
#include <vector>

#include "dsdsi/config/param_spec.hpp"

namespace dsdsi {

class ProblemList;

// Reports unknown keys (with "did you mean" when one is close) and sections that are not
// objects. Leaves are not looked at: their values are the parameter checks' business.
void check_document_shape(const nlohmann::json& document, const std::vector<ParamSpec>& table,
                          ProblemList& problems);

}  // namespace dsdsi
