// Support operations metrics on aggregate numbers: response and resolution times, FCR, resolution rate, ASA,
// AHT, service level, abandonment, blocking (observed and Erlang B), backlog and support cost.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/metrics/builders.hpp"
#include "core/metrics/common.hpp"
#include "core/metrics/erlang.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;
using namespace build;

// A stack of one part and the rest of its whole, in percent of the whole.
json part_chart(json first_item, double value, const std::string& rest_key, const std::string& rest_tone = "neutral") {
  first_item["value"] = value;
  return {{"type", "stack"},
          {"unit", "percent"},
          {"items", {first_item, {{"key", rest_key}, {"value", 100.0 - value}, {"tone", rest_tone}}}}};
}

// ---------------------------------------------------------------- durations (FRT, response and resolution time)

struct DurationTexts {
  std::string id;
  std::string name;
  std::string description;
  std::string count_name;      // the divisor of the totals form
  std::string count_label;
  std::string count_hint;
  std::string total_label;
  std::string total_hint;
  std::string durations_label;
  std::string formula;               // totals
  std::string formula_durations;     // individual durations
  std::string interpretation;        // totals: {value}
  std::string interpretation_durations;  // durations: {median}, {p90}
};

MetricSpec duration_metric(const DurationTexts& texts, std::vector<Example> examples) {
  MetricSpec metric{texts.id, "operations", texts.name, texts.description, {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "seconds";
  variant.input_sets = {"totals", "durations"};
  variant.inputs = {
      input("total_seconds", InputKind::seconds, texts.total_label, "totals", texts.total_hint),
      input(texts.count_name, InputKind::count, texts.count_label, "totals", texts.count_hint),
      input("durations", InputKind::seconds_list, texts.durations_label, "durations", "One duration per case, in seconds."),
  };
  variant.outputs = {"mean", "median", "p90", "min", "max", "total_seconds", "count", texts.count_name};
  const std::string formula_key = "formula." + texts.id;
  const std::string durations_formula_key = "formula." + texts.id + ".durations";
  const std::string interpretation_key = "interpretation." + texts.id;
  const std::string durations_interpretation_key = "interpretation." + texts.id + ".durations";
  variant.formulas = {{formula_key, texts.formula}, {durations_formula_key, texts.formula_durations}};
  variant.interpretations = {{interpretation_key, texts.interpretation},
                             {durations_interpretation_key, texts.interpretation_durations}};
  variant.examples = std::move(examples);
  const std::string count_name = texts.count_name;
  variant.compute = [=](const Inputs& inputs, const Options&) {
    if (inputs.input_set() == "durations") {
      Result result = common::durations(inputs.list("durations"), durations_formula_key);
      result.formula.values["median"] = result.parts["median"];
      result.formula.values["p90"] = result.parts["p90"];
      set_interpretation(result, durations_interpretation_key,
                         {{"value", result.value}, {"median", result.parts["median"]}, {"p90", result.parts["p90"]},
                          {"n", result.n}});
      return result;
    }
    Result result = common::average(inputs.number("total_seconds"), "total_seconds", inputs.number(count_name),
                                    count_name, formula_key, "seconds");
    if (result.ok) {
      result.parts["mean"] = result.value;
      set_interpretation(result, interpretation_key, {{"value", result.value}, {"n", result.n}});
    }
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

MetricSpec frt_metric() {
  return duration_metric(
      {"frt", "First response time (FRT)",
       "Average time from the customer's first message (or the ticket's creation) to the first agent reply.",
       "tickets", "Tickets that received a first reply",
       "Counted: tickets with a first reply, the same tickets whose times make up the total. (One source divides by "
       "resolved tickets instead.)",
       "Total first-response time", "Sum of the first-response times of the counted tickets.",
       "First-response times",
       "FRT = {total_seconds:duration} / {count:int} tickets = {value:duration}",
       "FRT = mean of {count:int} first responses = {value:duration} (median {median:duration}, 90th percentile {p90:duration})",
       "Customers waited {value:duration} on average for a first reply.",
       "Half of the tickets got a first reply within {median:duration}, nine in ten within {p90:duration}."},
      {example("frt_36000_seconds_over_100_tickets", {{"total_seconds", 36000}, {"tickets", 100}}, 360, 0)});
}

MetricSpec response_time_metric() {
  return duration_metric(
      {"response_time", "Average response time",
       "Average time agents took to reply, over all replies (not only the first).",
       "responses", "Replies", "Every agent reply of the period, not only the first.",
       "Total response time", "Sum of the individual reply times.",
       "Reply times",
       "Average response time = {total_seconds:duration} / {count:int} replies = {value:duration}",
       "Average response time = mean of {count:int} replies = {value:duration} (median {median:duration}, 90th percentile {p90:duration})",
       "Agents replied in {value:duration} on average.",
       "Half of the replies came within {median:duration}, nine in ten within {p90:duration}."},
      {example("response_time_90000_seconds_over_600_replies", {{"total_seconds", 90000}, {"responses", 600}}, 150, 0)});
}

MetricSpec resolution_time_metric() {
  return duration_metric(
      {"resolution_time", "Resolution time",
       "Average (and median) time from a case's creation to its resolution, over resolved cases. Calendar time unless "
       "the durations were measured in business hours.",
       "resolved", "Resolved cases", "Only cases resolved in the period count.",
       "Total resolution time", "Sum of the resolution times of the resolved cases.",
       "Resolution times",
       "Average resolution time = {total_seconds:duration} / {count:int} resolved cases = {value:duration}",
       "Average resolution time = mean of {count:int} resolved cases = {value:duration} (median {median:duration}, 90th percentile {p90:duration})",
       "A resolved case took {value:duration} on average from creation to resolution.",
       "Half of the cases were resolved within {median:duration}, nine in ten within {p90:duration}."},
      // Filed Monday 09:00, resolved Wednesday 09:00: two days.
      {example("resolution_time_two_days", {{"durations", {172800}}}, 172800, 0)});
}

// ---------------------------------------------------------------- FCR and resolution rate

MetricSpec fcr_metric() {
  MetricSpec metric{"fcr", "operations", "First contact resolution (FCR)",
                    "The share of resolved cases that were resolved in the first contact, with no follow-up needed.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.inputs = {
      input("first_contact_resolved", InputKind::count, "Cases resolved in the first contact", "",
            "Helpdesks define the first contact differently (fewer than two agent replies, one reply, no customer "
            "follow-up, one agent): keep one definition from period to period."),
      input("resolved", InputKind::count, "All resolved cases"),
  };
  variant.outputs = {"first_contact_resolved", "resolved", "rest"};
  variant.formulas = {{"formula.fcr", "FCR = {first_contact_resolved:int} / {resolved:int} × 100 = {value:percent}"}};
  variant.interpretations = {{"interpretation.fcr", "{value:percent} of resolved cases needed no further contact; {rest:int} needed more than one."}};
  variant.examples = {example("fcr_340_of_400", {{"first_contact_resolved", 340}, {"resolved", 400}}, 85)};
  variant.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "first_contact_resolved", "resolved", "formula.fcr");
    if (result.ok) set_interpretation(result, "interpretation.fcr", {{"value", result.value}, {"rest", result.parts["rest"]}});
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

Result compute_resolution_rate(const Inputs& inputs, const Options&) {
  const double resolved = inputs.number("resolved");
  const double unresolved = inputs.number("unresolved");
  const double cases = resolved + unresolved;
  if (cases == 0) {
    return Result::failure("input.zero_denominator", "resolved", "resolved and unresolved are both 0: there are no cases.");
  }
  Result result = value_result(percent_of(resolved, cases), "percent", cases);
  // resolved / unresolved is a ratio, never a percentage; with nothing unresolved it does not exist.
  const json ratio = unresolved > 0 ? json(resolved / unresolved) : json(nullptr);
  result.parts = {{"resolved", resolved}, {"unresolved", unresolved}, {"cases", cases}, {"ratio", ratio}};
  set_formula(result, "formula.resolution_rate", {{"resolved", resolved}, {"unresolved", unresolved}, {"value", result.value}});
  if (unresolved > 0) {
    set_interpretation(result, "interpretation.resolution_rate", {{"value", result.value}, {"ratio", ratio}});
  } else {
    set_interpretation(result, "interpretation.resolution_rate.all", {{"value", result.value}, {"resolved", resolved}});
  }
  result.chart = part_chart({{"input", "resolved"}, {"tone", "good"}}, result.value, "chart.unresolved", "bad");
  return result;
}

MetricSpec resolution_rate_metric() {
  MetricSpec metric{"resolution_rate", "operations", "Resolution rate",
                    "The share of the period's cases that were resolved.", {}};
  metric.texts = {{"chart.unresolved", "Unresolved"}, {"chart.not_resolved", "Not resolved"}};
  VariantSpec overall;
  overall.id = "default";
  overall.label = "Resolved of all cases";
  overall.description = "resolved / (resolved + unresolved) × 100 over the cases of the period.";
  overall.unit = "percent";
  overall.inputs = {input("resolved", InputKind::count, "Resolved cases"),
                    input("unresolved", InputKind::count, "Unresolved cases")};
  overall.outputs = {"resolved", "unresolved", "cases", "ratio"};
  overall.formulas = {{"formula.resolution_rate",
                       "Resolution rate = {resolved:int} / ({resolved:int} + {unresolved:int}) × 100 = {value:percent}"}};
  overall.interpretations = {
      {"interpretation.resolution_rate",
       "{value:percent} of cases were resolved: a resolved-to-unresolved ratio of {ratio:dec1} to 1."},
      {"interpretation.resolution_rate.all", "All {resolved:int} cases were resolved."},
  };
  overall.examples = {example("resolution_rate_180_and_20", {{"resolved", 180}, {"unresolved", 20}}, 90)};
  overall.compute = compute_resolution_rate;

  VariantSpec assigned;
  assigned.id = "per_assigned";
  assigned.label = "Resolved of assigned";
  assigned.description = "Cases resolved in the period / cases assigned in the period × 100.";
  assigned.unit = "percent";
  assigned.inputs = {input("resolved", InputKind::count, "Resolved cases"),
                     input("assigned", InputKind::count, "Cases assigned in the period")};
  assigned.outputs = {"resolved", "assigned", "rest"};
  assigned.formulas = {{"formula.resolution_rate.per_assigned",
                        "Resolution rate = {resolved:int} / {assigned:int} × 100 = {value:percent}"}};
  assigned.interpretations = {{"interpretation.resolution_rate.per_assigned",
                               "{value:percent} of the cases assigned in the period were resolved."}};
  assigned.examples = {example("resolution_rate_45_of_50_assigned", {{"resolved", 45}, {"assigned", 50}}, 90)};
  assigned.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "resolved", "assigned", "formula.resolution_rate.per_assigned");
    if (result.ok) {
      set_interpretation(result, "interpretation.resolution_rate.per_assigned", {{"value", result.value}});
      result.chart = part_chart({{"input", "resolved"}, {"tone", "good"}}, result.value, "chart.not_resolved", "bad");
    }
    return result;
  };
  metric.variants = {std::move(overall), std::move(assigned)};
  return metric;
}

// ---------------------------------------------------------------- ASA and AHT

MetricSpec wait_time_metric() {
  MetricSpec metric{"wait_time", "operations", "Average wait time (ASA)",
                    "Average speed of answer: the waiting time of answered contacts divided by the contacts answered.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "seconds";
  variant.inputs = {input("total_wait_seconds", InputKind::seconds, "Total waiting time of answered contacts", "",
                          "From entering the queue to the answer; abandoned contacts are left out."),
                    input("answered", InputKind::count, "Contacts answered")};
  variant.outputs = {"total_wait_seconds", "answered"};
  variant.formulas = {{"formula.wait_time", "ASA = {total_seconds:duration} / {count:int} answered = {value:duration}"}};
  variant.interpretations = {{"interpretation.wait_time", "An answered contact waited {value:duration} on average."}};
  // 500 minutes of waiting over 200 answered calls: 2.5 minutes.
  variant.examples = {example("wait_500_minutes_over_200_calls", {{"total_wait_seconds", 30000}, {"answered", 200}}, 150, 0)};
  variant.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::average(inputs.number("total_wait_seconds"), "total_wait_seconds", inputs.number("answered"),
                                    "answered", "formula.wait_time", "seconds");
    if (result.ok) set_interpretation(result, "interpretation.wait_time", {{"value", result.value}});
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

Result compute_aht(const Inputs& inputs, const Options&) {
  const double talk = inputs.number("talk_seconds");
  const double hold = inputs.number("hold_seconds");
  const double wrap = inputs.number("wrap_seconds");
  const double handled = inputs.number("handled");
  if (handled == 0) {
    return Result::failure("input.zero_denominator", "handled", "handled is 0: an average of nothing is undefined.");
  }
  const double total = talk + hold + wrap;
  Result result = value_result(total / handled, "seconds", handled);
  result.parts = {{"talk_seconds", talk}, {"hold_seconds", hold}, {"wrap_seconds", wrap}, {"handled", handled},
                  {"total_seconds", total}, {"talk_per_contact", talk / handled},
                  {"hold_per_contact", hold / handled}, {"wrap_per_contact", wrap / handled}};
  set_formula(result, "formula.aht",
              {{"talk_seconds", talk}, {"hold_seconds", hold}, {"wrap_seconds", wrap}, {"handled", handled},
               {"value", result.value}});
  set_interpretation(result, "interpretation.aht",
                     {{"value", result.value}, {"talk", talk / handled}, {"hold", hold / handled}, {"wrap", wrap / handled}});
  add_warning(result, "no_interval", "No interval: individual values are needed to estimate the spread.");
  result.chart = {{"type", "stack"},
                  {"unit", "seconds"},
                  {"items",
                   {{{"key", "chart.talk"}, {"value", talk / handled}, {"tone", "neutral"}},
                    {{"key", "chart.hold"}, {"value", hold / handled}, {"tone", "neutral"}},
                    {{"key", "chart.wrap"}, {"value", wrap / handled}, {"tone", "neutral"}}}}};
  return result;
}

MetricSpec aht_metric() {
  MetricSpec metric{"aht", "operations", "Average handle time (AHT)",
                    "Talk, hold and wrap-up time together, per contact handled.", {}};
  metric.texts = {{"chart.talk", "Talk"}, {"chart.hold", "Hold"}, {"chart.wrap", "Wrap-up"}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "seconds";
  variant.inputs = {input("talk_seconds", InputKind::seconds, "Total talk time"),
                    input("hold_seconds", InputKind::seconds, "Total hold time", "", "0 when nothing was put on hold."),
                    input("wrap_seconds", InputKind::seconds, "Total wrap-up time", "", "After-contact work: notes, tagging, follow-up."),
                    input("handled", InputKind::count, "Contacts handled")};
  variant.outputs = {"talk_seconds", "hold_seconds", "wrap_seconds", "handled", "total_seconds",
                     "talk_per_contact", "hold_per_contact", "wrap_per_contact"};
  variant.formulas = {{"formula.aht",
                       "AHT = ({talk_seconds:duration} + {hold_seconds:duration} + {wrap_seconds:duration}) / {handled:int} = {value:duration}"}};
  variant.interpretations = {{"interpretation.aht",
                              "A contact took {value:duration}: {talk:duration} talking, {hold:duration} on hold and {wrap:duration} wrapping up."}};
  // Talk 3,000 min, hold 400 min, wrap-up 600 min over 500 calls: 8 minutes.
  variant.examples = {example("aht_talk_hold_wrap_over_500_calls",
                              {{"talk_seconds", 180000}, {"hold_seconds", 24000}, {"wrap_seconds", 36000}, {"handled", 500}},
                              480, 0)};
  variant.compute = compute_aht;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- service level, abandonment

Result compute_service_level(const Inputs& inputs, const Options& options) {
  const double within = inputs.number("answered_within");
  const double offered = inputs.number("offered");
  const double threshold = options.number("threshold_seconds");
  const std::string& treatment = options.text("abandoned");
  const bool has_abandoned = inputs.has("abandoned");
  const bool has_short = inputs.has("abandoned_within");
  const double abandoned = inputs.number_or("abandoned", 0);
  const double abandoned_short = inputs.number_or("abandoned_within", 0);

  if (offered == 0) {
    return Result::failure("input.zero_denominator", "offered", "offered is 0: a share of nothing is undefined.");
  }
  if (auto error = common::check_part_of_whole(within, "answered_within", offered, "offered")) return *error;
  if (has_abandoned) {
    if (auto error = common::check_part_of_whole(abandoned, "abandoned", offered, "offered")) return *error;
  }
  if (has_short) {
    if (has_abandoned) {
      if (abandoned_short > abandoned) {
        return Result::failure("input.part_exceeds_whole", "abandoned_within",
                               "abandoned_within cannot be larger than abandoned.", abandoned);
      }
    } else if (auto error = common::check_part_of_whole(abandoned_short, "abandoned_within", offered, "offered")) {
      return *error;
    }
  }
  // Contacts answered within T were not abandoned: they fit in what is left after the abandoned ones.
  const double not_abandoned = offered - (has_abandoned ? abandoned : abandoned_short);
  if (within > not_abandoned) {
    return Result::failure("input.part_exceeds_whole", "answered_within",
                           "answered_within cannot be larger than the contacts that were not abandoned (" +
                               std::string(has_abandoned ? "offered − abandoned" : "offered − abandoned_within") + ").",
                           not_abandoned);
  }

  double denominator = offered;
  std::string formula_key = "formula.service_level";
  if (treatment == "exclude") {
    if (!has_abandoned) {
      return Result::failure("input.missing", "abandoned", "abandoned is required to leave abandoned contacts out.");
    }
    denominator = offered - abandoned;
    formula_key = "formula.service_level.exclude";
  } else if (treatment == "exclude_short") {
    if (!has_short) {
      return Result::failure("input.missing", "abandoned_within",
                             "abandoned_within is required to leave out contacts abandoned before the threshold.");
    }
    denominator = offered - abandoned_short;
    formula_key = "formula.service_level.exclude_short";
  }
  if (denominator == 0) {
    const std::string field = treatment == "exclude" ? "abandoned" : "abandoned_within";
    return Result::failure("input.zero_denominator", field,
                           "Every offered contact was abandoned and left out: there is nothing to measure.");
  }

  Result result = value_result(percent_of(within, denominator), "percent", denominator);
  result.parts = {{"answered_within", within}, {"offered", offered}, {"denominator", denominator},
                  {"threshold_seconds", threshold}, {"treatment", treatment}};
  if (has_abandoned) result.parts["abandoned"] = abandoned;
  if (has_short) result.parts["abandoned_within"] = abandoned_short;
  set_formula(result, formula_key,
              {{"answered_within", within}, {"offered", offered}, {"abandoned", abandoned},
               {"abandoned_within", abandoned_short}, {"denominator", denominator},
               {"threshold_seconds", threshold}, {"value", result.value}});
  set_interpretation(result, "interpretation.service_level", {{"value", result.value}, {"threshold_seconds", threshold}});

  json items = json::array();
  items.push_back({{"key", "chart.answered_within"}, {"value", result.value}, {"tone", "good"}});
  if (has_abandoned) {
    // What the denominator holds besides the fast answers: later answers and the abandoned contacts it counts.
    const double counted_abandoned = treatment == "count" ? abandoned : treatment == "exclude" ? 0.0 : abandoned - abandoned_short;
    const double later = offered - abandoned - within;
    result.parts["answered_later"] = later;
    items.push_back({{"key", "chart.answered_later"}, {"value", percent_of(later, denominator)}, {"tone", "neutral"}});
    if (counted_abandoned > 0) {
      items.push_back({{"key", "chart.abandoned"}, {"value", percent_of(counted_abandoned, denominator)}, {"tone", "bad"}});
    }
  } else {
    items.push_back({{"key", "chart.rest"}, {"value", 100.0 - result.value}, {"tone", "neutral"}});
  }
  result.chart = {{"type", "stack"}, {"unit", "percent"}, {"items", items}};
  return result;
}

MetricSpec service_level_metric() {
  MetricSpec metric{"service_level", "operations", "Service level",
                    "The share of contacts answered within a threshold time (e.g. 80% within 20 seconds).", {}};
  metric.texts = {{"chart.answered_within", "Answered within the threshold"},
                  {"chart.answered_later", "Answered later"},
                  {"chart.abandoned", "Abandoned"}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.inputs = {
      input("answered_within", InputKind::count, "Contacts answered within the threshold"),
      input("offered", InputKind::count, "Contacts offered", "", "Every contact that reached the queue."),
      optional_input(input("abandoned", InputKind::count, "Contacts abandoned", "", "Optional: hung up before an answer.")),
      optional_input(input("abandoned_within", InputKind::count, "Contacts abandoned before the threshold", "",
                           "Optional: needed to leave out only the short abandons.")),
  };
  variant.options = {
      number_option("threshold_seconds", "Threshold", 20, 0, std::nullopt, "seconds",
                    "The time the answered contacts were counted within; it labels the result."),
      choice_option("abandoned", "Abandoned contacts",
                    {plain_choice("count", "Count them as offered (strictest)"),
                     plain_choice("exclude", "Leave all abandoned contacts out"),
                     plain_choice("exclude_short", "Leave out only those abandoned before the threshold")},
                    "count"),
  };
  variant.outputs = {"answered_within", "offered", "abandoned", "abandoned_within", "denominator", "answered_later",
                     "threshold_seconds", "treatment"};
  variant.formulas = {
      {"formula.service_level", "Service level = {answered_within:int} / {offered:int} × 100 = {value:percent}"},
      {"formula.service_level.exclude",
       "Service level = {answered_within:int} / ({offered:int} − {abandoned:int} abandoned) × 100 = {value:percent}"},
      {"formula.service_level.exclude_short",
       "Service level = {answered_within:int} / ({offered:int} − {abandoned_within:int} abandoned before {threshold_seconds:duration}) × 100 = {value:percent}"},
  };
  variant.interpretations = {{"interpretation.service_level",
                              "{value:percent} of contacts were answered within {threshold_seconds:duration}."}};
  variant.examples = {
      example("service_level_680_of_850", {{"answered_within", 680}, {"offered", 850}}, 80),
      example("service_level_excluding_abandoned", {{"answered_within", 680}, {"offered", 900}, {"abandoned", 50}}, 80, 2,
              {{"abandoned", "exclude"}}),
  };
  variant.compute = compute_service_level;
  metric.variants.push_back(std::move(variant));
  return metric;
}

MetricSpec abandon_rate_metric() {
  MetricSpec metric{"abandon_rate", "operations", "Abandonment rate",
                    "The share of offered contacts that hung up or left before an agent answered.", {}};
  metric.texts = {{"chart.not_abandoned", "Not abandoned"}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.inputs = {input("abandoned", InputKind::count, "Contacts abandoned before an answer"),
                    input("offered", InputKind::count, "Contacts offered")};
  variant.outputs = {"abandoned", "offered", "rest"};
  variant.formulas = {{"formula.abandon_rate", "Abandonment rate = {abandoned:int} / {offered:int} × 100 = {value:percent}"}};
  variant.interpretations = {{"interpretation.abandon_rate", "{value:percent} of contacts gave up before an answer."}};
  variant.examples = {example("abandon_50_of_1000", {{"abandoned", 50}, {"offered", 1000}}, 5)};
  variant.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "abandoned", "offered", "formula.abandon_rate");
    if (result.ok) {
      set_interpretation(result, "interpretation.abandon_rate", {{"value", result.value}});
      result.chart = part_chart({{"input", "abandoned"}, {"tone", "bad"}}, result.value, "chart.not_abandoned");
    }
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- blocking

Result compute_erlang_b(const Inputs& inputs, const Options&) {
  const double traffic = inputs.number("traffic_erlangs");
  const auto lines = static_cast<long long>(inputs.number("lines"));
  const double blocked = erlang::blocking(traffic, lines);
  Result result = value_result(blocked * 100.0, "percent", static_cast<double>(lines));
  const double carried = traffic * (1.0 - blocked);

  // The curve around the answer, and the lines a 1% grade of service would need (the usual planning figure).
  const long long span = std::max<long long>(10, static_cast<long long>(std::ceil(3.0 * std::sqrt(traffic))));
  const long long first = std::max<long long>(1, lines - span);
  const long long step = std::max<long long>(1, (lines + span - first) / 60);
  json points = json::array();
  std::optional<long long> one_percent;
  double value = 1.0;
  // B(A, A + 10·√A + 1000) is far below 1%, so the scan always finds the 1% count.
  const long long one_percent_limit =
      std::max(lines + span, static_cast<long long>(traffic + 10.0 * std::sqrt(traffic) + 1000.0));
  for (long long k = 1; k <= one_percent_limit; ++k) {
    const double offered = traffic * value;
    value = offered / (static_cast<double>(k) + offered);
    if (!one_percent && value <= 0.01) one_percent = k;
    if (k >= first && k <= lines + span && ((k - first) % step == 0 || k == lines)) {
      points.push_back({k, value * 100.0});
    }
    if (one_percent && k >= lines + span) break;
  }
  result.parts = {{"traffic_erlangs", traffic},
                  {"lines", lines},
                  {"carried_erlangs", carried},
                  {"lost_erlangs", traffic * blocked},
                  {"line_occupancy", carried / static_cast<double>(lines) * 100.0},
                  {"lines_for_1_percent", one_percent ? json(*one_percent) : json(nullptr)}};
  set_formula(result, "formula.blocking.erlang_b",
              {{"traffic_erlangs", traffic}, {"lines", lines}, {"value", result.value}});
  set_interpretation(result, "interpretation.blocking.erlang_b",
                     {{"value", result.value}, {"lines", lines}, {"lost_erlangs", traffic * blocked},
                      {"lines_for_1_percent", one_percent ? json(*one_percent) : json(nullptr)}});
  result.chart = {{"type", "curve"},
                  {"x_key", "chart.lines"},
                  {"series", {{{"key", "chart.blocking"}, {"unit", "percent"}, {"points", points}}}},
                  {"marker", lines}};
  return result;
}

MetricSpec blocking_metric() {
  MetricSpec metric{"blocking", "operations", "Blocked contacts",
                    "Contacts that could not be served because no agent or line was free: observed, or predicted by Erlang B.", {}};
  metric.texts = {{"chart.not_blocked", "Served"}, {"chart.lines", "Lines"}, {"chart.blocking", "Blocked"}};
  VariantSpec observed;
  observed.id = "observed";
  observed.label = "Observed";
  observed.description = "Contacts not served because no agent or line was free / contacts offered × 100.";
  observed.unit = "percent";
  observed.inputs = {input("blocked", InputKind::count, "Contacts blocked", "", "Busy signal, or turned away because every line was taken."),
                     input("offered", InputKind::count, "Contacts offered")};
  observed.outputs = {"blocked", "offered", "rest"};
  observed.formulas = {{"formula.blocking.observed", "Blocked = {blocked:int} / {offered:int} × 100 = {value:percent}"}};
  observed.interpretations = {{"interpretation.blocking.observed", "{value:percent} of contacts found no free agent or line."}};
  observed.examples = {example("blocked_30_of_1200", {{"blocked", 30}, {"offered", 1200}}, 2.5)};
  observed.compute = [](const Inputs& inputs, const Options&) {
    Result result = common::share(inputs, "blocked", "offered", "formula.blocking.observed");
    if (result.ok) {
      set_interpretation(result, "interpretation.blocking.observed", {{"value", result.value}});
      result.chart = part_chart({{"input", "blocked"}, {"tone", "bad"}}, result.value, "chart.not_blocked");
    }
    return result;
  };

  VariantSpec predicted;
  predicted.id = "erlang_b";
  predicted.label = "Predicted (Erlang B)";
  predicted.description = "The probability that a contact finds every line busy, for A erlangs offered to c lines with no queue.";
  predicted.unit = "percent";
  InputSpec traffic = input("traffic_erlangs", InputKind::number, "Offered traffic (erlangs)", "",
                            "Contacts per hour × average handle time in hours.");
  traffic.max = 1e6;
  InputSpec lines = input("lines", InputKind::count, "Lines (or agents)");
  lines.min = 1;
  lines.max = 1e6;
  predicted.inputs = {traffic, lines};
  predicted.outputs = {"traffic_erlangs", "lines", "carried_erlangs", "lost_erlangs", "line_occupancy", "lines_for_1_percent"};
  predicted.formulas = {{"formula.blocking.erlang_b",
                         "Erlang B for {traffic_erlangs:dec2} erlangs on {lines:int} lines = {value:percent}"}};
  predicted.interpretations = {{"interpretation.blocking.erlang_b",
                                "{value:percent} of contacts would find all {lines:int} lines busy ({lost_erlangs:dec2} erlangs lost); {lines_for_1_percent:int} lines keep blocking at or below 1%."}};
  // Erlang B(10 erlangs, 15 lines) = 3.6496945...% (exact rational arithmetic in Python).
  predicted.examples = {example("erlang_b_10_erlangs_15_lines", {{"traffic_erlangs", 10}, {"lines", 15}}, 3.649694547237079, 4)};
  predicted.compute = compute_erlang_b;
  metric.variants = {std::move(observed), std::move(predicted)};
  return metric;
}

// ---------------------------------------------------------------- backlog

Result compute_backlog(const Inputs& inputs, const Options&) {
  const double open = inputs.number("open_at_start");
  const double created = inputs.number("created");
  const double resolved = inputs.number("resolved");
  if (resolved > open + created) {
    return Result::failure("input.part_exceeds_whole", "resolved",
                           "resolved cannot be larger than the cases open at the start plus those created.", open + created);
  }
  const double end = open + created - resolved;
  const double change = created - resolved;
  Result result = value_result(end, "count", open + created);
  result.parts = {{"open_at_start", open}, {"created", created}, {"resolved", resolved}, {"open_at_end", end},
                  {"net_change", change}};
  if (inputs.has("days")) result.parts["daily_net_change"] = change / inputs.number("days");
  set_formula(result, "formula.backlog", {{"open_at_start", open}, {"created", created}, {"resolved", resolved}, {"value", end}});
  const char* trend = change > 0 ? "interpretation.backlog.growing" : change < 0 ? "interpretation.backlog.shrinking"
                                                                                 : "interpretation.backlog.steady";
  set_interpretation(result, trend, {{"value", end}, {"net_change", std::fabs(change)}});
  result.chart = {{"type", "bars"},
                  {"unit", "count"},
                  {"items",
                   {{{"key", "chart.open_at_start"}, {"value", open}, {"tone", "neutral"}},
                    {{"key", "chart.created"}, {"value", created}, {"tone", "neutral"}},
                    {{"key", "chart.resolved"}, {"value", resolved}, {"tone", "good"}},
                    {{"key", "chart.open_at_end"}, {"value", end}, {"tone", change > 0 ? "bad" : "neutral"}}}}};
  return result;
}

MetricSpec backlog_metric() {
  MetricSpec metric{"backlog", "operations", "Ticket backlog",
                    "Cases still open at the end of the period: open at the start + created − resolved.", {}};
  metric.texts = {{"chart.open_at_start", "Open at start"}, {"chart.created", "Created"},
                  {"chart.resolved", "Resolved"}, {"chart.open_at_end", "Open at end"}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "count";
  InputSpec days = optional_input(input("days", InputKind::count, "Days in the period", "", "Optional: gives the average daily change."));
  days.min = 1;
  variant.inputs = {input("open_at_start", InputKind::count, "Cases open at the start"),
                    input("created", InputKind::count, "Cases created in the period"),
                    input("resolved", InputKind::count, "Cases resolved in the period"), days};
  variant.outputs = {"open_at_start", "created", "resolved", "open_at_end", "net_change", "daily_net_change"};
  variant.formulas = {{"formula.backlog", "Backlog = {open_at_start:int} + {created:int} − {resolved:int} = {value:int}"}};
  variant.interpretations = {
      {"interpretation.backlog.growing", "{value:int} cases are open at the end; the backlog grew by {net_change:int}."},
      {"interpretation.backlog.shrinking", "{value:int} cases are open at the end; the backlog shrank by {net_change:int}."},
      {"interpretation.backlog.steady", "{value:int} cases are open at the end, as many as at the start."},
  };
  variant.examples = {example("backlog_120_plus_400_minus_430", {{"open_at_start", 120}, {"created", 400}, {"resolved", 430}}, 90, 0)};
  variant.compute = compute_backlog;
  metric.variants.push_back(std::move(variant));
  return metric;
}

// ---------------------------------------------------------------- support cost

std::string plain_number(double value) {
  std::ostringstream stream;
  stream << std::setprecision(4) << value;
  return stream.str();
}

// The common guidance: support should cost under 10% of revenue.
constexpr double cost_share_reference = 10.0;

MetricSpec support_cost_metric() {
  MetricSpec metric{"support_cost", "operations", "Support cost",
                    "What support costs per ticket, or as a share of revenue.", {}};
  metric.texts = {{"chart.support_cost_share", "Support cost share"}, {"chart.guidance", "Common guidance"}};
  VariantSpec per_ticket;
  per_ticket.id = "per_ticket";
  per_ticket.label = "Cost per ticket";
  per_ticket.description = "Total support cost / tickets opened in the same period.";
  per_ticket.unit = "money";
  per_ticket.inputs = {input("cost", InputKind::money, "Total support cost", "", "Salaries, tools and overheads of the period."),
                       input("tickets", InputKind::count, "Tickets opened in the same period")};
  per_ticket.outputs = {"cost", "tickets"};
  per_ticket.formulas = {{"formula.support_cost.per_ticket", "Cost per ticket = {cost:money} / {tickets:int} = {value:money}"}};
  per_ticket.interpretations = {{"interpretation.support_cost.per_ticket", "Each ticket cost {value:money} to handle."}};
  per_ticket.examples = {example("cost_25000_over_5000_tickets", {{"cost", 25000}, {"tickets", 5000}}, 5)};
  per_ticket.compute = [](const Inputs& inputs, const Options&) {
    const double cost = inputs.number("cost");
    const double tickets = inputs.number("tickets");
    if (tickets == 0) return Result::failure("input.zero_denominator", "tickets", "tickets is 0: there is nothing to divide by.");
    Result result = value_result(cost / tickets, "money", tickets);
    result.parts = {{"cost", cost}, {"tickets", tickets}};
    set_formula(result, "formula.support_cost.per_ticket", {{"cost", cost}, {"tickets", tickets}, {"value", result.value}});
    set_interpretation(result, "interpretation.support_cost.per_ticket", {{"value", result.value}});
    return result;
  };

  VariantSpec share;
  share.id = "share";
  share.label = "Share of revenue";
  share.description = "Total support cost / revenue × 100; the common guidance is to stay under 10%.";
  share.unit = "percent";
  share.inputs = {input("cost", InputKind::money, "Total support cost", "", "Salaries, tools and overheads of the period."),
                  input("revenue", InputKind::money, "Revenue in the same period")};
  share.outputs = {"cost", "revenue", "reference_percent"};
  share.formulas = {{"formula.support_cost.share", "Support cost share = {cost:money} / {revenue:money} × 100 = {value:percent}"}};
  share.interpretations = {{"interpretation.support_cost.share",
                            "Support costs {value:percent} of revenue; the common guidance is under {reference_percent:percent}."}};
  share.examples = {example("cost_25000_of_400000_revenue", {{"cost", 25000}, {"revenue", 400000}}, 6.25)};
  share.compute = [](const Inputs& inputs, const Options&) {
    const double cost = inputs.number("cost");
    const double revenue = inputs.number("revenue");
    if (revenue == 0) return Result::failure("input.zero_denominator", "revenue", "revenue is 0: a share of nothing is undefined.");
    // Costs may exceed revenue (a loss-making period), so this is not checked as a part of a whole.
    Result result = value_result(percent_of(cost, revenue), "percent", 1);  // one period's totals, as for CLV
    result.parts = {{"cost", cost}, {"revenue", revenue}, {"reference_percent", cost_share_reference}};
    set_formula(result, "formula.support_cost.share", {{"cost", cost}, {"revenue", revenue}, {"value", result.value}});
    set_interpretation(result, "interpretation.support_cost.share",
                       {{"value", result.value}, {"reference_percent", cost_share_reference}});
    if (result.value > cost_share_reference) {
      add_warning(result, "high_share",
                  "Support cost is " + plain_number(result.value) + "% of revenue, above the common guidance of 10%.",
                  {{"value", result.value}, {"limit", cost_share_reference}});
    }
    result.chart = {{"type", "bars"},
                    {"unit", "percent"},
                    {"items", {{{"key", "chart.support_cost_share"}, {"value", result.value},
                                {"tone", result.value > cost_share_reference ? "bad" : "good"}}}},
                    {"reference", {{"value", cost_share_reference}, {"key", "chart.guidance"}}}};
    return result;
  };
  metric.variants = {std::move(per_ticket), std::move(share)};
  return metric;
}

}  // namespace

void add_operations_metrics(std::vector<MetricSpec>& metrics) {
  metrics.push_back(frt_metric());
  metrics.push_back(response_time_metric());
  metrics.push_back(resolution_time_metric());
  metrics.push_back(fcr_metric());
  metrics.push_back(resolution_rate_metric());
  metrics.push_back(wait_time_metric());
  metrics.push_back(aht_metric());
  metrics.push_back(service_level_metric());
  metrics.push_back(abandon_rate_metric());
  metrics.push_back(blocking_metric());
  metrics.push_back(backlog_metric());
  metrics.push_back(support_cost_metric());
}

}  // namespace skpi::metrics
