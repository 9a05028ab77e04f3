#include <map>
#include <stdexcept>

#include "core/metrics/compare.hpp"
#include "core/metrics/compute.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;

// English names of things shared by many metrics. Translations use the same keys.
const std::map<std::string, std::string>& shared_texts() {
  static const std::map<std::string, std::string> texts = {
      {"group.experience", "Experience"},
      {"group.retention", "Retention & value"},
      {"group.operations", "Operations"},
      {"group.staffing", "Staffing"},
      {"nav.erlang_b", "Erlang B: lines and blocking"},
      {"inputset.counts", "Counts"},
      {"inputset.shares", "Percentages"},
      {"inputset.distribution", "Count per scale point"},
      {"inputset.ratings", "Individual ratings"},
      {"inputset.totals", "Totals"},
      {"inputset.durations", "Individual durations"},
      {"inputset.lost", "Customers lost"},
      {"inputset.movement", "Start, end and new customers"},
      {"inputset.rates", "Rates"},
      {"chart.rest", "Others"},
      {"chart.promoters", "Promoters"},
      {"chart.passives", "Passives"},
      {"chart.detractors", "Detractors"},
      {"chart.min", "Minimum"},
      {"chart.median", "Median"},
      {"chart.mean", "Mean"},
      {"chart.p90", "90th percentile"},
      {"chart.max", "Maximum"},
      {"unit.percent", "%"},
      {"unit.score", "points"},
      {"unit.rating", "average rating"},
      {"unit.seconds", "seconds"},
      {"unit.money", "money"},
      {"unit.count", "count"},
      {"unit.ratio", "ratio"},
      {"unit.agents", "agents"},
      {"unit.erlangs", "erlangs"},
      {"warning.small_sample", "Only {n} responses: below {limit} the interval is wide and the figure can swing with a few answers."},
      {"warning.no_interval", "No interval: individual values are needed to estimate the spread."},
      {"warning.high_share", "Support cost is {value}% of revenue, above the common guidance of {limit}%."},
      {"warning.no_spread", "All values are identical, so the interval has zero width."},
      {"warning.queue_unstable_rows", "Agent counts at or below the traffic ({traffic} erlangs) are left out: the queue would grow without end."},
      {"warning.shrinkage_applied", "{agents} agents on the phones need {scheduled} scheduled after {shrinkage}% shrinkage."},
      {"warning.occupancy_limit", "The maximum occupancy of {limit}% needs more agents than the service level target alone."},
      {"warning.lifespan_from_churn", "Lifespan derived as 1 / churn rate = {lifespan}."},
      {"warning.variance_unknown", "Significance needs individual values (ratings or durations) for both periods."},
      {"warning.negative_churn", "More customers at the end than at the start: net churn is negative (net growth)."},
      {"warning.clv_cac_ratio", "CLV : CAC ratio is {ratio}."},
      {"error.request.invalid", "The request is not valid."},
      {"error.request.unknown_key", "\"{field}\" is not part of a request."},
      {"error.request.unknown_metric", "There is no such metric."},
      {"error.request.unknown_variant", "This metric has no such variant."},
      {"error.input.unknown", "\"{field}\" is not an input of this metric."},
      {"error.input.missing", "{field} is required."},
      {"error.input.not_a_number", "{field} must be a number."},
      {"error.input.not_finite", "{field} must be a finite number."},
      {"error.input.negative", "{field} cannot be negative."},
      {"error.input.not_integer", "{field} must be a whole number."},
      {"error.input.below_min", "{field} must be at least {limit}."},
      {"error.input.not_above_min", "{field} must be greater than {limit}."},
      {"error.input.above_max", "{field} must be at most {limit}."},
      {"error.input.zero_denominator", "{field} is 0, so there is nothing to divide by."},
      {"error.input.part_exceeds_whole", "{field} is larger than the whole it is part of ({limit})."},
      {"error.input.empty", "{field} is empty: give at least one value."},
      {"error.input.wrong_length", "{field} needs {limit} values."},
      {"error.input.rating_out_of_scale", "{field} is outside the chosen scale."},
      {"error.input.not_a_list", "{field} must be a list."},
      {"error.input.not_an_object", "{field} must be an object."},
      {"error.input.not_text", "{field} must be text."},
      {"error.input.conflicting_alternatives", "Fill in one of the alternatives, not two at once."},
      {"error.input.traffic_exceeds_agents", "With {limit} erlangs of traffic, more agents than that are needed: the queue would grow without end."},
      {"error.input.target_unreachable", "No number of agents up to {limit} reaches the target."},
      {"error.input.out_of_range", "These inputs are too large or too extreme to give a finite result."},
      {"error.input.inconsistent", "{field} does not agree with the other inputs."},
      {"error.option.unknown", "\"{field}\" is not an option of this metric."},
      {"error.option.invalid", "{field} has a value that is not allowed."},
      {"error.compare.not_comparable", "This metric cannot be compared between periods."},
      {"error.internal", "Something went wrong inside the calculator."},
  };
  return texts;
}

const std::vector<std::string>& group_order() {
  static const std::vector<std::string> groups = {"experience", "retention", "operations", "staffing"};
  return groups;
}

class TextTable {
 public:
  // Adds an English text; returns the key actually used. When two variants of a metric give the same
  // input different labels, the later one gets a variant-scoped key instead of overwriting the first.
  std::string add(const std::string& key, const std::string& text, const std::string& fallback_key = "") {
    if (text.empty()) return "";
    auto found = texts_.find(key);
    if (found == texts_.end() || found->second == text) {
      texts_[key] = text;
      return key;
    }
    if (fallback_key.empty()) throw std::logic_error("conflicting catalogue text for " + key);
    texts_[fallback_key] = text;
    return fallback_key;
  }
  json to_json() const { return json(texts_); }

 private:
  std::map<std::string, std::string> texts_;
};

json points_json(const std::optional<std::pair<int, int>>& points) {
  if (!points) return nullptr;
  return json{{"min", points->first}, {"max", points->second}};
}

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

json variant_json(const MetricSpec& metric, const VariantSpec& variant, TextTable& texts) {
  const std::string metric_prefix = "metric." + metric.id;
  const std::string variant_prefix = metric_prefix + ".variant." + variant.id;
  const std::string comparison = comparison_kind(metric.id, variant.id);
  json out{{"id", variant.id}, {"unit", variant.unit}, {"outputs", variant.outputs},
           {"comparison", comparison.empty() ? json(nullptr) : json(comparison)}};
  out["label_key"] = texts.add(variant_prefix + ".label", variant.label.empty() ? metric.name : variant.label);
  out["description_key"] = texts.add(variant_prefix + ".description", variant.description);

  json sets = json::array();
  std::vector<std::string> set_ids = variant.input_sets;
  if (set_ids.empty()) set_ids.push_back("");
  for (const auto& set : set_ids) {
    json names = json::array();
    for (const auto& input : variant.inputs) {
      if (input.set == set) names.push_back(input.name);
    }
    sets.push_back({{"id", set}, {"label_key", set.empty() ? "" : "inputset." + set}, {"inputs", names}});
  }
  out["input_sets"] = sets;

  json inputs = json::array();
  for (const auto& input : variant.inputs) {
    const std::string key = metric_prefix + ".input." + input.name;
    const std::string scoped = variant_prefix + ".input." + input.name;
    json alternatives = json::array();
    if (!input.set.empty()) {
      for (const auto& set : set_ids) {
        if (set != input.set) alternatives.push_back(set);
      }
    }
    inputs.push_back({{"name", input.name},
                      {"kind", to_string(input.kind)},
                      {"list", is_list(input.kind)},
                      {"label_key", texts.add(key + ".label", input.label, scoped + ".label")},
                      {"hint_key", texts.add(key + ".hint", input.hint, scoped + ".hint")},
                      {"set", input.set},
                      {"alternatives", alternatives},
                      {"required", input.required},
                      {"min", input.min},
                      {"min_exclusive", input.min_exclusive},
                      {"max", optional_json(input.max)},
                      {"integer", input.kind == InputKind::count || input.kind == InputKind::count_list ||
                                      input.kind == InputKind::rating_list},
                      {"default", optional_json(input.default_value)},
                      {"points", points_json(input.points)},
                      {"points_option", input.points_option},
                      {"length_of", input.length_of}});
  }
  out["inputs"] = inputs;

  json options = json::array();
  for (const auto& option : variant.options) {
    const std::string key = metric_prefix + ".option." + option.name;
    json choices = json::array();
    for (const auto& choice : option.choices) {
      choices.push_back({{"id", choice.id},
                         {"label_key", texts.add(key + ".choice." + choice.id, choice.label)},
                         {"points", points_json(choice.points)}});
    }
    options.push_back({{"name", option.name},
                       {"kind", option.kind},
                       {"label_key", texts.add(key + ".label", option.label)},
                       {"hint_key", texts.add(key + ".hint", option.hint)},
                       {"choices", choices},
                       {"default", option.default_value},
                       {"min", option.min},
                       {"max", optional_json(option.max)},
                       {"unit", option.unit}});
  }
  out["options"] = options;

  json formulas = json::array();
  for (const auto& [key, text] : variant.formulas) {
    texts.add(key, text);
    formulas.push_back(key);
  }
  out["formula_keys"] = formulas;
  json interpretations = json::array();
  for (const auto& [key, text] : variant.interpretations) {
    texts.add(key, text);
    interpretations.push_back(key);
  }
  out["interpretation_keys"] = interpretations;

  json examples = json::array();
  for (const auto& example : variant.examples) {
    json item{{"name", example.name}, {"inputs", example.inputs}, {"options", example.options},
              {"value", example.value}, {"decimals", example.decimals}};
    if (example.ci) item["ci"] = {{"low", example.ci->first}, {"high", example.ci->second}};
    examples.push_back(item);
  }
  out["examples"] = examples;
  return out;
}

}  // namespace

const char* to_string(InputKind kind) {
  switch (kind) {
    case InputKind::count: return "count";
    case InputKind::number: return "number";
    case InputKind::percent: return "percent";
    case InputKind::fraction: return "fraction";
    case InputKind::seconds: return "seconds";
    case InputKind::money: return "money";
    case InputKind::count_list: return "count_list";
    case InputKind::rating_list: return "rating_list";
    case InputKind::number_list: return "number_list";
    case InputKind::seconds_list: return "seconds_list";
    case InputKind::money_list: return "money_list";
    case InputKind::score_table: return "score_table";
    case InputKind::component_list: return "component_list";
  }
  return "number";
}

bool is_list(InputKind kind) {
  return kind == InputKind::count_list || kind == InputKind::rating_list || kind == InputKind::number_list ||
         kind == InputKind::seconds_list || kind == InputKind::money_list;
}

const std::vector<MetricSpec>& all_metrics() {
  static const std::vector<MetricSpec> metrics = [] {
    std::vector<MetricSpec> built;
    add_experience_metrics(built);
    add_retention_metrics(built);
    add_operations_metrics(built);
    add_staffing_metrics(built);
    return built;
  }();
  return metrics;
}

const MetricSpec* find_metric(const std::string& id) {
  for (const auto& metric : all_metrics()) {
    if (metric.id == id) return &metric;
  }
  return nullptr;
}

const VariantSpec* find_variant(const MetricSpec& metric, const std::string& id) {
  if (id.empty() || id == "default") return metric.variants.empty() ? nullptr : &metric.variants.front();
  for (const auto& variant : metric.variants) {
    if (variant.id == id) return &variant;
  }
  return nullptr;
}

json catalogue() {
  TextTable texts;
  for (const auto& [key, text] : shared_texts()) texts.add(key, text);
  json groups = json::array();
  for (const auto& group : group_order()) {
    json ids = json::array();
    for (const auto& metric : all_metrics()) {
      if (metric.group == group) ids.push_back(metric.id);
    }
    json entries = json::array();
    for (const auto& id : ids) {
      entries.push_back({{"metric", id}, {"variant", nullptr}, {"label_key", "metric." + id.get<std::string>() + ".name"}});
    }
    // Erlang B is the blocking metric's prediction; staffing planners look for it next to Erlang C/A.
    if (group == "staffing") {
      entries.push_back({{"metric", "blocking"}, {"variant", "erlang_b"}, {"label_key", "nav.erlang_b"}});
    }
    groups.push_back({{"id", group}, {"label_key", "group." + group}, {"metrics", ids}, {"entries", entries}});
  }
  json metrics = json::array();
  for (const auto& metric : all_metrics()) {
    for (const auto& [key, text] : metric.texts) texts.add(key, text);
    json variants = json::array();
    for (const auto& variant : metric.variants) variants.push_back(variant_json(metric, variant, texts));
    metrics.push_back({{"id", metric.id},
                       {"group", metric.group},
                       {"name_key", texts.add("metric." + metric.id + ".name", metric.name)},
                       {"description_key", texts.add("metric." + metric.id + ".description", metric.description)},
                       {"variants", variants}});
  }
  return json{{"version", SKPI_VERSION}, {"groups", groups}, {"metrics", metrics}, {"texts", texts.to_json()}};
}

}  // namespace skpi::metrics
