// The result of one metric computation, and the validated inputs and options it is computed from.
// Compute functions receive only inputs that passed validation, so they never see NaN, negatives or wrong kinds.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/error.hpp"
#include "core/stats/stats.hpp"

namespace skpi::metrics {

struct Warning {
  std::string code;     // "small_sample", "share_only", ...; translated by the page
  std::string message;  // English
  nlohmann::json values = nlohmann::json::object();  // numbers for the translated text
};

struct TextRef {
  std::string key;  // catalogue text key, e.g. "nps.formula"
  nlohmann::json values = nlohmann::json::object();  // placeholder → number
};

struct Result {
  bool ok = true;
  Error error;
  std::string metric;
  std::string variant;
  std::string input_set;
  double value = 0;
  std::string unit;
  double n = 0;
  std::optional<stats::Interval> ci;
  nlohmann::json parts = nlohmann::json::object();
  std::vector<Warning> warnings;
  TextRef formula;
  std::optional<TextRef> interpretation;
  nlohmann::json chart;  // null, or a chart description the page draws without metric knowledge
  // Tables the page shows as they are: [{key, columns:[{name, key, unit}], rows:[{name: value}], highlight}]
  nlohmann::json tables = nlohmann::json::array();

  static Result failure(std::string code, std::string field, std::string message,
                        std::optional<double> limit = std::nullopt) {
    Result result;
    result.ok = false;
    result.error = Error{std::move(code), std::move(field), std::move(message), limit};
    return result;
  }
};

struct Component {
  std::string name;
  double weight = 1;
  double rate = 0;  // percent 0..100 (given, or part / whole × 100)
  std::optional<double> part;
  std::optional<double> whole;
};

class Inputs {
 public:
  bool has(const std::string& name) const { return numbers_.count(name) || lists_.count(name) || tables_.count(name) || name == components_name_; }
  double number(const std::string& name) const { return numbers_.at(name); }
  double number_or(const std::string& name, double fallback) const {
    auto found = numbers_.find(name);
    return found == numbers_.end() ? fallback : found->second;
  }
  const std::vector<double>& list(const std::string& name) const { return lists_.at(name); }
  const std::vector<std::vector<double>>& table(const std::string& name) const { return tables_.at(name); }
  const std::vector<Component>& components() const { return components_; }
  const std::string& input_set() const { return input_set_; }

  // Filled by the validator only.
  void set_number(const std::string& name, double value) { numbers_[name] = value; }
  void set_list(const std::string& name, std::vector<double> values) { lists_[name] = std::move(values); }
  void set_table(const std::string& name, std::vector<std::vector<double>> rows) { tables_[name] = std::move(rows); }
  void set_components(const std::string& name, std::vector<Component> components) {
    components_name_ = name;
    components_ = std::move(components);
  }
  void set_input_set(std::string id) { input_set_ = std::move(id); }

 private:
  std::map<std::string, double> numbers_;
  std::map<std::string, std::vector<double>> lists_;
  std::map<std::string, std::vector<std::vector<double>>> tables_;
  std::string components_name_;
  std::vector<Component> components_;
  std::string input_set_;
};

class Options {
 public:
  const std::string& text(const std::string& name) const { return texts_.at(name); }
  double number(const std::string& name) const { return numbers_.at(name); }
  bool has(const std::string& name) const { return texts_.count(name) || numbers_.count(name); }
  // The point range of a scale choice (e.g. "1-5" → {1, 5}).
  std::pair<int, int> points(const std::string& name) const { return points_.at(name); }

  void set_text(const std::string& name, std::string value) { texts_[name] = std::move(value); }
  void set_number(const std::string& name, double value) { numbers_[name] = value; }
  void set_points(const std::string& name, std::pair<int, int> range) { points_[name] = range; }

 private:
  std::map<std::string, std::string> texts_;
  std::map<std::string, double> numbers_;
  std::map<std::string, std::pair<int, int>> points_;
};

}  // namespace skpi::metrics
