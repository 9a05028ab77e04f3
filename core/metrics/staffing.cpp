// Staffing: the agents needed to answer X% of contacts within T seconds, by Erlang C (nobody hangs up) or
// Erlang A (callers abandon after an exponential patience), with a table of neighbouring staffing levels.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/metrics/builders.hpp"
#include "core/metrics/erlang.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;
using namespace build;

// The table (and the curve drawn from it) reaches this many agent counts below and above the answer; above,
// it stops earlier once the service level passes 99.9%, a few rows past the answer.
constexpr long long rows_below = 150;
constexpr long long rows_above = 30;
constexpr long long rows_above_min = 3;
constexpr double table_top_service_level = 0.999;
// Erlang A rows below the answer stop once the service level drops under 1%: lower counts say nothing new.
constexpr double table_bottom_service_level = 0.01;
// An Erlang A answer that lets this share of callers hang up gets a warning.
constexpr double abandonment_warning_percent = 5.0;

std::string plain_number(double value) {
  std::ostringstream stream;
  stream << std::setprecision(6) << value;
  return stream.str();
}

/** Scheduled agents = ceil(c / (1 − s)), computed as c·100 / (100 − s%) and rounded with a tolerance: 14 agents
 *  at 30% shrinkage are exactly 20, where 14 / (1 − 0.3) gives 20.000000000000004 and a plain ceil gives 21. */
long long scheduled_agents(long long agents, double shrinkage_percent) {
  if (shrinkage_percent <= 0) return agents;
  const double exact = static_cast<double>(agents) * 100.0 / (100.0 - shrinkage_percent);
  const double nearest = std::round(exact);
  if (std::fabs(exact - nearest) <= 1e-9 * std::max(1.0, nearest)) return static_cast<long long>(nearest);
  return static_cast<long long>(std::ceil(exact));
}

json row_json(const erlang::Point& point, bool abandonment) {
  json row{{"agents", point.agents},
           {"service_level", point.service_level * 100.0},
           {"asa_seconds", point.asa_seconds},
           {"occupancy", point.occupancy * 100.0},
           {"wait_probability", point.wait_probability * 100.0}};
  if (abandonment) row["abandon_percent"] = point.abandon_probability * 100.0;
  return row;
}

struct Model {
  bool abandonment = false;  // Erlang A
  double traffic = 0;
  double aht = 0;
  double patience = 0;
  double target_seconds = 0;

  std::optional<erlang::Point> at(long long agents) const {
    if (abandonment) return erlang::erlang_a(traffic, agents, aht, patience, target_seconds);
    return erlang::erlang_c(traffic, agents, aht, target_seconds);
  }
};

// Agent counts around `anchor` (the answer, or the count evaluated), lowest first.
std::vector<erlang::Point> staffing_table(const Model& model, long long anchor) {
  std::vector<erlang::Point> rows;
  if (!model.abandonment) {
    const long long stable = static_cast<long long>(std::floor(model.traffic)) + 1;
    rows = erlang::erlang_c_range(model.traffic, std::max(stable, anchor - rows_below), anchor + rows_above, model.aht,
                                  model.target_seconds);
  } else {
    for (long long c = anchor - 1; c >= std::max<long long>(1, anchor - rows_below); --c) {
      const auto point = model.at(c);
      if (!point) break;
      rows.push_back(*point);
      if (point->service_level < table_bottom_service_level) break;
    }
    std::reverse(rows.begin(), rows.end());
    for (long long c = anchor; c <= anchor + rows_above; ++c) {
      const auto point = model.at(c);
      if (!point) break;
      rows.push_back(*point);
    }
  }
  for (std::size_t index = 0; index < rows.size(); ++index) {
    if (rows[index].agents >= anchor + rows_above_min && rows[index].service_level >= table_top_service_level) {
      rows.resize(index + 1);
      break;
    }
  }
  return rows;
}

erlang::Search search_agents(const Model& model, const erlang::Target& target) {
  return model.abandonment ? erlang::erlang_a_agents(model.traffic, model.aht, model.patience, target)
                           : erlang::erlang_c_agents(model.traffic, model.aht, target);
}

Result compute_staffing(const Inputs& inputs, bool abandonment) {
  const double contacts = inputs.number("contacts");
  const double interval = inputs.number("interval_seconds");
  const double target_percent = inputs.number("target_percent");
  const double shrinkage = inputs.number_or("shrinkage_percent", 0);
  const double max_occupancy = inputs.number_or("max_occupancy_percent", 100);
  Model model;
  model.abandonment = abandonment;
  model.aht = inputs.number("aht_seconds");
  model.patience = abandonment ? inputs.number("patience_seconds") : 0;
  model.target_seconds = inputs.number("target_seconds");
  model.traffic = contacts * model.aht / interval;
  const erlang::Target target{target_percent / 100.0, model.target_seconds, max_occupancy / 100.0};
  if (!std::isfinite(model.traffic)) {
    return Result::failure("input.out_of_range", "contacts", "These inputs are too large to give a finite traffic.");
  }

  std::optional<long long> given;
  if (inputs.has("agents")) {
    given = static_cast<long long>(inputs.number("agents"));
    if (!abandonment && static_cast<double>(*given) <= model.traffic) {
      return Result::failure("input.traffic_exceeds_agents", "agents",
                             "With " + plain_number(model.traffic) + " erlangs of traffic, more than " +
                                 plain_number(model.traffic) + " agents are needed: the queue would grow without end.",
                             model.traffic);
    }
  }

  const erlang::Search search = search_agents(model, target);
  if (!given) {
    if (search.status == erlang::SearchStatus::too_large) {
      return Result::failure("input.out_of_range", "patience_seconds",
                             "The queue these inputs describe is too long to evaluate (patience far beyond the waiting times).");
    }
    if (search.status == erlang::SearchStatus::unreachable) {
      // Name the occupancy limit when the service level alone could be met.
      std::string field = "target_percent";
      if (max_occupancy < 100) {
        erlang::Target service_level_only = target;
        service_level_only.max_occupancy = 1;
        if (search_agents(model, service_level_only).status == erlang::SearchStatus::found) field = "max_occupancy_percent";
      }
      return Result::failure("input.target_unreachable", field,
                             "No number of agents up to " + std::to_string(search.limit) + " reaches the target.",
                             static_cast<double>(search.limit));
    }
  }
  const long long agents = given ? *given : search.agents;
  const auto point = model.at(agents);
  if (!point) {
    return Result::failure("input.out_of_range", "patience_seconds",
                           "The queue these inputs describe is too long to evaluate (patience far beyond the waiting times).");
  }
  const std::vector<erlang::Point> rows = staffing_table(model, agents);
  const long long scheduled = scheduled_agents(agents, shrinkage);

  Result result = value_result(static_cast<double>(agents), "agents", contacts);
  json table = json::array();
  json service_level_points = json::array();
  json asa_points = json::array();
  json abandon_points = json::array();
  for (const auto& row : rows) {
    table.push_back(row_json(row, abandonment));
    service_level_points.push_back({row.agents, row.service_level * 100.0});
    asa_points.push_back({row.agents, row.asa_seconds});
    abandon_points.push_back({row.agents, row.abandon_probability * 100.0});
  }
  result.parts = {{"traffic_erlangs", model.traffic},
                  {"service_level", point->service_level * 100.0},
                  {"occupancy", point->occupancy * 100.0},
                  {"wait_probability", point->wait_probability * 100.0},
                  {"asa_seconds", point->asa_seconds},
                  {"agents_with_shrinkage", scheduled},
                  {"shrinkage_percent", shrinkage},
                  {"target_percent", target_percent},
                  {"target_seconds", model.target_seconds},
                  {"max_occupancy_percent", max_occupancy},
                  {"mode", given ? "evaluate" : "search"},
                  {"table", table}};
  json columns = json::array({{{"name", "agents"}, {"key", "chart.agents"}, {"unit", "agents"}},
                              {{"name", "service_level"}, {"key", "chart.service_level"}, {"unit", "percent"}},
                              {{"name", "asa_seconds"}, {"key", "chart.asa"}, {"unit", "seconds"}},
                              {{"name", "occupancy"}, {"key", "chart.occupancy"}, {"unit", "percent"}},
                              {{"name", "wait_probability"}, {"key", "chart.wait_probability"}, {"unit", "percent"}}});
  if (abandonment) columns.push_back({{"name", "abandon_percent"}, {"key", "chart.abandonment"}, {"unit", "percent"}});
  result.tables.push_back({{"key", "chart.staffing_table"}, {"columns", columns}, {"rows", table},
                           {"highlight", {{"column", "agents"}, {"value", agents}}}});
  if (abandonment) {
    result.parts["abandon_percent"] = point->abandon_probability * 100.0;
    result.parts["patience_seconds"] = model.patience;
  }
  const bool met = erlang::meets(*point, target);
  if (given) {
    result.parts["meets_target"] = met;
    result.parts["agents_required"] = search.status == erlang::SearchStatus::found ? json(search.agents) : json(nullptr);
  }

  json formula{{"contacts", contacts}, {"aht_seconds", model.aht}, {"interval_seconds", interval},
               {"traffic_erlangs", model.traffic}, {"value", result.value},
               {"wait_probability", point->wait_probability * 100.0}, {"service_level", point->service_level * 100.0},
               {"target_seconds", model.target_seconds}, {"asa_seconds", point->asa_seconds},
               {"occupancy", point->occupancy * 100.0}};
  if (abandonment) formula["abandon_percent"] = point->abandon_probability * 100.0;
  set_formula(result, abandonment ? "formula.staffing.erlang_a" : "formula.staffing.erlang_c", formula);
  json interpretation{{"value", result.value}, {"service_level", point->service_level * 100.0},
                      {"target_percent", target_percent}, {"target_seconds", model.target_seconds},
                      {"asa_seconds", point->asa_seconds}, {"occupancy", point->occupancy * 100.0},
                      {"agents_with_shrinkage", scheduled}};
  if (abandonment) interpretation["abandon_percent"] = point->abandon_probability * 100.0;
  set_interpretation(result,
                     std::string("interpretation.staffing.") + (given ? "evaluate" : "search") + (abandonment ? ".erlang_a" : ""),
                     interpretation);

  if (given && !met) {
    add_warning(result, "target_missed",
                std::to_string(agents) + " agents do not meet the target" +
                    (search.status == erlang::SearchStatus::found ? ": " + std::to_string(search.agents) + " are needed." : "."),
                {{"agents", agents}, {"service_level", point->service_level * 100.0}, {"target", target_percent},
                 {"occupancy", point->occupancy * 100.0},
                 {"required", search.status == erlang::SearchStatus::found ? json(search.agents) : json(nullptr)}});
  }
  if (!given && search.occupancy_binding) {
    add_warning(result, "occupancy_limit",
                "The maximum occupancy of " + plain_number(max_occupancy) +
                    "% needs more agents than the service level target alone.",
                {{"limit", max_occupancy}});
  }
  if (shrinkage > 0) {
    add_warning(result, "shrinkage_applied",
                std::to_string(agents) + " agents on the phones need " + std::to_string(scheduled) + " scheduled after " +
                    plain_number(shrinkage) + "% shrinkage.",
                {{"agents", agents}, {"scheduled", scheduled}, {"shrinkage", shrinkage}});
  }
  if (!abandonment && model.traffic >= 1 && !rows.empty() &&
      rows.front().agents == static_cast<long long>(std::floor(model.traffic)) + 1) {
    add_warning(result, "queue_unstable_rows",
                "Agent counts at or below the traffic (" + plain_number(model.traffic) +
                    " erlangs) are left out: the queue would grow without end.",
                {{"traffic", model.traffic}});
  }
  if (abandonment && point->abandon_probability * 100.0 >= abandonment_warning_percent) {
    add_warning(result, "high_abandonment",
                plain_number(point->abandon_probability * 100.0) +
                    "% of contacts hang up before an answer at this staffing; the service level counts them as not answered in time.",
                {{"abandon_percent", point->abandon_probability * 100.0}});
  }

  json series = json::array();
  series.push_back({{"key", "chart.service_level"}, {"unit", "percent"}, {"points", service_level_points}});
  series.push_back({{"key", "chart.asa"}, {"unit", "seconds"}, {"points", asa_points}});
  if (abandonment) series.push_back({{"key", "chart.abandonment"}, {"unit", "percent"}, {"points", abandon_points}});
  result.chart = {{"type", "curve"},
                  {"x_key", "chart.agents"},
                  {"series", series},
                  // The page matches the target to a series by its key; the index is there for other readers.
                  {"target", {{"series", "chart.service_level"}, {"series_index", 0}, {"value", target_percent}, {"key", "chart.target"}}},
                  {"marker", agents}};
  return result;
}

std::vector<InputSpec> staffing_inputs() {
  InputSpec contacts = input("contacts", InputKind::number, "Contacts per interval", "",
                             "Forecast contacts arriving in one interval; decimals are fine.");
  contacts.min_exclusive = true;
  InputSpec interval = with_default(input("interval_seconds", InputKind::seconds, "Interval length", "",
                                          "Usually 15, 30 or 60 minutes."),
                                    1800);
  interval.min_exclusive = true;
  InputSpec aht = input("aht_seconds", InputKind::seconds, "Average handle time (AHT)", "",
                        "Talk + hold + wrap-up per contact.");
  aht.min_exclusive = true;
  InputSpec target = with_default(input("target_percent", InputKind::percent, "Service level target", "",
                                        "The share of contacts to answer within the target time, e.g. 80."),
                                  80);
  target.min_exclusive = true;
  target.max = 99.99;  // 100% within T is out of reach of any finite team: some contact always waits longer
  InputSpec seconds = with_default(input("target_seconds", InputKind::seconds, "Answered within", "",
                                         "The target time of the service level, e.g. 20 seconds."),
                                   20);
  InputSpec shrinkage = optional_input(input("shrinkage_percent", InputKind::percent, "Shrinkage", "",
                                             "Optional: paid time agents are not taking contacts (breaks, training, absence)."));
  shrinkage.max = 99;
  InputSpec occupancy = optional_input(input("max_occupancy_percent", InputKind::percent, "Maximum occupancy", "",
                                             "Optional: how busy agents may be at most. Empty or 100 = no limit; 85–90% is a common ceiling."));
  occupancy.min_exclusive = true;
  InputSpec agents = optional_input(input("agents", InputKind::count, "Agents to evaluate", "",
                                          "Optional: check this many agents instead of finding the smallest number."));
  agents.min = 1;
  agents.max = 100000;
  return {contacts, interval, aht, target, seconds, shrinkage, occupancy, agents};
}

MetricSpec staffing_metric() {
  MetricSpec metric{"staffing", "staffing", "Staffing (Erlang)",
                    "The smallest number of agents that answers X% of contacts within T seconds, with the service level, "
                    "average speed of answer, occupancy and probability of waiting for each staffing level.", {}};
  metric.texts = {
      {"chart.agents", "Agents"},
      {"chart.service_level", "Service level"},
      {"chart.asa", "Average speed of answer"},
      {"chart.abandonment", "Abandoned"},
      {"chart.target", "Target"},
      {"chart.staffing_table", "Service level by number of agents"},
      {"chart.occupancy", "Occupancy"},
      {"chart.wait_probability", "Probability of waiting"},
      {"warning.target_missed", "{agents} agents answer {service_level}% in time, below the {target}% target; {required} agents are needed."},
      {"warning.high_abandonment", "{abandon_percent}% of contacts hang up before an answer at this staffing; the service level counts them as not answered in time."},
  };
  const std::vector<std::string> outputs = {"traffic_erlangs", "service_level", "occupancy", "wait_probability",
                                            "asa_seconds", "agents_with_shrinkage", "table", "meets_target",
                                            "agents_required"};
  const std::map<std::string, std::string> interpretations = {
      {"interpretation.staffing.search",
       "{value:int} agents answer {service_level:percent} of contacts within {target_seconds:duration} (target {target_percent:percent}), "
       "with an average wait of {asa_seconds:duration} and {occupancy:percent} occupancy; schedule {agents_with_shrinkage:int} to cover shrinkage."},
      {"interpretation.staffing.evaluate",
       "{value:int} agents answer {service_level:percent} of contacts within {target_seconds:duration} (target {target_percent:percent}), "
       "with an average wait of {asa_seconds:duration} and {occupancy:percent} occupancy."},
  };

  VariantSpec erlang_c;
  erlang_c.id = "erlang_c";
  erlang_c.label = "Erlang C";
  erlang_c.description = "Every caller waits until answered. Needs more agents than the traffic in erlangs.";
  erlang_c.unit = "agents";
  erlang_c.inputs = staffing_inputs();
  erlang_c.outputs = outputs;
  erlang_c.formulas = {{"formula.staffing.erlang_c",
                        "A = {contacts:dec1} × {aht_seconds:duration} / {interval_seconds:duration} = {traffic_erlangs:dec2} erlangs; "
                        "{value:int} agents: P(wait) = {wait_probability:percent}, service level = 1 − P(wait)·e^(−(c − A)·T / AHT) = {service_level:percent}"}};
  erlang_c.interpretations = interpretations;
  // 100 calls per 30 minutes at 180 s: A = 10 erlangs; 13 agents give 79.56%, 14 give 88.84% (exact Erlang C).
  // 18,000 calls per 30 minutes at 180 s: A = 1800 erlangs; 1811 agents give 78.98%, 1812 give 81.79%.
  erlang_c.examples = {
      example("staffing_100_calls_aht_180_80_in_20",
              {{"contacts", 100}, {"interval_seconds", 1800}, {"aht_seconds", 180}, {"target_percent", 80}, {"target_seconds", 20}},
              14, 0),
      example("staffing_1800_erlangs_80_in_20",
              {{"contacts", 18000}, {"interval_seconds", 1800}, {"aht_seconds", 180}, {"target_percent", 80}, {"target_seconds", 20}},
              1812, 0),
  };
  erlang_c.compute = [](const Inputs& inputs, const Options&) { return compute_staffing(inputs, false); };

  VariantSpec erlang_a;
  erlang_a.id = "erlang_a";
  erlang_a.label = "Erlang A (callers hang up)";
  erlang_a.description = "Callers hang up after waiting on average their patience; abandoned calls count as not answered in time. "
                         "Tends to Erlang C as patience grows.";
  erlang_a.unit = "agents";
  erlang_a.inputs = staffing_inputs();
  InputSpec patience = input("patience_seconds", InputKind::seconds, "Average patience", "",
                             "Average time a caller waits before hanging up.");
  patience.min_exclusive = true;
  patience.max = 1e9;
  erlang_a.inputs.insert(erlang_a.inputs.begin() + 5, patience);
  erlang_a.outputs = outputs;
  erlang_a.outputs.insert(erlang_a.outputs.begin() + 6, "abandon_percent");
  erlang_a.formulas = {{"formula.staffing.erlang_a",
                        "A = {contacts:dec1} × {aht_seconds:duration} / {interval_seconds:duration} = {traffic_erlangs:dec2} erlangs; "
                        "{value:int} agents: P(wait) = {wait_probability:percent}, {abandon_percent:percent} abandon, service level = {service_level:percent}"}};
  erlang_a.interpretations = {
      {"interpretation.staffing.search.erlang_a",
       "{value:int} agents answer {service_level:percent} of contacts within {target_seconds:duration} (target {target_percent:percent}); "
       "{abandon_percent:percent} hang up first, answered contacts wait {asa_seconds:duration} on average, occupancy {occupancy:percent}; "
       "schedule {agents_with_shrinkage:int} to cover shrinkage."},
      {"interpretation.staffing.evaluate.erlang_a",
       "{value:int} agents answer {service_level:percent} of contacts within {target_seconds:duration} (target {target_percent:percent}); "
       "{abandon_percent:percent} hang up first, answered contacts wait {asa_seconds:duration} on average, occupancy {occupancy:percent}."},
  };
  // Same 10 erlangs with 60 s average patience: 11 agents give 79.65%, 12 give 86.03% (40-digit birth–death
  // chain with per-queue-position uniformization in Python).
  erlang_a.examples = {example("staffing_erlang_a_patience_60",
                               {{"contacts", 100}, {"interval_seconds", 1800}, {"aht_seconds", 180}, {"target_percent", 80},
                                {"target_seconds", 20}, {"patience_seconds", 60}},
                               12, 0)};
  erlang_a.compute = [](const Inputs& inputs, const Options&) { return compute_staffing(inputs, true); };

  metric.variants = {std::move(erlang_c), std::move(erlang_a)};
  return metric;
}

}  // namespace

void add_staffing_metrics(std::vector<MetricSpec>& metrics) { metrics.push_back(staffing_metric()); }

}  // namespace skpi::metrics
