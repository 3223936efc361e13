#pragma once
// Which device class each client is (`edge.devices`). Deterministic and interleaved: client c
// goes to the class whose quota share x (c + 1) is furthest ahead of the clients it already has
// (ties to the class listed first). Every prefix 0..c-1 of the clients thus holds each class
// close to its share, so groups of consecutive clients (a shared access link) mix the classes.
// With two or three classes a prefix is within one client of every quota (checked exhaustively
// over hundredths of shares in the unit tests); with more classes the greedy choice can fall
// slightly further behind (measured up to 1.2 clients with eight classes).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dsdsi {

std::vector<std::size_t> assign_device_classes(const std::vector<double>& shares,
                                               std::int64_t clients);

}  // namespace dsdsi
