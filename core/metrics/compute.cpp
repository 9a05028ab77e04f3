#include "core/metrics/compute.hpp"

#include <cmath>
#include <set>
#include <sstream>

#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;

std::string format_number(double value) {
  std::ostringstream stream;
  stream.precision(15);
  stream << value;
  return stream.str();
}

Result input_error(const std::string& code, const std::string& field, const std::string& message,
                   std::optional<double> limit = std::nullopt) {
  return Result::failure(code, field, message, limit);
}

// A JSON value that should hold a number. JS callers pass NaN and ±Infinity as the strings "NaN",
// "Infinity", "-Infinity" (JSON cannot carry them), so those are reported as non-finite, not as text.
std::optional<Result> read_number(const json& value, const std::string& field, double& out) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
      return input_error("input.not_finite", field, field + " must be a finite number, not " + text + ".");
    }
    return input_error("input.not_a_number", field, field + " must be a number, not the text \"" + text + "\".");
  }
  if (!value.is_number()) {
    return input_error("input.not_a_number", field, field + " must be a number.");
  }
  out = value.get<double>();
  if (!std::isfinite(out)) {
    return input_error("input.not_finite", field, field + " must be a finite number.");
  }
  return std::nullopt;
}

// Range checks shared by scalars and list elements of a given kind.
std::optional<Result> check_range(double value, InputKind kind, const InputSpec& spec, const std::string& field) {
  const bool whole_numbers = kind == InputKind::count || kind == InputKind::count_list;
  const bool non_negative = kind == InputKind::count || kind == InputKind::count_list || kind == InputKind::percent ||
                            kind == InputKind::fraction || kind == InputKind::seconds ||
                            kind == InputKind::seconds_list || kind == InputKind::money ||
                            kind == InputKind::money_list;
  if (non_negative && value < 0) {
    return input_error("input.negative", field, field + " cannot be negative (got " + format_number(value) + ").", 0.0);
  }
  if (whole_numbers && value != std::floor(value)) {
    return input_error("input.not_integer", field, field + " must be a whole number (got " + format_number(value) + ").");
  }
  if (spec.min_exclusive && value <= spec.min) {
    return input_error("input.not_above_min", field,
                       field + " must be greater than " + format_number(spec.min) + " (got " + format_number(value) + ").",
                       spec.min);
  }
  if (!spec.min_exclusive && value < spec.min) {
    return input_error(spec.min == 0 ? "input.negative" : "input.below_min", field,
                       field + " must be at least " + format_number(spec.min) + " (got " + format_number(value) + ").",
                       spec.min);
  }
  if (spec.max && value > *spec.max) {
    return input_error("input.above_max", field,
                       field + " must be at most " + format_number(*spec.max) + " (got " + format_number(value) + ").",
                       *spec.max);
  }
  return std::nullopt;
}

InputKind element_kind(InputKind kind) {
  switch (kind) {
    case InputKind::count_list: return InputKind::count;
    case InputKind::seconds_list: return InputKind::seconds;
    case InputKind::money_list: return InputKind::money;
    default: return InputKind::number;
  }
}

// The inclusive point range an input's values live on: fixed, or chosen by a scale option.
std::optional<std::pair<int, int>> points_of(const InputSpec& spec, const Options& options) {
  if (spec.points) return spec.points;
  if (!spec.points_option.empty() && options.has(spec.points_option)) return options.points(spec.points_option);
  return std::nullopt;
}

std::optional<Result> read_list(const json& value, const InputSpec& spec, const Options& options,
                                std::vector<double>& out) {
  if (!value.is_array()) {
    return input_error("input.not_a_list", spec.name, spec.name + " must be a list of numbers.");
  }
  if (value.empty()) {
    return input_error("input.empty", spec.name, spec.name + " is empty: give at least one value.");
  }
  const auto points = points_of(spec, options);
  if (spec.kind == InputKind::count_list && points) {
    const auto expected = static_cast<std::size_t>(points->second - points->first + 1);
    if (value.size() != expected) {
      return input_error("input.wrong_length", spec.name,
                         spec.name + " needs one count per scale point: " + std::to_string(expected) + " values, got " +
                             std::to_string(value.size()) + ".",
                         static_cast<double>(expected));
    }
  }
  out.clear();
  out.reserve(value.size());
  const InputKind kind = element_kind(spec.kind);
  for (std::size_t index = 0; index < value.size(); ++index) {
    const std::string field = spec.name + "[" + std::to_string(index) + "]";
    double number = 0;
    if (auto error = read_number(value[index], field, number)) return error;
    if (spec.kind == InputKind::rating_list) {
      if (number != std::floor(number)) {
        return input_error("input.not_integer", field, field + " must be a whole scale point (got " + format_number(number) + ").");
      }
      if (points && (number < points->first || number > points->second)) {
        return input_error("input.rating_out_of_scale", field,
                           field + " = " + format_number(number) + " is outside the scale " +
                               std::to_string(points->first) + "–" + std::to_string(points->second) + ".",
                           number < points->first ? points->first : points->second);
      }
    } else if (auto error = check_range(number, kind, spec, field)) {
      return error;
    }
    out.push_back(number);
  }
  return std::nullopt;
}

std::optional<Result> read_table(const json& value, const InputSpec& spec, std::vector<std::vector<double>>& out) {
  if (!value.is_array()) {
    return input_error("input.not_a_list", spec.name, spec.name + " must be a list of score rows.");
  }
  if (value.empty()) {
    return input_error("input.empty", spec.name, spec.name + " is empty: give at least one reviewed interaction.");
  }
  // A flat list of numbers is one interaction: the common single-review case on a form.
  const bool single_row = !value[0].is_array();
  const json rows = single_row ? json::array({value}) : value;
  InputSpec cell = spec;
  cell.min = 0;
  cell.max = 100;
  out.clear();
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::string row_field = single_row ? spec.name : spec.name + "[" + std::to_string(row) + "]";
    if (!rows[row].is_array()) {
      return input_error("input.not_a_list", row_field, row_field + " must be a list of criterion scores.");
    }
    if (rows[row].empty()) {
      return input_error("input.empty", row_field, row_field + " has no scores.");
    }
    std::vector<double> scores;
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      const std::string field = row_field + "[" + std::to_string(column) + "]";
      double number = 0;
      if (auto error = read_number(rows[row][column], field, number)) return error;
      if (auto error = check_range(number, InputKind::number, cell, field)) return error;
      scores.push_back(number);
    }
    out.push_back(std::move(scores));
  }
  return std::nullopt;
}

std::optional<Result> read_components(const json& value, const InputSpec& spec, std::vector<Component>& out) {
  if (!value.is_array()) {
    return input_error("input.not_a_list", spec.name, spec.name + " must be a list of {name, weight, rate} items.");
  }
  if (value.empty()) {
    return input_error("input.empty", spec.name, spec.name + " is empty: give at least one component.");
  }
  out.clear();
  for (std::size_t index = 0; index < value.size(); ++index) {
    const std::string prefix = spec.name + "[" + std::to_string(index) + "]";
    const json& item = value[index];
    if (!item.is_object()) {
      return input_error("input.not_an_object", prefix, prefix + " must be an object {name, weight, rate}.");
    }
    Component component;
    for (auto it = item.begin(); it != item.end(); ++it) {
      const std::string field = prefix + "." + it.key();
      if (it.key() == "name") {
        if (!it->is_string() && !it->is_null()) {
          return input_error("input.not_text", field, field + " must be text.");
        }
        if (it->is_string()) component.name = it->get<std::string>();
        continue;
      }
      if (it->is_null()) continue;
      double number = 0;
      if (it.key() != "weight" && it.key() != "rate" && it.key() != "part" && it.key() != "whole") {
        return input_error("input.unknown", field, field + " is not a component field (name, weight, rate, part, whole).");
      }
      if (auto error = read_number(*it, field, number)) return error;
      if (it.key() == "weight") {
        if (number <= 0) {
          return input_error("input.not_above_min", field, field + " must be greater than 0.", 0.0);
        }
        component.weight = number;
      } else if (it.key() == "rate") {
        if (number < 0) return input_error("input.negative", field, field + " cannot be negative.", 0.0);
        if (number > 100) return input_error("input.above_max", field, field + " must be at most 100.", 100.0);
        component.rate = number;
        component.part.reset();
      } else {
        if (number < 0) return input_error("input.negative", field, field + " cannot be negative.", 0.0);
        if (number != std::floor(number)) {
          return input_error("input.not_integer", field, field + " must be a whole number.");
        }
        (it.key() == "part" ? component.part : component.whole) = number;
      }
    }
    const bool has_rate = item.contains("rate") && !item["rate"].is_null();
    if (!has_rate) {
      if (!component.part || !component.whole) {
        return input_error("input.missing", prefix + (component.part ? ".whole" : ".part"),
                           prefix + " needs a rate, or a part and a whole.");
      }
      if (*component.whole == 0) {
        return input_error("input.zero_denominator", prefix + ".whole", prefix + ".whole is 0: a rate needs a whole above 0.");
      }
      if (*component.part > *component.whole) {
        return input_error("input.part_exceeds_whole", prefix + ".part",
                           prefix + ".part (" + format_number(*component.part) + ") is larger than its whole (" +
                               format_number(*component.whole) + ").",
                           *component.whole);
      }
      component.rate = *component.part * 100.0 / *component.whole;
    }
    if (component.name.empty()) component.name = "component " + std::to_string(index + 1);
    out.push_back(std::move(component));
  }
  return std::nullopt;
}

std::optional<Result> read_options(const json& given, const VariantSpec& variant, Options& options) {
  if (!given.is_null() && !given.is_object()) {
    return input_error("request.invalid", "options", "options must be an object.");
  }
  if (given.is_object()) {
    for (auto it = given.begin(); it != given.end(); ++it) {
      bool known = false;
      for (const auto& spec : variant.options) known = known || spec.name == it.key();
      if (!known) {
        return input_error("option.unknown", it.key(), "\"" + it.key() + "\" is not an option of this metric.");
      }
    }
  }
  for (const auto& spec : variant.options) {
    const json* value = &spec.default_value;
    if (given.is_object() && given.contains(spec.name) && !given[spec.name].is_null()) value = &given[spec.name];
    if (spec.kind == "choice") {
      const Choice* chosen = nullptr;
      if (value->is_string()) {
        for (const auto& choice : spec.choices) {
          if (choice.id == value->get_ref<const std::string&>()) chosen = &choice;
        }
      }
      if (!chosen) {
        std::string allowed;
        for (const auto& choice : spec.choices) allowed += (allowed.empty() ? "" : ", ") + choice.id;
        return input_error("option.invalid", spec.name, spec.name + " must be one of: " + allowed + ".");
      }
      options.set_text(spec.name, chosen->id);
      if (chosen->points) options.set_points(spec.name, *chosen->points);
    } else {
      if (value->is_null()) continue;  // an optional number without a default (e.g. CSAT threshold: top two points)
      double number = 0;
      if (auto error = read_number(*value, spec.name, number)) {
        error->error.code = "option.invalid";
        return error;
      }
      if (number < spec.min || (spec.max && number > *spec.max)) {
        return input_error("option.invalid", spec.name,
                           spec.name + " must be between " + format_number(spec.min) + " and " +
                               (spec.max ? format_number(*spec.max) : std::string("∞")) + ".");
      }
      options.set_number(spec.name, number);
    }
  }
  return std::nullopt;
}

bool is_given(const json& inputs, const std::string& name) {
  return inputs.contains(name) && !inputs[name].is_null();
}

// Picks the alternative input set the caller filled in. Inputs of two different sets at once are
// refused: silently preferring one would compute a figure from numbers the user did not mean.
std::optional<Result> choose_input_set(const json& inputs, const VariantSpec& variant, std::string& chosen) {
  std::vector<std::string> sets = variant.input_sets;
  if (sets.empty()) sets.push_back("");
  std::string best;
  int best_present = -1;
  std::string best_missing;
  std::vector<std::string> touched;
  for (const auto& set : sets) {
    int present = 0;
    std::string first_missing;
    bool touched_set = false;
    for (const auto& spec : variant.inputs) {
      if (spec.set != set) continue;
      if (is_given(inputs, spec.name)) {
        // An input that several sets share (churn's `start`) does not tell which set was meant.
        bool shared = false;
        for (const auto& other : variant.inputs) shared = shared || (other.name == spec.name && other.set != set);
        touched_set = touched_set || !shared;
        if (spec.required) ++present;
      } else if (spec.required && first_missing.empty()) {
        first_missing = spec.name;
      }
    }
    if (touched_set) touched.push_back(set);
    if (first_missing.empty() && touched_set) {
      if (best_present < 0 || !best_missing.empty()) {
        best = set;
        best_present = present;
        best_missing.clear();
      }
    } else if (present > best_present && (best_present < 0 || !best_missing.empty())) {
      best = set;
      best_present = present;
      best_missing = first_missing;
    }
  }
  if (touched.size() > 1) {
    std::string other_field;
    for (const auto& spec : variant.inputs) {
      if (spec.set == touched[1] && is_given(inputs, spec.name) && other_field.empty()) other_field = spec.name;
    }
    return input_error("input.conflicting_alternatives", other_field,
                       "Inputs from two alternatives were given (" + touched[0] + " and " + touched[1] +
                           "): give one of them.");
  }
  if (touched.empty()) {
    // Nothing set-specific given: report the first required input of the first set.
    for (const auto& spec : variant.inputs) {
      if (spec.required && (spec.set == sets.front() || spec.set.empty()) && !is_given(inputs, spec.name)) {
        return input_error("input.missing", spec.name, spec.name + " is required.");
      }
    }
    chosen = sets.front();
    return std::nullopt;
  }
  if (!best_missing.empty()) {
    return input_error("input.missing", best_missing, best_missing + " is required.");
  }
  chosen = best;
  // Inputs shared by every set must be present too.
  for (const auto& spec : variant.inputs) {
    if (spec.set.empty() && spec.required && !is_given(inputs, spec.name)) {
      return input_error("input.missing", spec.name, spec.name + " is required.");
    }
  }
  return std::nullopt;
}

std::optional<Result> read_inputs(const json& given, const VariantSpec& variant, const Options& options,
                                  Inputs& inputs) {
  if (!given.is_object()) {
    return input_error("request.invalid", "inputs", "inputs must be an object of named values.");
  }
  for (auto it = given.begin(); it != given.end(); ++it) {
    bool known = false;
    for (const auto& spec : variant.inputs) known = known || spec.name == it.key();
    if (!known) {
      return input_error("input.unknown", it.key(), "\"" + it.key() + "\" is not an input of this metric.");
    }
  }
  std::string set;
  if (auto error = choose_input_set(given, variant, set)) return error;
  inputs.set_input_set(set);
  for (const auto& spec : variant.inputs) {
    if (!(spec.set.empty() || spec.set == set) || !is_given(given, spec.name)) continue;
    const json& value = given[spec.name];
    if (spec.kind == InputKind::score_table) {
      std::vector<std::vector<double>> rows;
      if (auto error = read_table(value, spec, rows)) return error;
      inputs.set_table(spec.name, std::move(rows));
    } else if (spec.kind == InputKind::component_list) {
      std::vector<Component> components;
      if (auto error = read_components(value, spec, components)) return error;
      inputs.set_components(spec.name, std::move(components));
    } else if (is_list(spec.kind)) {
      std::vector<double> values;
      if (auto error = read_list(value, spec, options, values)) return error;
      inputs.set_list(spec.name, std::move(values));
    } else {
      double number = 0;
      if (auto error = read_number(value, spec.name, number)) return error;
      if (auto error = check_range(number, spec.kind, spec, spec.name)) return error;
      inputs.set_number(spec.name, number);
    }
  }
  // Lists whose lengths must agree (IQS weights and each row of scores).
  for (const auto& spec : variant.inputs) {
    if (spec.length_of.empty() || !inputs.has(spec.name) || !inputs.has(spec.length_of)) continue;
    const std::size_t expected = inputs.list(spec.length_of).size();
    const auto& rows = inputs.table(spec.name);
    for (std::size_t row = 0; row < rows.size(); ++row) {
      if (rows[row].size() != expected) {
        const std::string field = rows.size() == 1 ? spec.name : spec.name + "[" + std::to_string(row) + "]";
        return input_error("input.wrong_length", field,
                           field + " has " + std::to_string(rows[row].size()) + " scores but there are " +
                               std::to_string(expected) + " weighted criteria.",
                           static_cast<double>(expected));
      }
    }
  }
  return std::nullopt;
}

bool all_finite(const json& value) {
  if (value.is_number_float()) return std::isfinite(value.get<double>());
  if (value.is_array() || value.is_object()) {
    for (const auto& item : value) {
      if (!all_finite(item)) return false;
    }
  }
  return true;
}

json interval_json(const std::optional<stats::Interval>& ci) {
  if (!ci) return nullptr;
  return json{{"low", ci->low}, {"high", ci->high}, {"level", 0.95}};
}

}  // namespace

Result compute(const json& request) {
  if (!request.is_object()) {
    return input_error("request.invalid", "", "The request must be an object {metric, variant, inputs, options}.");
  }
  for (auto it = request.begin(); it != request.end(); ++it) {
    if (it.key() != "metric" && it.key() != "variant" && it.key() != "inputs" && it.key() != "options") {
      return input_error("request.unknown_key", it.key(),
                         "\"" + it.key() + "\" is not part of a request (metric, variant, inputs, options).");
    }
  }
  if (!request.contains("metric") || !request["metric"].is_string()) {
    return input_error("request.unknown_metric", "metric", "metric must name a metric of the catalogue.");
  }
  const std::string metric_id = request["metric"].get<std::string>();
  const MetricSpec* metric = find_metric(metric_id);
  if (!metric) {
    return input_error("request.unknown_metric", "metric", "\"" + metric_id + "\" is not a metric of the catalogue.");
  }
  std::string variant_id = "default";
  if (request.contains("variant") && !request["variant"].is_null()) {
    if (!request["variant"].is_string()) {
      return input_error("request.unknown_variant", "variant", "variant must be text.");
    }
    variant_id = request["variant"].get<std::string>();
  }
  const VariantSpec* variant = find_variant(*metric, variant_id);
  if (!variant) {
    std::string allowed;
    for (const auto& known : metric->variants) allowed += (allowed.empty() ? "" : ", ") + known.id;
    Result failure = input_error("request.unknown_variant", "variant",
                                 "\"" + variant_id + "\" is not a variant of " + metric_id + " (" + allowed + ").");
    failure.metric = metric_id;
    return failure;
  }
  Options options;
  Inputs inputs;
  const json empty = json::object();
  std::optional<Result> error = read_options(request.contains("options") ? request["options"] : json(), *variant, options);
  if (!error) error = read_inputs(request.contains("inputs") ? request["inputs"] : empty, *variant, options, inputs);
  Result result = error ? *error : variant->compute(inputs, options);
  result.metric = metric->id;
  result.variant = variant->id;
  if (result.ok) {
    result.input_set = inputs.input_set();
    if (result.unit.empty()) result.unit = variant->unit;
    const bool finite = std::isfinite(result.value) && std::isfinite(result.n) && all_finite(result.parts) &&
                        all_finite(result.formula.values) && (!result.ci || (std::isfinite(result.ci->low) && std::isfinite(result.ci->high)));
    if (!finite) {
      Result failure = input_error("input.out_of_range", "",
                                   "These inputs are too large or too extreme to give a finite result.");
      failure.metric = result.metric;
      failure.variant = result.variant;
      return failure;
    }
  }
  return result;
}

json to_json(const Result& result) {
  if (!result.ok) {
    json error{{"code", result.error.code}, {"field", result.error.field}, {"message", result.error.message}};
    if (result.error.limit) error["limit"] = *result.error.limit;
    json out{{"ok", false}, {"error", error}};
    if (!result.metric.empty()) out["metric"] = result.metric;
    if (!result.variant.empty()) out["variant"] = result.variant;
    return out;
  }
  json warnings = json::array();
  for (const auto& warning : result.warnings) {
    warnings.push_back({{"code", warning.code}, {"message", warning.message}, {"values", warning.values}});
  }
  json out{{"ok", true},
           {"metric", result.metric},
           {"variant", result.variant},
           {"input_set", result.input_set},
           {"value", result.value},
           {"unit", result.unit},
           {"n", result.n},
           {"ci", interval_json(result.ci)},
           {"parts", result.parts},
           {"warnings", warnings},
           {"formula", {{"key", result.formula.key}, {"values", result.formula.values}}},
           {"interpretation", result.interpretation
                                  ? json{{"key", result.interpretation->key}, {"values", result.interpretation->values}}
                                  : json(nullptr)},
           {"chart", result.chart},
           {"tables", result.tables}};
  return out;
}

}  // namespace skpi::metrics
