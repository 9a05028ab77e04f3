// The metric entry points the API layer calls: validate a request, compute, compare, describe.
// Requests and results are JSON values; nothing here throws for bad input (errors are results).
#pragma once

#include <nlohmann/json.hpp>

#include "core/metrics/result.hpp"

namespace skpi::metrics {

/** Validates `{metric, variant?, inputs, options?}` and computes it. Bad input gives ok = false with a
 *  stable code (input.negative, input.missing, request.unknown_metric, ...) and the field at fault. */
Result compute(const nlohmann::json& request);

/** The result as the public JSON shape of spec/api.md (ok, value, unit, n, ci, parts, warnings, formula). */
nlohmann::json to_json(const Result& result);

/** `{metric, variant?, a: inputs, b: inputs, options?}` → both results, the change b − a and whether it
 *  is significant at 95% (two-proportion z-test for shares, combined standard error for NPS and means). */
nlohmann::json compare(const nlohmann::json& request);

/** Every metric with its variants, inputs, options, outputs, formulas, examples and English texts. */
nlohmann::json catalogue();

}  // namespace skpi::metrics
