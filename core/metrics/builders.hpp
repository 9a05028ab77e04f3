// Small helpers that keep the metric definitions short and readable (internal to core/metrics).
// They build InputSpec/OptionSpec values and the common result pieces (warnings, shares, intervals).
#pragma once

#include <cmath>
#include <string>
#include <utility>

#include "core/metrics/result.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics::build {

inline InputSpec input(std::string name, InputKind kind, std::string label, std::string set = "",
                       std::string hint = "") {
  InputSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.label = std::move(label);
  spec.set = std::move(set);
  spec.hint = std::move(hint);
  if (kind == InputKind::percent) spec.max = 100;
  if (kind == InputKind::fraction) spec.max = 1;
  return spec;
}

inline InputSpec optional_input(InputSpec spec) {
  spec.required = false;
  return spec;
}

inline InputSpec with_default(InputSpec spec, double value) {
  spec.default_value = value;
  return spec;
}

inline InputSpec with_points(InputSpec spec, int low, int high) {
  spec.points = std::make_pair(low, high);
  return spec;
}

inline InputSpec with_points_option(InputSpec spec, std::string option) {
  spec.points_option = std::move(option);
  return spec;
}

inline OptionSpec choice_option(std::string name, std::string label, std::vector<Choice> choices,
                                std::string default_choice, std::string hint = "") {
  OptionSpec spec;
  spec.name = std::move(name);
  spec.label = std::move(label);
  spec.hint = std::move(hint);
  spec.kind = "choice";
  spec.choices = std::move(choices);
  spec.default_value = std::move(default_choice);
  return spec;
}

inline OptionSpec number_option(std::string name, std::string label, double default_value, double min,
                                std::optional<double> max, std::string unit, std::string hint = "") {
  OptionSpec spec;
  spec.name = std::move(name);
  spec.label = std::move(label);
  spec.hint = std::move(hint);
  spec.kind = "number";
  spec.default_value = default_value;
  spec.min = min;
  spec.max = max;
  spec.unit = std::move(unit);
  return spec;
}

inline Choice scale_choice(int low, int high) {
  Choice choice;
  choice.id = std::to_string(low) + "-" + std::to_string(high);
  choice.label = std::to_string(low) + "–" + std::to_string(high);
  choice.points = std::make_pair(low, high);
  return choice;
}

inline Choice plain_choice(std::string id, std::string label) {
  Choice choice;
  choice.id = std::move(id);
  choice.label = std::move(label);
  return choice;
}

inline Example example(std::string name, nlohmann::json inputs, double value, int decimals = 2,
                       nlohmann::json options = nlohmann::json::object()) {
  Example result;
  result.name = std::move(name);
  result.inputs = std::move(inputs);
  result.options = std::move(options);
  result.value = value;
  result.decimals = decimals;
  return result;
}

// Surveys below this many responses get a small_sample warning: the normal approximations behind the
// intervals get unreliable there, and the figure itself swings with a handful of answers.
inline constexpr double small_sample_limit = 30;

inline void warn_small_sample(Result& result) {
  if (result.n < small_sample_limit) {
    Warning warning;
    warning.code = "small_sample";
    warning.message = "Only " + std::to_string(static_cast<long long>(result.n)) +
                      " responses: the interval is wide and the figure can swing with a few answers.";
    warning.values = {{"n", result.n}, {"limit", small_sample_limit}};
    result.warnings.push_back(std::move(warning));
  }
}

inline void add_warning(Result& result, std::string code, std::string message,
                        nlohmann::json values = nlohmann::json::object()) {
  result.warnings.push_back(Warning{std::move(code), std::move(message), std::move(values)});
}

inline Result value_result(double value, std::string unit, double n) {
  Result result;
  result.value = value;
  result.unit = std::move(unit);
  result.n = n;
  return result;
}

inline void set_formula(Result& result, std::string key, nlohmann::json values) {
  result.formula.key = std::move(key);
  result.formula.values = std::move(values);
}

inline void set_interpretation(Result& result, std::string key, nlohmann::json values = nlohmann::json::object()) {
  result.interpretation = TextRef{std::move(key), std::move(values)};
}

inline void set_wilson_ci(Result& result, double successes, double trials) {
  const stats::Interval interval = stats::wilson_interval(successes, trials);
  result.ci = stats::Interval{interval.low * 100.0, interval.high * 100.0};
}

/** part / whole × 100. Multiplying first keeps whole-number results exact (7 of 100 is 7, not
 *  7.000000000000001) and is exact for counts up to 9·10^13, far beyond any real ticket count. */
inline double percent_of(double part, double whole) { return part * 100.0 / whole; }

}  // namespace skpi::metrics::build
