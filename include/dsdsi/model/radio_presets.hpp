#pragma once
// The radios a device class can name (`edge.radio`, `edge.devices[].radio`), and the parameters
// a scenario may override one by one. The values come from the parameter files of AT&T's
// Application Resource Optimizer (ARO, Apache-2.0, Copyright 2016 AT&T Intellectual Property;
// https://github.com/attdevsupport/ARO at 6a42caea, 5.0.0/ARO.Core/src/main/resources): `lte`
// from lte.conf (the LTE model of Huang et al., MobiSys 2012), `3g` from i997.conf (Samsung
// i997, HSPA), `wifi` from WiFi.conf. Where ARO gives a duty cycle (DRX and IDLE paging), the
// preset holds its average power, derived in radio_presets.cpp from ARO's numbers; docs/energy.md
// tabulates every value with its source key.
#include <optional>
#include <string>
#include <vector>

#include "dsdsi/model/radio_model.hpp"

namespace dsdsi {

// The preset names, in the order the docs list them.
const std::vector<std::string>& radio_preset_names();
// The preset called `name`, or none.
std::optional<RadioParams> radio_preset(const std::string& name);

// One parameter a scenario may override: its key, unit and meaning for the parameter table, the
// largest value accepted (all are >= 0), and where it lives in RadioParams.
struct RadioField {
  const char* key;
  const char* unit;
  const char* meaning;
  double max;
  double RadioParams::*member;
};
const std::vector<RadioField>& radio_fields();

}  // namespace dsdsi
