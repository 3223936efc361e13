#include "dsdsi/model/device_assignment.hpp"

namespace dsdsi {

std::vector<std::size_t> assign_device_classes(const std::vector<double>& shares,
                                               std::int64_t clients) {
  std::vector<std::size_t> assigned(static_cast<std::size_t>(clients), 0);
  std::vector<std::int64_t> counts(shares.size(), 0);
  for (std::int64_t c = 0; c < clients; ++c) {
    std::size_t best = 0;
    double best_lag = 0;
    for (std::size_t k = 0; k < shares.size(); ++k) {
      const double lag = shares[k] * static_cast<double>(c + 1) - static_cast<double>(counts[k]);
      if (k == 0 || lag > best_lag) {
        best = k;
        best_lag = lag;
      }
    }
    ++counts[best];
    assigned[static_cast<std::size_t>(c)] = best;
  }
  return assigned;
}

}  // namespace dsdsi
