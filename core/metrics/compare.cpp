#include <cmath>

#include "core/metrics/compare.hpp"
#include "core/metrics/compute.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;

json failure(const std::string& code, const std::string& field, const std::string& message) {
  return {{"ok", false}, {"error", {{"code", code}, {"field", field}, {"message", message}}}};
}

// A mean's standard error recovered from its 95% interval (mean ± z·s/√n).
double standard_error_from_ci(const Result& result) {
  return (result.ci->high - result.ci->low) / (2.0 * stats::z95);
}

}  // namespace

std::string comparison_kind(const std::string& metric, const std::string& variant) {
  if (metric == "nps") return "nps";
  if (metric == "ces") return variant == "top2" ? "share" : "mean";
  if (metric == "iqs" || metric == "frt" || metric == "response_time" || metric == "resolution_time" ||
      metric == "wait_time" || metric == "aht") {
    return "mean";
  }
  if (metric == "csat" || metric == "fcr" || metric == "resolution_rate" || metric == "service_level" ||
      metric == "abandon_rate" || metric == "referral_rate" || metric == "feedback_response_rate" ||
      metric == "crr" || (metric == "churn" && variant != "net") || (metric == "blocking" && variant == "observed")) {
    return "share";
  }
  return "";
}

json compare(const json& request) {
  if (!request.is_object()) return failure("request.invalid", "", "The request must be an object {metric, variant, a, b, options}.");
  for (auto it = request.begin(); it != request.end(); ++it) {
    if (it.key() != "metric" && it.key() != "variant" && it.key() != "a" && it.key() != "b" && it.key() != "options") {
      return failure("request.unknown_key", it.key(), "\"" + it.key() + "\" is not part of a comparison (metric, variant, a, b, options).");
    }
  }
  for (const char* side : {"a", "b"}) {
    if (!request.contains(side) || !request[side].is_object()) {
      return failure("input.missing", side, std::string(side) + " must hold the inputs of one period or segment.");
    }
  }
  json single = json::object();
  for (const char* key : {"metric", "variant", "options"}) {
    if (request.contains(key)) single[key] = request[key];
  }
  single["inputs"] = request["a"];
  const Result a = compute(single);
  single["inputs"] = request["b"];
  const Result b = compute(single);
  for (const auto& [side, result] : {std::pair<const char*, const Result*>{"a", &a}, {"b", &b}}) {
    if (!result->ok) {
      json out = to_json(*result);
      const std::string field = result->error.field;
      out["error"]["field"] = field.empty() ? std::string(side) : std::string(side) + "." + field;
      out["side"] = side;
      return out;
    }
  }
  const std::string kind = comparison_kind(a.metric, a.variant);
  if (kind.empty()) {
    return failure("compare.not_comparable", "metric",
                   a.metric + " cannot be compared for significance: it is not a survey share, NPS or mean.");
  }
  const double change = b.value - a.value;
  json out{{"ok", true}, {"metric", a.metric}, {"variant", a.variant}, {"a", to_json(a)}, {"b", to_json(b)},
           {"change", change}, {"unit", a.unit}, {"test", kind}, {"warnings", json::array()}};
  out["relative_change"] = a.value != 0 ? json(change / std::fabs(a.value) * 100.0) : json(nullptr);
  std::optional<stats::ZTest> test;
  double standard_error = 0;
  if (kind == "share") {
    if (a.n > 0 && b.n > 0) {
      test = stats::two_proportion_test(a.value / 100.0 * a.n, a.n, b.value / 100.0 * b.n, b.n);
      const double pa = a.value / 100.0, pb = b.value / 100.0;
      standard_error = std::sqrt(pa * (1 - pa) / a.n + pb * (1 - pb) / b.n) * 100.0;
    }
  } else if (kind == "nps") {
    if (a.n > 0 && b.n > 0) {
      const auto variance = [](const Result& result) {
        return stats::nps_variance(result.parts["promoter_share"].get<double>() / 100.0,
                                   result.parts["detractor_share"].get<double>() / 100.0, result.n);
      };
      standard_error = std::sqrt(variance(a) + variance(b)) * 100.0;
      test = stats::difference_test(change, standard_error);
    }
  } else if (a.ci && b.ci) {
    const double se_a = standard_error_from_ci(a), se_b = standard_error_from_ci(b);
    standard_error = std::sqrt(se_a * se_a + se_b * se_b);
    test = stats::difference_test(change, standard_error);
  }
  if (test) {
    out["significant"] = test->significant;
    out["p_value"] = test->p_value;
    out["z"] = test->z;
    out["change_ci"] = {{"low", change - stats::z95 * standard_error}, {"high", change + stats::z95 * standard_error}, {"level", 0.95}};
  } else {
    out["significant"] = nullptr;
    out["p_value"] = nullptr;
    out["z"] = nullptr;
    out["change_ci"] = nullptr;
    out["warnings"].push_back({{"code", "variance_unknown"},
                               {"message", "Significance needs individual values (ratings or durations) or response counts for both periods."},
                               {"values", json::object()}});
  }
  return out;
}

}  // namespace skpi::metrics
