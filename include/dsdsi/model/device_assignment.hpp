#pragma once
// Which device class each client is (`edge.devices`). Deterministic and interleaved: client c
// goes to the class whose quota share x (c + 1) is furthest ahead of the clients it already has
// (ties to the class listed first). Every prefix 0..c-1 of the clients thus holds each class
// within one client of its share, so groups of consecutive clients (a shared access link) mix
// the classes, and the counts over all clients are within one of share x clients.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dsdsi {

std::vector<std::size_t> assign_device_classes(const std::vector<double>& shares,
                                               std::int64_t clients);

}  // namespace dsdsi
