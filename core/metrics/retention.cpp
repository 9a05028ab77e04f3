// Retention and value metrics: customer retention rate, churn, lifetime value (four models) and CAC.
#include <cmath>

#include "core/metrics/builders.hpp"
#include "core/metrics/common.hpp"
#include "core/metrics/spec.hpp"

namespace skpi::metrics {
namespace {

using nlohmann::json;
using namespace build;

// ---------------------------------------------------------------- customer movement (CRR and churn)

struct Movement {
  double start = 0, end = 0, added = 0, retained = 0, lost = 0;
};

// S customers at the start, E at the end, N new: E − N of the starting customers stayed. Refuses inputs
// that cannot describe one customer base: N > E, or more retained than there were at the start.
std::optional<Result> read_movement(const Inputs& inputs, Movement& movement) {
  movement.start = inputs.number("start");
  movement.end = inputs.number("end");
  movement.added = inputs.number("new");
  if (movement.start == 0) {
    return Result::failure("input.zero_denominator", "start", "start is 0: retention needs customers at the start.");
  }
  if (movement.added > movement.end) {
    return Result::failure("input.part_exceeds_whole", "new",
                           "new customers cannot exceed the customers at the end.", movement.end);
  }
  movement.retained = movement.end - movement.added;
  if (movement.retained > movement.start) {
    return Result::failure("input.inconsistent", "end",
                           "end − new is larger than start: more customers stayed than there were.",
                           movement.start + movement.added);
  }
  movement.lost = movement.start - movement.retained;
  return std::nullopt;
}

json retention_chart(double retention, double churn) {
  return {{"type", "stack"}, {"unit", "percent"},
          {"items", {{{"key", "chart.retained"}, {"value", retention}, {"tone", "good"}},
                     {{"key", "chart.lost"}, {"value", churn}, {"tone", "bad"}}}}};
}

Result compute_crr(const Inputs& inputs, const Options&) {
  Movement movement;
  if (auto error = read_movement(inputs, movement)) return *error;
  Result result = value_result(percent_of(movement.retained, movement.start), "percent", movement.start);
  result.parts = {{"retained", movement.retained}, {"lost", movement.lost}, {"churn", 100.0 - result.value},
                  {"start", movement.start}, {"end", movement.end}, {"new", movement.added}};
  set_formula(result, "formula.crr", {{"end", movement.end}, {"new", movement.added}, {"start", movement.start}, {"value", result.value}});
  set_interpretation(result, "interpretation.crr", {{"value", result.value}, {"retained", movement.retained}, {"start", movement.start}});
  result.chart = retention_chart(result.value, 100.0 - result.value);
  return result;
}

Result compute_churn(const Inputs& inputs, const Options&) {
  double lost = 0, start = 0;
  if (inputs.input_set() == "movement") {
    Movement movement;
    if (auto error = read_movement(inputs, movement)) return *error;
    lost = movement.lost;
    start = movement.start;
  } else {
    lost = inputs.number("lost");
    start = inputs.number("start");
    if (auto error = common::check_part_of_whole(lost, "lost", start, "start")) return *error;
  }
  Result result = value_result(percent_of(lost, start), "percent", start);
  result.parts = {{"lost", lost}, {"start", start}, {"retention", 100.0 - result.value}};
  set_formula(result, "formula.churn", {{"lost", lost}, {"start", start}, {"value", result.value}});
  set_interpretation(result, "interpretation.churn", {{"value", result.value}, {"lost", lost}, {"start", start}});
  result.chart = retention_chart(100.0 - result.value, result.value);
  return result;
}

Result compute_net_churn(const Inputs& inputs, const Options&) {
  const double start = inputs.number("start");
  const double end = inputs.number("end");
  if (start == 0) return Result::failure("input.zero_denominator", "start", "start is 0: churn needs customers at the start.");
  Result result = value_result(percent_of(start - end, start), "percent", start);
  result.parts = {{"start", start}, {"end", end}, {"net_change", end - start}};
  set_formula(result, "formula.churn.net", {{"start", start}, {"end", end}, {"value", result.value}});
  if (result.value < 0) {
    add_warning(result, "negative_churn", "More customers at the end than at the start: net churn is negative (net growth).");
  }
  set_interpretation(result, result.value < 0 ? "interpretation.churn.net_growth" : "interpretation.churn.net",
                     {{"value", result.value}, {"growth", -result.value}});
  return result;
}

MetricSpec crr_metric() {
  MetricSpec metric{"crr", "retention", "Customer retention rate (CRR)",
                    "The share of the customers you had at the start of a period who are still customers at its end; new customers do not count.", {}};
  metric.texts = {{"chart.retained", "Retained"}, {"chart.lost", "Lost"}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "percent";
  variant.inputs = {input("start", InputKind::count, "Customers at the start (S)"),
                    input("end", InputKind::count, "Customers at the end (E)"),
                    input("new", InputKind::count, "New customers during the period (N)")};
  variant.outputs = {"retained", "lost", "churn"};
  variant.formulas = {{"formula.crr", "CRR = ({end:int} − {new:int}) / {start:int} × 100 = {value:percent}"}};
  variant.interpretations = {{"interpretation.crr", "{retained:int} of the {start:int} customers at the start stayed: {value:percent}."}};
  variant.examples = {example("crr_200_200_20", {{"start", 200}, {"end", 200}, {"new", 20}}, 90),
                      example("crr_100_90_15", {{"start", 100}, {"end", 90}, {"new", 15}}, 75)};
  variant.compute = compute_crr;
  metric.variants.push_back(std::move(variant));
  return metric;
}

MetricSpec churn_metric() {
  MetricSpec metric{"churn", "retention", "Customer churn rate",
                    "The share of the customers at the start of a period who were lost during it.", {}};
  metric.texts = {{"chart.retained", "Retained"}, {"chart.lost", "Lost"}};
  VariantSpec lost;
  lost.id = "default";
  lost.label = "Customers lost";
  lost.description = "Lost during the period / customers at the start; from S, E and N, lost = S − (E − N), so churn = 100% − CRR.";
  lost.unit = "percent";
  lost.input_sets = {"lost", "movement"};
  lost.inputs = {input("lost", InputKind::count, "Customers lost during the period", "lost"),
                 input("start", InputKind::count, "Customers at the start (S)", "lost"),
                 input("start", InputKind::count, "Customers at the start (S)", "movement"),
                 input("end", InputKind::count, "Customers at the end (E)", "movement"),
                 input("new", InputKind::count, "New customers during the period (N)", "movement")};
  lost.outputs = {"lost", "start", "retention"};
  lost.formulas = {{"formula.churn", "Churn = {lost:int} / {start:int} × 100 = {value:percent}"}};
  lost.interpretations = {{"interpretation.churn", "{lost:int} of {start:int} customers left: {value:percent} churn."}};
  lost.examples = {example("churn_20_of_250", {{"lost", 20}, {"start", 250}}, 8),
                   example("churn_from_crr_75", {{"start", 100}, {"end", 90}, {"new", 15}}, 25)};
  lost.compute = compute_churn;

  VariantSpec net;
  net.id = "net";
  net.label = "Net churn";
  net.description = "(S − E) / S: ignores new customers, so growth makes it negative.";
  net.unit = "percent";
  net.inputs = {input("start", InputKind::count, "Customers at the start (S)"),
                input("end", InputKind::count, "Customers at the end (E)")};
  net.outputs = {"start", "end", "net_change"};
  net.formulas = {{"formula.churn.net", "Net churn = ({start:int} − {end:int}) / {start:int} × 100 = {value:percent}"}};
  net.interpretations = {{"interpretation.churn.net", "The customer base shrank by {value:percent}."},
                         {"interpretation.churn.net_growth", "The customer base grew by {growth:percent}: net churn is negative."}};
  net.examples = {example("net_churn_200_to_190", {{"start", 200}, {"end", 190}}, 5)};
  net.compute = compute_net_churn;
  metric.variants = {std::move(lost), std::move(net)};
  return metric;
}

// ---------------------------------------------------------------- CLV and CAC

struct Lifespan {
  double value = 0;
  bool from_churn = false;
};

// Lifespan given directly, or derived as 1 / churn rate per period (a 25% yearly churn → 4 years);
// a churn rate of 0 has no finite lifespan.
std::optional<Result> read_lifespan(const Inputs& inputs, const std::string& given, const std::string& churn,
                                    Lifespan& lifespan) {
  if (inputs.has(given)) {
    lifespan = {inputs.number(given), false};
    return std::nullopt;
  }
  const double rate = inputs.number(churn);
  if (rate == 0) return Result::failure("input.zero_denominator", churn, "A churn rate of 0 gives an endless lifespan.");
  lifespan = {100.0 / rate, true};
  return std::nullopt;
}

void warn_if_from_churn(Result& result, const Lifespan& lifespan) {
  if (lifespan.from_churn) {
    add_warning(result, "lifespan_from_churn", "Lifespan derived as 1 / churn rate.", {{"lifespan", lifespan.value}});
  }
}

json money_bars(std::initializer_list<std::pair<const char*, double>> items) {
  json bars = json::array();
  for (const auto& [key, value] : items) bars.push_back({{"key", key}, {"value", value}, {"tone", "neutral"}});
  return {{"type", "bars"}, {"unit", "money"}, {"items", bars}};
}

Result compute_clv_basic(const Inputs& inputs, const Options&) {
  Lifespan years;
  if (auto error = read_lifespan(inputs, "lifespan_years", "churn_percent", years)) return *error;
  const double lifespan = years.value;
  const double purchase_value = inputs.number("purchase_value");
  const double per_year = inputs.number("purchases_per_year");
  const double annual = purchase_value * per_year;
  Result result = value_result(annual * lifespan, "money", 1);
  warn_if_from_churn(result, years);
  result.parts = {{"annual_value", annual}, {"lifespan_years", lifespan}, {"model", "basic"}};
  set_formula(result, "formula.clv.basic",
              {{"purchase_value", purchase_value}, {"purchases_per_year", per_year}, {"lifespan_years", lifespan}, {"value", result.value}});
  set_interpretation(result, "interpretation.clv.basic", {{"value", result.value}, {"annual_value", annual}, {"lifespan_years", lifespan}});
  result.chart = money_bars({{"chart.purchase_value", purchase_value}, {"chart.annual_value", annual}, {"chart.lifetime_value", result.value}});
  return result;
}

Result compute_clv_historical(const Inputs& inputs, const Options&) {
  const auto& purchases = inputs.list("purchases");
  const double margin = inputs.number("gross_margin");
  double revenue = 0;
  for (double amount : purchases) revenue += amount;
  Result result = value_result(revenue * margin, "money", static_cast<double>(purchases.size()));
  result.parts = {{"revenue", revenue}, {"purchases", purchases.size()}, {"average_purchase", revenue / purchases.size()},
                  {"gross_margin", margin}, {"model", "historical"}};
  set_formula(result, "formula.clv.historical", {{"revenue", revenue}, {"gross_margin", margin}, {"value", result.value}});
  set_interpretation(result, "interpretation.clv.historical", {{"value", result.value}, {"revenue", revenue}, {"n", result.n}});
  result.chart = money_bars({{"chart.revenue", revenue}, {"chart.lifetime_value", result.value}});
  return result;
}

Result compute_clv_predictive(const Inputs& inputs, const Options&) {
  Lifespan lifespan;
  if (auto error = read_lifespan(inputs, "lifespan_months", "monthly_churn_percent", lifespan)) return *error;
  const double months = lifespan.value;
  const double transactions = inputs.number("monthly_transactions");
  const double order_value = inputs.number("order_value");
  const double margin = inputs.number_or("gross_margin", 1.0);
  const double monthly = transactions * order_value;
  Result result = value_result(monthly * months * margin, "money", 1);
  warn_if_from_churn(result, lifespan);
  result.parts = {{"monthly_value", monthly}, {"lifespan_months", months}, {"gross_margin", margin}, {"model", "predictive"}};
  set_formula(result, "formula.clv.predictive",
              {{"monthly_transactions", transactions}, {"order_value", order_value}, {"lifespan_months", months},
               {"gross_margin", margin}, {"value", result.value}});
  set_interpretation(result, "interpretation.clv.predictive", {{"value", result.value}, {"monthly_value", monthly}, {"lifespan_months", months}});
  result.chart = money_bars({{"chart.monthly_value", monthly}, {"chart.lifetime_value", result.value}});
  return result;
}

Result compute_clv_net(const Inputs& inputs, const Options&) {
  const double annual = inputs.number("annual_revenue");
  const double years = inputs.number("years");
  const double cac = inputs.number("cac");
  const double gross = annual * years;
  Result result = value_result(gross - cac, "money", 1);
  result.parts = {{"gross_value", gross}, {"cac", cac}, {"model", "net_of_cac"}};
  if (cac > 0) {
    result.parts["clv_cac_ratio"] = gross / cac;
    add_warning(result, "clv_cac_ratio", "CLV : CAC ratio.", {{"ratio", gross / cac}});
  }
  set_formula(result, "formula.clv.net_of_cac", {{"annual_revenue", annual}, {"years", years}, {"cac", cac}, {"value", result.value}});
  set_interpretation(result, result.value < 0 ? "interpretation.clv.net_loss" : "interpretation.clv.net_of_cac",
                     {{"value", result.value}, {"gross_value", gross}, {"cac", cac}});
  result.chart = money_bars({{"chart.gross_value", gross}, {"chart.cac", cac}, {"chart.lifetime_value", result.value}});
  return result;
}

MetricSpec clv_metric() {
  MetricSpec metric{"clv", "retention", "Customer lifetime value (CLV)",
                    "What a customer is worth over the whole relationship; four common models, each named with the figure.", {}};
  metric.texts = {{"chart.purchase_value", "Average purchase"}, {"chart.annual_value", "Value per year"},
                  {"chart.lifetime_value", "Lifetime value"}, {"chart.revenue", "Revenue"},
                  {"chart.monthly_value", "Value per month"}, {"chart.gross_value", "Revenue over the relationship"},
                  {"chart.cac", "Acquisition cost"}};
  VariantSpec basic;
  basic.id = "basic";
  basic.label = "Basic";
  basic.description = "Average purchase value × purchases per year × average lifespan in years.";
  basic.unit = "money";
  basic.input_sets = {"lifespan", "churn"};
  basic.inputs = {input("purchase_value", InputKind::money, "Average purchase value"),
                  input("purchases_per_year", InputKind::number, "Purchases per customer per year"),
                  input("lifespan_years", InputKind::number, "Average customer lifespan, years", "lifespan"),
                  input("churn_percent", InputKind::percent, "Yearly churn rate, %", "churn", "Lifespan = 1 / churn rate.")};
  basic.outputs = {"annual_value", "lifespan_years"};
  basic.formulas = {{"formula.clv.basic", "CLV = {purchase_value:money} × {purchases_per_year:dec2} × {lifespan_years:dec2} = {value:money}"}};
  basic.interpretations = {{"interpretation.clv.basic", "A customer brings {annual_value:money} a year for {lifespan_years:dec1} years: {value:money} in all."}};
  basic.examples = {example("clv_basic_50_5_3", {{"purchase_value", 50}, {"purchases_per_year", 5}, {"lifespan_years", 3}}, 750)};
  basic.compute = compute_clv_basic;

  VariantSpec historical;
  historical.id = "historical";
  historical.label = "Historical";
  historical.description = "The sum of a customer's purchases × average gross margin.";
  historical.unit = "money";
  historical.inputs = {input("purchases", InputKind::money_list, "Purchase amounts"),
                       input("gross_margin", InputKind::fraction, "Average gross margin (0–1)", "", "0.25 means 25%.")};
  historical.outputs = {"revenue", "purchases", "average_purchase", "gross_margin"};
  historical.formulas = {{"formula.clv.historical", "CLV = {revenue:money} × {gross_margin:dec2} = {value:money}"}};
  historical.interpretations = {{"interpretation.clv.historical", "{n:int} purchases worth {revenue:money} left a margin of {value:money}."}};
  historical.examples = {example("clv_historical_120_80_200", {{"purchases", {120, 80, 200}}, {"gross_margin", 0.25}}, 100)};
  historical.compute = compute_clv_historical;

  VariantSpec predictive;
  predictive.id = "predictive";
  predictive.label = "Predictive";
  predictive.description = "Average monthly transactions × average order value × average lifespan in months (× gross margin).";
  predictive.unit = "money";
  predictive.input_sets = {"lifespan", "churn"};
  predictive.inputs = {input("monthly_transactions", InputKind::number, "Transactions per customer per month"),
                       input("order_value", InputKind::money, "Average order value"),
                       optional_input(input("gross_margin", InputKind::fraction, "Gross margin (0–1)", "", "Optional; leave empty for revenue.")),
                       input("lifespan_months", InputKind::number, "Average lifespan, months", "lifespan"),
                       input("monthly_churn_percent", InputKind::percent, "Monthly churn rate, %", "churn", "Lifespan = 1 / churn rate.")};
  predictive.outputs = {"monthly_value", "lifespan_months", "gross_margin"};
  predictive.formulas = {{"formula.clv.predictive", "CLV = {monthly_transactions:dec2} × {order_value:money} × {lifespan_months:dec1} × {gross_margin:dec2} = {value:money}"}};
  predictive.interpretations = {{"interpretation.clv.predictive", "{monthly_value:money} a month for {lifespan_months:dec1} months: {value:money}."}};
  predictive.examples = {example("clv_predictive_2_40_24", {{"monthly_transactions", 2}, {"order_value", 40}, {"lifespan_months", 24}}, 1920)};
  predictive.compute = compute_clv_predictive;

  VariantSpec net;
  net.id = "net_of_cac";
  net.label = "Net of acquisition cost";
  net.description = "Annual revenue per customer × relationship in years − customer acquisition cost.";
  net.unit = "money";
  net.inputs = {input("annual_revenue", InputKind::money, "Annual revenue per customer"),
                input("years", InputKind::number, "Relationship length, years"),
                input("cac", InputKind::money, "Customer acquisition cost (CAC)")};
  net.outputs = {"gross_value", "cac", "clv_cac_ratio"};
  net.formulas = {{"formula.clv.net_of_cac", "CLV = {annual_revenue:money} × {years:dec1} − {cac:money} = {value:money}"}};
  net.interpretations = {{"interpretation.clv.net_of_cac", "After paying {cac:money} to win the customer, {value:money} of {gross_value:money} remains."},
                         {"interpretation.clv.net_loss", "The customer costs more to win ({cac:money}) than they bring ({gross_value:money})."}};
  net.examples = {example("clv_net_600_4_150", {{"annual_revenue", 600}, {"years", 4}, {"cac", 150}}, 2250)};
  net.compute = compute_clv_net;
  metric.variants = {std::move(basic), std::move(historical), std::move(predictive), std::move(net)};
  return metric;
}

MetricSpec cac_metric() {
  MetricSpec metric{"cac", "retention", "Customer acquisition cost (CAC)",
                    "Sales and marketing spend divided by the customers acquired in the same period.", {}};
  VariantSpec variant;
  variant.id = "default";
  variant.unit = "money";
  variant.inputs = {input("spend", InputKind::money, "Sales and marketing spend"),
                    input("customers_acquired", InputKind::count, "Customers acquired"),
                    optional_input(input("clv", InputKind::money, "Customer lifetime value", "", "Optional: shows the CLV : CAC ratio."))};
  variant.outputs = {"spend", "customers_acquired", "clv_cac_ratio"};
  variant.formulas = {{"formula.cac", "CAC = {spend:money} / {customers_acquired:int} = {value:money}"}};
  variant.interpretations = {{"interpretation.cac", "Each new customer cost {value:money} to acquire."}};
  variant.examples = {example("cac_10000_over_20000", {{"spend", 10000}, {"customers_acquired", 20000}}, 0.5)};
  variant.compute = [](const Inputs& inputs, const Options&) {
    const double spend = inputs.number("spend");
    const double customers = inputs.number("customers_acquired");
    if (customers == 0) return Result::failure("input.zero_denominator", "customers_acquired", "No customers were acquired: the cost per customer is undefined.");
    Result result = value_result(spend / customers, "money", customers);
    result.parts = {{"spend", spend}, {"customers_acquired", customers}};
    if (inputs.has("clv") && result.value > 0) {
      result.parts["clv_cac_ratio"] = inputs.number("clv") / result.value;
      add_warning(result, "clv_cac_ratio", "CLV : CAC ratio.", {{"ratio", inputs.number("clv") / result.value}});
    }
    set_formula(result, "formula.cac", {{"spend", spend}, {"customers_acquired", customers}, {"value", result.value}});
    set_interpretation(result, "interpretation.cac", {{"value", result.value}});
    return result;
  };
  metric.variants.push_back(std::move(variant));
  return metric;
}

}  // namespace

void add_retention_metrics(std::vector<MetricSpec>& metrics) {
  metrics.push_back(crr_metric());
  metrics.push_back(churn_metric());
  metrics.push_back(clv_metric());
  metrics.push_back(cac_metric());
}

}  // namespace skpi::metrics
