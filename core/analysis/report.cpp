#include "core/analysis/report.hpp"

#include <cmath>

#include "core/stats/stats.hpp"
#include "core/time/civil.hpp"

namespace skpi::analysis {

json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

namespace {

json interval_json(double low, double high) { return json{{"low", number(low)}, {"high", number(high)}, {"level", 0.95}}; }

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

json share(std::uint64_t hits, std::uint64_t n) {
  if (n == 0) return json{{"value", nullptr}, {"n", 0}};
  const stats::Interval ci = stats::wilson_interval(static_cast<double>(hits), static_cast<double>(n));
  json out{{"value", number(percent(hits, n))}, {"n", n}, {"count", hits}, {"ci", interval_json(ci.low * 100, ci.high * 100)}};
  if (n < 30) out["small_sample"] = true;
  return out;
}

json summary_json(QuantileStore& store) { return summary_json(store.summarize()); }

json summary_json(const QuantileSummary& summary) {
  if (summary.n == 0) return json{{"n", 0}, {"mean", nullptr}, {"median", nullptr}, {"p90", nullptr}};
  return json{{"mean", number(summary.mean)}, {"median", number(summary.median)}, {"p90", number(summary.p90)},
              {"n", summary.n},           {"min", number(summary.min)},       {"max", number(summary.max)},
              {"sd", number(summary.standard_deviation)}};
}

json nps_json(const RatingCounts& counts, const RatingScale* forced_scale) {
  const std::uint64_t n = counts.between(0, 10);
  if (n == 0) return json{{"value", nullptr}, {"n", 0}};
  const std::uint64_t promoters = counts.between(9, 10);
  const std::uint64_t passives = counts.between(7, 8);
  const std::uint64_t detractors = counts.between(0, 6);
  const double p = static_cast<double>(promoters) / static_cast<double>(n);
  const double d = static_cast<double>(detractors) / static_cast<double>(n);
  const stats::Interval ci = stats::nps_interval(p, d, static_cast<double>(n));
  const RatingScale scale = forced_scale ? *forced_scale : detect_nps_scale(counts);
  json distribution = json::array();
  for (int value = scale.low; value <= 10; ++value) distribution.push_back(counts.count(value));
  json out{{"value", number((p - d) * 100)},
           {"n", n},
           {"ci", interval_json(ci.low, ci.high)},
           {"promoters", promoters},
           {"passives", passives},
           {"detractors", detractors},
           {"promoter_share", number(p * 100)},
           {"detractor_share", number(d * 100)},
           {"scale", scale.name()},
           {"distribution", distribution}};
  if (n < 30) out["small_sample"] = true;
  return out;
}

json csat_json(const RatingCounts& counts, const RatingScale* forced_scale, const int* threshold) {
  if (counts.numeric() == 0 && counts.verdicts() > 0) {
    json out = share(counts.good(), counts.verdicts());
    out["scale"] = "good/bad";
    out["satisfied"] = counts.good();
    out["unsatisfied"] = counts.bad();
    return out;
  }
  const std::uint64_t n = counts.numeric();
  if (n == 0) return json{{"value", nullptr}, {"n", 0}};
  const RatingScale scale = forced_scale ? *forced_scale : detect_csat_scale(counts);
  const int lowest_satisfied = threshold ? *threshold : (scale.high == 3 ? 3 : scale.high - 1);
  std::uint64_t in_scale = counts.between(scale.low, scale.high);
  const std::uint64_t satisfied = counts.between(lowest_satisfied, scale.high);
  json out = share(satisfied, in_scale);
  out["mean"] = number(counts.sum() / static_cast<double>(n));
  out["scale"] = scale.name();
  out["threshold"] = lowest_satisfied;
  out["satisfied"] = satisfied;
  json distribution = json::array();
  for (int value = scale.low; value <= scale.high; ++value) distribution.push_back(counts.count(value));
  out["distribution"] = distribution;
  if (in_scale < n) out["out_of_scale"] = n - in_scale;
  return out;
}

json ces_json(const RatingCounts& counts, const RatingScale* forced_scale) {
  const std::uint64_t n = counts.numeric();
  if (n == 0) return json{{"value", nullptr}, {"n", 0}};
  const RatingScale scale = forced_scale ? *forced_scale : detect_ces_scale(counts);
  const double count = static_cast<double>(n);
  const double mean = counts.sum() / count;
  const double variance = n > 1 ? std::max(0.0, (counts.square_sum() - count * mean * mean) / (count - 1)) : 0.0;
  json out{{"value", number(mean)}, {"n", n}, {"mean", number(mean)}, {"variant", "mean"}, {"scale", scale.name()}};
  if (n > 1) {
    const stats::Interval ci = stats::mean_interval(mean, std::sqrt(variance), count);
    out["ci"] = interval_json(ci.low, ci.high);
    out["sd"] = number(std::sqrt(variance));
  }
  if (scale.high == 5) out["top2"] = share(counts.between(4, 5), counts.between(1, 5));
  if (n < 30) out["small_sample"] = true;
  return out;
}

std::string day_text(std::int64_t day) { return time::format_date(time::civil_from_days(day)); }
std::string week_text(std::int64_t day) { return time::format_iso_week(time::iso_week_from_days(day)); }
std::string month_text_of_day(std::int64_t day) { return time::format_month(time::civil_from_days(day)); }
std::string month_text(int month_key) { return time::format_month(time::month_from_key(month_key)); }
int month_key_of_day(std::int64_t day) { return time::month_key(time::civil_from_days(day)); }

// ------------------------------------------------------------------------------------- comparison

namespace {

bool has_number(const json& object, const char* key) { return object.is_object() && object.contains(key) && object[key].is_number(); }

json change_entry(double a, double b) {
  json out{{"a", number(a)}, {"b", number(b)}, {"change", number(b - a)}};
  if (a != 0) out["change_percent"] = number((b - a) / std::fabs(a) * 100);
  return out;
}

void add_test(json& entry, const stats::ZTest& test) {
  entry["p_value"] = number(test.p_value);
  entry["significant"] = test.significant;
}

}  // namespace

json compare_metrics(const json& a, const json& b) {
  json out = json::object();
  if (!a.is_object() || !b.is_object()) return out;
  for (const auto& [name, figure_b] : b.items()) {
    if (!a.contains(name)) continue;
    const json& figure_a = a[name];
    if (!figure_a.is_object() || !figure_b.is_object()) continue;
    if (name == "nps" && has_number(figure_a, "value") && has_number(figure_b, "value")) {
      json entry = change_entry(figure_a["value"].get<double>(), figure_b["value"].get<double>());
      auto variance = [](const json& f) {
        const double n = f["n"].get<double>();
        return stats::nps_variance(f["promoters"].get<double>() / n, f["detractors"].get<double>() / n, n);
      };
      const double se = std::sqrt(variance(figure_a) + variance(figure_b)) * 100;
      add_test(entry, stats::difference_test(entry["change"].get<double>(), se));
      entry["n_a"] = figure_a["n"];
      entry["n_b"] = figure_b["n"];
      out[name] = entry;
    } else if (has_number(figure_a, "count") && has_number(figure_b, "count") && has_number(figure_a, "value") &&
               has_number(figure_b, "value")) {
      // a share: value is a percentage of n
      json entry = change_entry(figure_a["value"].get<double>(), figure_b["value"].get<double>());
      add_test(entry, stats::two_proportion_test(figure_a["count"].get<double>(), figure_a["n"].get<double>(),
                                                 figure_b["count"].get<double>(), figure_b["n"].get<double>()));
      entry["n_a"] = figure_a["n"];
      entry["n_b"] = figure_b["n"];
      out[name] = entry;
    } else if (has_number(figure_a, "mean") && has_number(figure_b, "mean")) {
      // durations and rating means: Welch's z on the means, medians shown as they are
      json entry = change_entry(figure_a["mean"].get<double>(), figure_b["mean"].get<double>());
      entry["statistic"] = "mean";
      if (has_number(figure_a, "sd") && has_number(figure_b, "sd")) {
        const double na = figure_a["n"].get<double>(), nb = figure_b["n"].get<double>();
        const double sa = figure_a["sd"].get<double>(), sb = figure_b["sd"].get<double>();
        if (na > 1 && nb > 1) add_test(entry, stats::difference_test(entry["change"].get<double>(), std::sqrt(sa * sa / na + sb * sb / nb)));
      }
      if (has_number(figure_a, "median") && has_number(figure_b, "median")) {
        entry["median"] = change_entry(figure_a["median"].get<double>(), figure_b["median"].get<double>());
      }
      entry["n_a"] = figure_a["n"];
      entry["n_b"] = figure_b["n"];
      out[name] = entry;
    } else if (has_number(figure_a, "value") && has_number(figure_b, "value")) {
      json entry = change_entry(figure_a["value"].get<double>(), figure_b["value"].get<double>());
      if (figure_a.contains("n")) entry["n_a"] = figure_a["n"];
      if (figure_b.contains("n")) entry["n_b"] = figure_b["n"];
      out[name] = entry;
    }
  }
  return out;
}

}  // namespace skpi::analysis
