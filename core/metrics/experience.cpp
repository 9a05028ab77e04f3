// Experience (survey) metrics: CSAT, NPS, CES, IQS, engagement, referral and feedback response rates.
#include <cmath>

#include "core/metrics/builders.hpp"
#include "core/metrics/common.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;
using namespace build;

std::vector<Choice> rating_scales(std::initializer_list<std::pair<int, int>> ranges) {
  std::vector<Choice> choices;
  for (const auto& [low, high] : ranges) choices.push_back(scale_choice(low, high));
  return choices;
}

// ---------------------------------------------------------------- CSAT

// Satisfied = the top two points by default (4–5 on 1–5); on a three-point scale only the top one.
double default_csat_threshold(std::pair<int, int> scale) {
  return scale.second - scale.first + 1 <= 3 ? scale.second : scale.second - 1;
}

Result compute_csat(const Inputs& inputs, const Options& options) {
  const auto scale = options.points("scale");
  const double threshold = options.has("threshold") ? options.number("threshold") : default_csat_threshold(scale);
  if (threshold < scale.first || threshold > scale.second || threshold != std::floor(threshold)) {
    return Result::failure("option.invalid", "threshold",
                           "threshold must be a point of the scale " + std::to_string(scale.first) + "–" +
                               std::to_string(scale.second) + ".");
  }
  double satisfied = 0;
  double responses = 0;
  std::optional<common::Distribution> distribution;
  if (inputs.input_set() == "counts") {
    satisfied = inputs.number("satisfied");
    responses = inputs.number("responses");
    if (auto error = common::check_part_of_whole(satisfied, "satisfied", responses, "responses")) return *error;
  } else {
    distribution = inputs.input_set() == "distribution"
                       ? common::distribution_from_counts(inputs.list("counts"), scale.first)
                       : common::distribution_from_ratings(inputs.list("ratings"), scale.first, scale.second);
    responses = distribution->n;
    if (responses == 0) return Result::failure("input.zero_denominator", "counts", "All counts are 0: there are no responses.");
    for (std::size_t index = 0; index < distribution->counts.size(); ++index) {
      if (scale.first + static_cast<double>(index) >= threshold) satisfied += distribution->counts[index];
    }
  }
  Result result = value_result(percent_of(satisfied, responses), "percent", responses);
  set_wilson_ci(result, satisfied, responses);
  result.parts = {{"satisfied", satisfied}, {"responses", responses}, {"threshold", threshold},
                  {"scale_min", scale.first}, {"scale_max", scale.second}};
  if (distribution) {
    result.parts["mean_rating"] = distribution->mean;
    result.parts["distribution"] = common::distribution_parts(*distribution);
    if (scale == std::make_pair(1, 5)) {
      // The five review bands of the Turkish source article, 5 stars = very positive.
      const char* bands[] = {"very_poor", "poor", "neutral", "positive", "very_positive"};
      json band_parts = json::object();
      for (int point = 0; point < 5; ++point) band_parts[bands[point]] = distribution->counts[static_cast<std::size_t>(point)];
      result.parts["bands"] = band_parts;
    }
    result.chart = common::distribution_chart(*distribution, threshold, scale.second);
  } else {
    result.chart = {{"type", "stack"}, {"unit", "percent"},
                    {"items", {{{"input", "satisfied"}, {"value", result.value}, {"tone", "good"}},
                               {{"key", "chart.rest"}, {"value", 100.0 - result.value}, {"tone", "neutral"}}}}};
  }
  set_formula(result, "formula.csat", {{"satisfied", satisfied}, {"responses", responses}, {"value", result.value}});
  set_interpretation(result, "interpretation.csat",
                     {{"value", result.value}, {"threshold", threshold}, {"scale_max", scale.second}, {"n", responses}});
  warn_small_sample(result);
  return result;
}

MetricSpec csat_metric() {
  MetricSpec metric{"csat", "experience", "Customer Satisfaction Score (CSAT)",
                    "The share of survey respondents who chose one of the top points of the satisfaction scale.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.input_sets = {"counts", "distribution", "ratings"};
  variant.inputs = {
      input("satisfied", InputKind::count, "Satisfied responses", "counts", "Responses at or above the threshold (top two points by default)."),
      input("responses", InputKind::count, "All responses", "counts"),
      with_points_option(input("counts", InputKind::count_list, "Responses per scale point", "distribution", "Lowest point first."), "scale"),
      with_points_option(input("ratings", InputKind::rating_list, "Individual ratings", "ratings"), "scale"),
  };
  variant.options = {
      choice_option("scale", "Rating scale", rating_scales({{1, 3}, {1, 5}, {1, 7}, {1, 10}}), "1-5", "Stars count as 1–5."),
      number_option("threshold", "Satisfied from", 0, 1, 10, "rating", "Lowest rating counted as satisfied; empty = the top two points."),
  };
  variant.options[1].default_value = nullptr;
  variant.outputs = {"satisfied", "responses", "threshold", "mean_rating", "distribution", "bands"};
  variant.formulas = {{"formula.csat", "CSAT = {satisfied:int} / {responses:int} × 100 = {value:percent}"}};
  variant.interpretations = {{"interpretation.csat", "{value:percent} of {n:int} respondents chose {threshold:int} or higher on a scale up to {scale_max:int}."}};
  variant.examples = {example("csat_30_of_50", {{"satisfied", 30}, {"responses", 50}}, 60)};
  variant.compute = compute_csat;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- NPS

Result compute_nps(const Inputs& inputs, const Options&) {
  double promoters = 0, passives = 0, detractors = 0, responses = 0;
  double promoter_share = 0, detractor_share = 0;
  bool counts_known = true;
  const std::string& set = inputs.input_set();
  if (set == "counts") {
    promoters = inputs.number("promoters");
    passives = inputs.number("passives");
    detractors = inputs.number("detractors");
  } else if (set == "shares") {
    promoter_share = inputs.number("promoter_percent");
    detractor_share = inputs.number("detractor_percent");
    if (promoter_share + detractor_share > 100) {
      return Result::failure("input.part_exceeds_whole", "detractor_percent",
                             "Promoters and detractors together cannot exceed 100%.", 100 - promoter_share);
    }
    counts_known = false;
    responses = inputs.number_or("responses", 0);
  } else {
    const std::vector<double> counts = set == "distribution"
                                           ? inputs.list("counts")
                                           : common::distribution_from_ratings(inputs.list("ratings"), 0, 10).counts;
    for (int point = 0; point <= 10; ++point) {
      const double count = counts[static_cast<std::size_t>(point)];
      (point >= 9 ? promoters : point >= 7 ? passives : detractors) += count;
    }
  }
  if (counts_known) {
    responses = promoters + passives + detractors;
    if (responses == 0) {
      return Result::failure("input.zero_denominator", set == "counts" ? "promoters" : set,
                             "There are no responses: all counts are 0.");
    }
    promoter_share = percent_of(promoters, responses);
    detractor_share = percent_of(detractors, responses);
  }
  // Subtract the counts before dividing so that 70 of 100 minus 10 of 100 is exactly 60.
  const double value = counts_known ? percent_of(promoters - detractors, responses) : promoter_share - detractor_share;
  Result result = value_result(value, "score", responses);
  const double passive_share = 100.0 - promoter_share - detractor_share;
  result.parts = {{"promoter_share", promoter_share}, {"passive_share", passive_share},
                  {"detractor_share", detractor_share}, {"responses", responses}};
  if (counts_known) {
    result.parts["promoters"] = promoters;
    result.parts["passives"] = passives;
    result.parts["detractors"] = detractors;
  }
  if (responses > 0) {
    result.ci = stats::nps_interval(promoter_share / 100.0, detractor_share / 100.0, responses);
    result.parts["margin"] = (result.ci->high - result.ci->low) / 2;
    warn_small_sample(result);
  } else {
    add_warning(result, "no_interval", "Give the number of responses to get a margin of error.");
  }
  set_formula(result, "formula.nps", {{"promoter_share", promoter_share}, {"detractor_share", detractor_share}, {"value", value}});
  const char* band = value >= 50 ? "interpretation.nps.excellent"
                     : value > 0 ? "interpretation.nps.positive"
                     : value == 0 ? "interpretation.nps.neutral" : "interpretation.nps.negative";
  set_interpretation(result, band, {{"value", value}, {"promoter_share", promoter_share}, {"detractor_share", detractor_share}});
  result.chart = {{"type", "stack"}, {"unit", "percent"},
                  {"items", {{{"key", "chart.promoters"}, {"value", promoter_share}, {"tone", "good"}},
                             {{"key", "chart.passives"}, {"value", passive_share}, {"tone", "neutral"}},
                             {{"key", "chart.detractors"}, {"value", detractor_share}, {"tone", "bad"}}}}};
  return result;
}

MetricSpec nps_metric() {
  MetricSpec metric{"nps", "experience", "Net Promoter Score (NPS)",
                    "How likely customers are to recommend you, on 0–10: the share of promoters (9–10) minus the share of detractors (0–6).", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "score";
  variant.input_sets = {"counts", "shares", "distribution", "ratings"};
  variant.inputs = {
      input("promoters", InputKind::count, "Promoters (9–10)", "counts"),
      input("passives", InputKind::count, "Passives (7–8)", "counts"),
      input("detractors", InputKind::count, "Detractors (0–6)", "counts"),
      input("promoter_percent", InputKind::percent, "Promoters, %", "shares"),
      input("detractor_percent", InputKind::percent, "Detractors, %", "shares"),
      optional_input(input("responses", InputKind::count, "Number of responses", "shares", "Optional: needed for the margin of error.")),
      with_points(input("counts", InputKind::count_list, "Responses per score 0–10", "distribution"), 0, 10),
      with_points(input("ratings", InputKind::rating_list, "Individual scores (0–10)", "ratings", "Scores 1–10 without 0 use the same bands."), 0, 10),
  };
  variant.outputs = {"promoter_share", "passive_share", "detractor_share", "promoters", "passives", "detractors", "responses", "margin"};
  variant.formulas = {{"formula.nps", "NPS = {promoter_share:percent} − {detractor_share:percent} = {value:dec1}"}};
  variant.interpretations = {
      {"interpretation.nps.excellent", "Excellent: for every 100 respondents there are {value:dec1} more promoters than detractors."},
      {"interpretation.nps.positive", "Positive: promoters ({promoter_share:percent}) outnumber detractors ({detractor_share:percent})."},
      {"interpretation.nps.neutral", "Neutral: as many promoters as detractors."},
      {"interpretation.nps.negative", "Negative: detractors ({detractor_share:percent}) outnumber promoters ({promoter_share:percent})."},
  };
  Example from_shares = example("nps_70_and_10_percent", {{"promoter_percent", 70}, {"detractor_percent", 10}}, 60);
  Example from_shares_2 = example("nps_80_and_15_percent", {{"promoter_percent", 80}, {"detractor_percent", 15}}, 65);
  Example from_ratings = example("nps_ratings_10_9_8_3_10", {{"ratings", {10, 9, 8, 3, 10}}}, 40);
  Example with_ci = example("nps_70_20_10_interval", {{"promoters", 70}, {"passives", 20}, {"detractors", 10}}, 60);
  with_ci.ci = std::make_pair(47.0, 73.0);
  variant.examples = {from_shares, from_shares_2, from_ratings, with_ci};
  variant.compute = compute_nps;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- CES

Result compute_ces_mean(const Inputs& inputs, const Options& options) {
  const auto scale = options.points("scale");
  const bool effort = options.text("direction") == "effort";
  Result result;
  if (inputs.input_set() == "totals") {
    const double sum = inputs.number("rating_sum");
    const double responses = inputs.number("responses");
    if (responses == 0) return Result::failure("input.zero_denominator", "responses", "responses is 0.");
    if (sum < scale.first * responses || sum > scale.second * responses) {
      return Result::failure("input.inconsistent", "rating_sum",
                             "rating_sum must lie between responses × lowest point and responses × highest point.",
                             sum < scale.first * responses ? scale.first * responses : scale.second * responses);
    }
    result = value_result(sum / responses, "rating", responses);
    result.parts = {{"rating_sum", sum}, {"responses", responses}};
    add_warning(result, "no_interval", "No interval: individual values are needed to estimate the spread.");
  } else {
    const common::Distribution distribution =
        inputs.input_set() == "distribution" ? common::distribution_from_counts(inputs.list("counts"), scale.first)
                                             : common::distribution_from_ratings(inputs.list("ratings"), scale.first, scale.second);
    if (distribution.n == 0) return Result::failure("input.zero_denominator", "counts", "All counts are 0: there are no responses.");
    result = value_result(distribution.mean, "rating", distribution.n);
    result.parts = {{"rating_sum", distribution.mean * distribution.n}, {"responses", distribution.n},
                    {"standard_deviation", std::sqrt(distribution.variance)},
                    {"distribution", common::distribution_parts(distribution)}};
    common::set_mean_ci(result, distribution.mean, distribution.variance, distribution.n);
    const double middle = (scale.first + scale.second) / 2.0;
    result.chart = effort ? common::distribution_chart(distribution, scale.first, std::floor(middle - 0.5))
                          : common::distribution_chart(distribution, std::ceil(middle + 0.5), scale.second);
  }
  result.parts["scale_min"] = scale.first;
  result.parts["scale_max"] = scale.second;
  result.parts["direction"] = effort ? "effort" : "ease";
  set_formula(result, "formula.ces.mean",
              {{"rating_sum", result.parts["rating_sum"]}, {"responses", result.n}, {"value", result.value}});
  set_interpretation(result, effort ? "interpretation.ces.effort" : "interpretation.ces.ease",
                     {{"value", result.value}, {"scale_min", scale.first}, {"scale_max", scale.second}});
  warn_small_sample(result);
  return result;
}

Result compute_ces_top2(const Inputs& inputs, const Options&) {
  double agree = 0, responses = 0;
  std::optional<common::Distribution> distribution;
  if (inputs.input_set() == "counts") {
    agree = inputs.number("agree");
    responses = inputs.number("responses");
    if (auto error = common::check_part_of_whole(agree, "agree", responses, "responses")) return *error;
  } else {
    distribution = common::distribution_from_counts(inputs.list("counts"), 1);
    responses = distribution->n;
    if (responses == 0) return Result::failure("input.zero_denominator", "counts", "All counts are 0: there are no responses.");
    agree = distribution->counts[3] + distribution->counts[4];
  }
  Result result = value_result(percent_of(agree, responses), "percent", responses);
  set_wilson_ci(result, agree, responses);
  result.parts = {{"agree", agree}, {"responses", responses}};
  if (distribution) {
    result.parts["distribution"] = common::distribution_parts(*distribution);
    result.chart = common::distribution_chart(*distribution, 4, 5);
  }
  set_formula(result, "formula.ces.top2", {{"agree", agree}, {"responses", responses}, {"value", result.value}});
  set_interpretation(result, "interpretation.ces.top2", {{"value", result.value}, {"n", responses}});
  warn_small_sample(result);
  return result;
}

MetricSpec ces_metric() {
  MetricSpec metric{"ces", "experience", "Customer Effort Score (CES)",
                    "How easy it was for customers to get what they needed: the mean effort rating, or the share who agree it was easy.", {}};
  VariantSpec mean;
  mean.id = "mean";
  mean.label = "Mean rating";
  mean.description = "Sum of ratings / responses, on 1–7 (or 1–5).";
  mean.unit = "rating";
  mean.input_sets = {"ratings", "distribution", "totals"};
  mean.inputs = {
      with_points_option(input("ratings", InputKind::rating_list, "Individual ratings", "ratings"), "scale"),
      with_points_option(input("counts", InputKind::count_list, "Responses per scale point", "distribution", "Lowest point first."), "scale"),
      input("rating_sum", InputKind::number, "Sum of all ratings", "totals"),
      input("responses", InputKind::count, "Number of responses", "totals"),
  };
  mean.options = {
      choice_option("scale", "Rating scale", rating_scales({{1, 5}, {1, 7}}), "1-7"),
      choice_option("direction", "Question wording",
                    {plain_choice("effort", "How much effort? (lower is better)"),
                     plain_choice("ease", "The company made it easy (higher is better)")},
                    "effort"),
  };
  mean.outputs = {"rating_sum", "responses", "standard_deviation", "distribution"};
  mean.formulas = {{"formula.ces.mean", "CES = {rating_sum:dec2} / {responses:int} = {value:dec2}"}};
  mean.interpretations = {
      {"interpretation.ces.effort", "Average effort {value:dec2} on a {scale_min:int}–{scale_max:int} scale where {scale_min:int} means least effort: lower is better."},
      {"interpretation.ces.ease", "Average agreement {value:dec2} on a {scale_min:int}–{scale_max:int} scale where {scale_max:int} means it was easiest: higher is better."},
  };
  mean.examples = {example("ces_mean_2_3_1_5_4", {{"ratings", {2, 3, 1, 5, 4}}}, 3.0)};
  mean.compute = compute_ces_mean;

  VariantSpec top2;
  top2.id = "top2";
  top2.label = "Top-2 share";
  top2.description = "The share of responses choosing 4 or 5 on a 1–5 agreement scale.";
  top2.unit = "percent";
  top2.input_sets = {"distribution", "counts"};
  top2.inputs = {
      with_points(input("counts", InputKind::count_list, "Responses per point 1–5", "distribution"), 1, 5),
      input("agree", InputKind::count, "Responses at 4–5", "counts"),
      input("responses", InputKind::count, "All responses", "counts"),
  };
  top2.outputs = {"agree", "responses", "distribution"};
  top2.formulas = {{"formula.ces.top2", "CES = {agree:int} / {responses:int} × 100 = {value:percent}"}};
  top2.interpretations = {{"interpretation.ces.top2", "{value:percent} of {n:int} respondents agreed it was easy (4 or 5 of 5)."}};
  top2.examples = {example("ces_top2_counts", {{"counts", {5, 5, 10, 40, 40}}}, 80)};
  top2.compute = compute_ces_top2;
  metric.variants = {std::move(mean), std::move(top2)};
  return metric;
}

// ---------------------------------------------------------------- IQS

Result compute_iqs(const Inputs& inputs, const Options&) {
  const auto& weights = inputs.list("weights");
  const auto& rows = inputs.table("scores");
  double weight_sum = 0;
  for (double weight : weights) weight_sum += weight;
  std::vector<double> interaction_scores;
  std::vector<double> criterion_sums(weights.size(), 0.0);
  double first_weighted_sum = 0;
  for (const auto& row : rows) {
    double weighted = 0;
    for (std::size_t index = 0; index < row.size(); ++index) {
      weighted += weights[index] * row[index];
      criterion_sums[index] += row[index];
    }
    if (interaction_scores.empty()) first_weighted_sum = weighted;
    interaction_scores.push_back(weighted / weight_sum);
  }
  const stats::Moments moments = stats::moments(interaction_scores);
  Result result = value_result(moments.mean, "score", moments.n);
  json by_criterion = json::array();
  json items = json::array();
  for (std::size_t index = 0; index < weights.size(); ++index) {
    const double mean = criterion_sums[index] / static_cast<double>(rows.size());
    by_criterion.push_back({{"criterion", index + 1}, {"weight", weights[index]}, {"mean_score", mean}});
    items.push_back({{"label", "#" + std::to_string(index + 1)}, {"value", mean}, {"tone", "neutral"}});
  }
  result.parts = {{"interaction_scores", interaction_scores}, {"by_criterion", by_criterion}, {"weight_sum", weight_sum}};
  result.chart = {{"type", "bars"}, {"unit", "score"}, {"items", items}};
  common::set_mean_ci(result, moments.mean, moments.variance, moments.n);
  if (rows.size() == 1) {
    set_formula(result, "formula.iqs.single", {{"weighted_sum", first_weighted_sum}, {"weight_sum", weight_sum}, {"value", result.value}});
  } else {
    set_formula(result, "formula.iqs.mean", {{"n", moments.n}, {"value", result.value}});
  }
  set_interpretation(result, "interpretation.iqs", {{"value", result.value}, {"n", moments.n}});
  warn_small_sample(result);
  return result;
}

MetricSpec iqs_metric() {
  MetricSpec metric{"iqs", "experience", "Internal Quality Score (IQS)",
                    "A weighted QA scorecard of reviewed conversations: each review scores criteria 0–100, weighted; IQS is the mean review score.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "score";
  InputSpec weights = input("weights", InputKind::number_list, "Criterion weights", "", "One weight per criterion, e.g. response time, resolution, accuracy, tone.");
  weights.min_exclusive = true;
  InputSpec scores = input("scores", InputKind::score_table, "Scores per reviewed interaction", "", "One row per review, one score 0–100 per criterion (pass = 100, fail = 0).");
  scores.length_of = "weights";
  variant.inputs = {weights, scores};
  variant.outputs = {"interaction_scores", "by_criterion", "weight_sum"};
  variant.formulas = {
      {"formula.iqs.single", "IQS = Σ(weight × score) / Σ weight = {weighted_sum:dec2} / {weight_sum:dec2} = {value:dec1}"},
      {"formula.iqs.mean", "IQS = mean of {n:int} review scores = {value:dec1}"},
  };
  variant.interpretations = {{"interpretation.iqs", "Reviewed conversations met {value:dec1}% of the weighted quality criteria ({n:int} reviews)."}};
  variant.examples = {example("iqs_weights_40_30_30", {{"weights", {40, 30, 30}}, {"scores", {100, 50, 80}}}, 79)};
  variant.compute = compute_iqs;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- engagement

Result compute_engagement(const Inputs& inputs, const Options&) {
  double weighted = 0, weight_sum = 0;
  json components = json::array();
  json items = json::array();
  for (const auto& component : inputs.components()) {
    weighted += component.weight * component.rate;
    weight_sum += component.weight;
    json item{{"name", component.name}, {"weight", component.weight}, {"rate", component.rate}};
    if (component.part) item["part"] = *component.part;
    if (component.whole) item["whole"] = *component.whole;
    components.push_back(item);
    items.push_back({{"label", component.name}, {"value", component.rate}, {"tone", "neutral"}});
  }
  Result result = value_result(weighted / weight_sum, "score", static_cast<double>(inputs.components().size()));
  result.parts = {{"components", components}, {"weight_sum", weight_sum}};
  result.chart = {{"type", "bars"}, {"unit", "percent"}, {"items", items}};
  set_formula(result, "formula.engagement", {{"weighted_sum", weighted}, {"weight_sum", weight_sum}, {"value", result.value}});
  set_interpretation(result, "interpretation.engagement", {{"value", result.value}, {"components", result.n}});
  return result;
}

MetricSpec engagement_metric() {
  MetricSpec metric{"engagement", "experience", "Customer engagement score",
                    "A weighted index of engagement rates, e.g. loyalty-programme participation, training attendance and active usage.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "score";
  variant.inputs = {input("components", InputKind::component_list, "Engagement components", "",
                          "Each with a name, a weight, and a rate in % or a part of a whole (participants of customers).")};
  variant.outputs = {"components", "weight_sum"};
  variant.formulas = {{"formula.engagement", "Score = Σ(weight × rate) / Σ weight = {weighted_sum:dec2} / {weight_sum:dec2} = {value:dec1}"}};
  variant.interpretations = {{"interpretation.engagement", "The weighted average of {components:int} engagement rates is {value:dec1} out of 100."}};
  variant.examples = {example("engagement_loyalty_and_training",
                              {{"components", {{{"name", "loyalty"}, {"weight", 1}, {"part", 400}, {"whole", 2000}},
                                               {{"name", "training"}, {"weight", 1}, {"part", 300}, {"whole", 2000}}}}},
                              17.5)};
  variant.compute = compute_engagement;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- simple shares

MetricSpec referral_metric() {
  MetricSpec metric{"referral_rate", "experience", "Referral rate",
                    "The share of new customers who came through a referral, or of customers who referred someone.", {}};
  VariantSpec by_new;
  by_new.id = "default";
  by_new.label = "New customers from referrals";
  by_new.unit = "percent";
  by_new.inputs = {input("referred_new", InputKind::count, "New customers who came through referrals"),
                   input("new_customers", InputKind::count, "All new customers")};
  by_new.outputs = {"referred_new", "new_customers"};
  by_new.formulas = {{"formula.referral_rate", "Referral rate = {referred_new:int} / {new_customers:int} × 100 = {value:percent}"}};
  by_new.interpretations = {{"interpretation.referral_rate", "{value:percent} of new customers arrived through a referral."}};
  by_new.examples = {example("referral_45_of_300", {{"referred_new", 45}, {"new_customers", 300}}, 15)};
  by_new.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "referred_new", "new_customers", "formula.referral_rate");
    if (result.ok) set_interpretation(result, "interpretation.referral_rate", {{"value", result.value}});
    return result;
  };
  VariantSpec referrers;
  referrers.id = "referrers";
  referrers.label = "Customers who referred someone";
  referrers.unit = "percent";
  referrers.inputs = {input("referrers", InputKind::count, "Customers who referred at least one person"),
                      input("customers", InputKind::count, "All customers")};
  referrers.outputs = {"referrers", "customers"};
  referrers.formulas = {{"formula.referral_rate.referrers", "Referral rate = {referrers:int} / {customers:int} × 100 = {value:percent}"}};
  referrers.interpretations = {{"interpretation.referral_rate.referrers", "{value:percent} of customers referred at least one person."}};
  referrers.examples = {example("referrers_50_of_1000", {{"referrers", 50}, {"customers", 1000}}, 5)};
  referrers.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "referrers", "customers", "formula.referral_rate.referrers");
    if (result.ok) set_interpretation(result, "interpretation.referral_rate.referrers", {{"value", result.value}});
    return result;
  };
  metric.variants = {std::move(by_new), std::move(referrers)};
  return metric;
}

MetricSpec feedback_response_metric() {
  MetricSpec metric{"feedback_response_rate", "experience", "Feedback response rate",
                    "The share of customer feedback items (reviews, comments, survey remarks) that received a reply.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.inputs = {input("responded", InputKind::count, "Feedback items that received a reply"),
                    input("received", InputKind::count, "Feedback items received")};
  variant.outputs = {"responded", "received"};
  variant.formulas = {{"formula.feedback_response_rate", "Response rate = {responded:int} / {received:int} × 100 = {value:percent}"}};
  variant.interpretations = {{"interpretation.feedback_response_rate", "{value:percent} of feedback got a reply; {unanswered:int} items are still unanswered."}};
  variant.examples = {example("feedback_120_of_150", {{"responded", 120}, {"received", 150}}, 80)};
  variant.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "responded", "received", "formula.feedback_response_rate");
    if (result.ok) {
      set_interpretation(result, "interpretation.feedback_response_rate",
                         {{"value", result.value}, {"unanswered", inputs.number("received") - inputs.number("responded")}});
    }
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

}  // namespace

void add_experience_metrics(std::vector<MetricSpec>& metrics) {
  metrics.push_back(csat_metric());
  metrics.push_back(nps_metric());
  metrics.push_back(ces_metric());
  metrics.push_back(iqs_metric());
  metrics.push_back(engagement_metric());
  metrics.push_back(referral_metric());
  metrics.push_back(feedback_response_metric());
}

}  // namespace skpi::metrics
