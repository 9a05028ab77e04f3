// Helpers for the metric tests: compute a request given as JSON text and read the result.
// Shared by the metrics_*_test.cpp files.
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/metrics/compute.hpp"

namespace skpi::metric_tests {

/** Computes a request written as JSON text (tests read best with the request spelled out). */
inline nlohmann::json compute(const char* request) {
  return metrics::to_json(metrics::compute(nlohmann::json::parse(request)));
}

inline nlohmann::json compute_request(const nlohmann::json& request) { return metrics::to_json(metrics::compute(request)); }

/** The value of an ok result, failing the test (and returning NaN) when it is an error. */
inline double value_of(const nlohmann::json& result) {
  EXPECT_TRUE(result.value("ok", false)) << result.dump();
  return result.value("ok", false) ? result["value"].get<double>() : std::nan("");
}

/** The error code of a failed result, failing the test when the result is ok. */
inline std::string error_code(const nlohmann::json& result) {
  EXPECT_FALSE(result.value("ok", true)) << result.dump();
  return result.contains("error") ? result["error"]["code"].get<std::string>() : std::string("(ok)");
}

inline std::string error_field(const nlohmann::json& result) {
  return result.contains("error") ? result["error"]["field"].get<std::string>() : std::string("(ok)");
}

}  // namespace skpi::metric_tests
