// Which kind of significance test suits a metric variant when two periods or segments are compared.
// "share" (two-proportion z-test), "nps" (difference with combined standard error), "mean", or "" (none).
#pragma once

#include <string>

namespace skpi::metrics {

std::string comparison_kind(const std::string& metric, const std::string& variant);

}  // namespace skpi::metrics
