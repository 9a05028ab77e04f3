#include "core/metrics/spec.hpp"
namespace skpi::metrics {
void add_retention_metrics(std::vector<MetricSpec>&) {}
}  // namespace skpi::metrics
