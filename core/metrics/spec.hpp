// Descriptions of metrics: inputs, options, variants, formulas and worked examples.
// The catalogue the page renders its forms from, and the validator, are both driven by these.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace skpi::metrics {

class Inputs;
class Options;
struct Result;

// What a single input holds; decides how it is validated and how the page renders it.
enum class InputKind {
  count,           // a non-negative whole number of things (responses, tickets, customers)
  number,          // a real number within [min, max]
  percent,         // a share 0..100
  fraction,        // a share 0..1 (gross margin)
  seconds,         // a non-negative duration in seconds
  money,           // a non-negative amount in the user's currency
  count_list,      // one count per scale point (a distribution), lowest point first
  rating_list,     // raw ratings on the metric's scale
  number_list,     // real numbers within [min, max] (weights, amounts)
  seconds_list,    // durations in seconds
  money_list,      // amounts of money
  score_table,     // rows of criterion scores 0..100, one row per reviewed interaction
  component_list,  // [{name, weight, rate} | {name, weight, part, whole}]
};

const char* to_string(InputKind kind);
bool is_list(InputKind kind);

struct InputSpec {
  std::string name;
  InputKind kind = InputKind::count;
  std::string label;        // English label; translations keyed "metric.<id>.input.<name>"
  std::string hint;         // English hint shown under the field ("" = none)
  std::string set;          // the alternative input set it belongs to ("" = used by every set)
  bool required = true;     // within its set
  double min = 0;
  std::optional<double> max;
  bool min_exclusive = false;       // e.g. weights must be > 0
  std::optional<double> default_value;  // a value the form may pre-fill
  // For count_list inputs: how many points, fixed or decided by a scale option.
  std::optional<std::pair<int, int>> points;  // fixed inclusive point range, e.g. {0, 10} for NPS
  std::string points_option;                  // option whose choice gives the point range, e.g. "scale"
  std::string length_of;                      // list input whose length this list must match (e.g. weights ↔ scores rows)
};

struct Choice {
  std::string id;
  std::string label;        // English
  std::optional<std::pair<int, int>> points;  // for scale choices: the inclusive point range
};

struct OptionSpec {
  std::string name;
  std::string label;            // English
  std::string hint;
  std::string kind = "choice";  // "choice" or "number"
  std::vector<Choice> choices;  // for "choice"
  nlohmann::json default_value;
  double min = 0;               // for "number"
  std::optional<double> max;
  std::string unit;             // for "number": "seconds", "percent", "rating", "minutes"
};

struct Example {
  std::string name;          // test name, e.g. "nps_from_shares"
  nlohmann::json inputs;
  nlohmann::json options = nlohmann::json::object();
  double value = 0;
  std::optional<std::pair<double, double>> ci;  // expected 95% interval where the spec gives one
  int decimals = 2;          // the precision the spec states the value to
};

using ComputeFn = std::function<Result(const Inputs&, const Options&)>;

struct VariantSpec {
  std::string id;            // "default" when a metric has one form
  std::string label;         // English name of the variant ("Mean rating", "Top-2 share")
  std::string description;   // English: when to use it
  std::string unit;          // unit of the main value: percent, score, rating, seconds, money, count, ratio, agents
  std::vector<std::string> input_sets;   // ids of the alternative sets, in the order the form offers them
  std::vector<InputSpec> inputs;
  std::vector<OptionSpec> options;
  std::vector<std::string> outputs;      // names of the parts a result carries besides value
  std::map<std::string, std::string> formulas;          // formula key → English template with {placeholders}
  std::map<std::string, std::string> interpretations;   // interpretation key → English text with {placeholders}
  std::vector<Example> examples;
  ComputeFn compute;
};

struct MetricSpec {
  std::string id;
  std::string group;         // experience, retention, operations, staffing
  std::string name;          // English name; translations are keyed "metric.<id>.name"
  std::string description;   // English definition, one or two sentences
  std::vector<VariantSpec> variants;
  // Further English texts the metric's results refer to (chart labels, warnings): key → text.
  std::map<std::string, std::string> texts = {};
};

/** Every metric of the catalogue, in navigation order. Built once; immutable afterwards. */
const std::vector<MetricSpec>& all_metrics();

/** The metric with this id, or nullptr. */
const MetricSpec* find_metric(const std::string& id);

/** The variant with this id ("" or "default" = the first), or nullptr. */
const VariantSpec* find_variant(const MetricSpec& metric, const std::string& id);

// Each group file appends its metrics; all_metrics() calls them in navigation order.
void add_experience_metrics(std::vector<MetricSpec>& metrics);
void add_retention_metrics(std::vector<MetricSpec>& metrics);
void add_operations_metrics(std::vector<MetricSpec>& metrics);
void add_staffing_metrics(std::vector<MetricSpec>& metrics);

}  // namespace skpi::metrics
