#include "core/metrics/common.hpp"

#include <algorithm>
#include <cmath>

#include "core/metrics/builders.hpp"

namespace skpi::metrics::common {

using nlohmann::json;

std::optional<Result> check_part_of_whole(double part, const std::string& part_name, double whole,
                                          const std::string& whole_name) {
  if (whole == 0) {
    return Result::failure("input.zero_denominator", whole_name, whole_name + " is 0: a share of nothing is undefined.");
  }
  if (part > whole) {
    return Result::failure("input.part_exceeds_whole", part_name,
                           part_name + " cannot be larger than " + whole_name + ".", whole);
  }
  return std::nullopt;
}

Result share(const Inputs& inputs, const std::string& part_name, const std::string& whole_name,
             const std::string& formula_key) {
  const double part = inputs.number(part_name);
  const double whole = inputs.number(whole_name);
  if (auto error = check_part_of_whole(part, part_name, whole, whole_name)) return *error;
  Result result = build::value_result(build::percent_of(part, whole), "percent", whole);
  result.parts = {{part_name, part}, {whole_name, whole}, {"rest", whole - part}};
  build::set_formula(result, formula_key, {{part_name, part}, {whole_name, whole}, {"value", result.value}});
  result.chart = {{"type", "stack"},
                  {"unit", "percent"},
                  {"items",
                   {{{"input", part_name}, {"value", result.value}, {"tone", "good"}},
                    {{"key", "chart.rest"}, {"value", 100.0 - result.value}, {"tone", "neutral"}}}}};
  return result;
}

Distribution distribution_from_counts(const std::vector<double>& counts, int low_point) {
  Distribution distribution;
  distribution.counts = counts;
  distribution.low_point = low_point;
  double sum = 0;
  for (std::size_t index = 0; index < counts.size(); ++index) {
    distribution.n += counts[index];
    sum += counts[index] * (low_point + static_cast<double>(index));
  }
  if (distribution.n > 0) {
    distribution.mean = sum / distribution.n;
    double squares = 0;
    for (std::size_t index = 0; index < counts.size(); ++index) {
      const double deviation = low_point + static_cast<double>(index) - distribution.mean;
      squares += counts[index] * deviation * deviation;
    }
    distribution.variance = distribution.n > 1 ? squares / (distribution.n - 1) : 0.0;
  }
  return distribution;
}

Distribution distribution_from_ratings(const std::vector<double>& ratings, int low_point, int high_point) {
  std::vector<double> counts(static_cast<std::size_t>(high_point - low_point + 1), 0.0);
  for (double rating : ratings) counts[static_cast<std::size_t>(rating - low_point)] += 1;
  return distribution_from_counts(counts, low_point);
}

json distribution_parts(const Distribution& distribution) {
  json points = json::array();
  for (std::size_t index = 0; index < distribution.counts.size(); ++index) {
    const double count = distribution.counts[index];
    points.push_back({{"point", distribution.low_point + static_cast<int>(index)},
                      {"count", count},
                      {"share", distribution.n > 0 ? build::percent_of(count, distribution.n) : 0.0}});
  }
  return points;
}

json distribution_chart(const Distribution& distribution, double good_from, double good_to) {
  json items = json::array();
  for (std::size_t index = 0; index < distribution.counts.size(); ++index) {
    const int point = distribution.low_point + static_cast<int>(index);
    items.push_back({{"label", std::to_string(point)},
                     {"value", distribution.counts[index]},
                     {"tone", point >= good_from && point <= good_to ? "good" : "neutral"}});
  }
  return {{"type", "bars"}, {"unit", "count"}, {"items", items}};
}

void set_mean_ci(Result& result, double mean, double variance, double n) {
  if (n >= 2) {
    const stats::Interval interval = stats::mean_interval(mean, std::sqrt(variance), n);
    result.ci = interval;
    if (variance == 0) build::add_warning(result, "no_spread", "All values are identical, so the interval has zero width.");
  }
}

Result durations(const std::vector<double>& seconds, const std::string& formula_key) {
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const stats::Moments moments = stats::moments(sorted);
  Result result = build::value_result(moments.mean, "seconds", moments.n);
  double total = 0;
  for (double value : sorted) total += value;
  result.parts = {{"mean", moments.mean},
                  {"median", stats::quantile_sorted(sorted, 0.5)},
                  {"p90", stats::quantile_sorted(sorted, 0.9)},
                  {"min", sorted.front()},
                  {"max", sorted.back()},
                  {"total_seconds", total},
                  {"count", moments.n}};
  set_mean_ci(result, moments.mean, moments.variance, moments.n);
  build::set_formula(result, formula_key, {{"total_seconds", total}, {"count", moments.n}, {"value", moments.mean}});
  json items = json::array();
  for (const char* name : {"min", "median", "mean", "p90", "max"}) {
    items.push_back({{"key", std::string("chart.") + name}, {"value", result.parts[name]}, {"tone", "neutral"}});
  }
  result.chart = {{"type", "bars"}, {"unit", "seconds"}, {"items", items}};
  return result;
}

Result average(double total, const std::string& total_name, double count, const std::string& count_name,
               const std::string& formula_key, const std::string& unit) {
  if (count == 0) {
    return Result::failure("input.zero_denominator", count_name, count_name + " is 0: an average of nothing is undefined.");
  }
  Result result = build::value_result(total / count, unit, count);
  result.parts = {{total_name, total}, {count_name, count}};
  build::set_formula(result, formula_key, {{"total_seconds", total}, {"count", count}, {"value", result.value}});
  build::add_warning(result, "no_interval", "No interval: individual values are needed to estimate the spread.");
  return result;
}

}  // namespace skpi::metrics::common
