// Worked examples of spec/metrics.md section 3 (support operations), each a named test, plus each metric's
// own checks (zero denominators, parts larger than their whole, inconsistent abandonment counts).
#include <algorithm>
#include <cmath>

#include "core/metrics/spec.hpp"
#include "tests/core/metrics_test_util.hpp"

namespace skpi::metric_tests {
namespace {

using nlohmann::json;

bool has_warning(const json& result, const std::string& code) {
  for (const auto& warning : result["warnings"]) {
    if (warning["code"] == code) return true;
  }
  return false;
}

// ---------------------------------------------------------------- durations

TEST(MetricsOperations, ResolutionTimeExampleTwoDays) {
  // Filed Monday 09:00, resolved Wednesday 09:00.
  const json result = compute(R"({"metric":"resolution_time","inputs":{"durations":[172800]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 172800.0);
  EXPECT_EQ(result["unit"], "seconds");
  EXPECT_EQ(result["input_set"], "durations");
  EXPECT_DOUBLE_EQ(result["parts"]["median"].get<double>(), 172800.0);
  EXPECT_DOUBLE_EQ(result["parts"]["p90"].get<double>(), 172800.0);
  EXPECT_EQ(result["formula"]["key"], "formula.resolution_time.durations");
}

TEST(MetricsOperations, FrtFromDurationsGivesMeanMedianAndP90) {
  const json result = compute(R"({"metric":"frt","inputs":{"durations":[3600,60,240,120,180]}})");
  EXPECT_DOUBLE_EQ(value_of(result), 840.0);
  EXPECT_DOUBLE_EQ(result["parts"]["median"].get<double>(), 180.0);
  // Position 0.9 × 4 = 3.6 in the sorted list: 240 + 0.6 × (3600 − 240).
  EXPECT_DOUBLE_EQ(result["parts"]["p90"].get<double>(), 2256.0);
  EXPECT_EQ(result["n"], 5);
  EXPECT_EQ(result["interpretation"]["key"], "interpretation.frt.durations");
  EXPECT_TRUE(result["ci"].is_object());
}

TEST(MetricsOperations, FrtFromTotals) {
  const json result = compute(R"({"metric":"frt","inputs":{"total_seconds":36000,"tickets":100}})");
  EXPECT_DOUBLE_EQ(value_of(result), 360.0);
  EXPECT_EQ(result["input_set"], "totals");
  EXPECT_DOUBLE_EQ(result["parts"]["mean"].get<double>(), 360.0);
  EXPECT_TRUE(has_warning(result, "no_interval"));
  EXPECT_EQ(error_code(compute(R"({"metric":"frt","inputs":{"total_seconds":36000,"tickets":0}})")), "input.zero_denominator");
  EXPECT_EQ(error_code(compute(R"({"metric":"frt","inputs":{"total_seconds":36000,"durations":[5]}})")),
            "input.conflicting_alternatives");
  EXPECT_EQ(error_code(compute(R"({"metric":"frt","inputs":{"durations":[5,-1]}})")), "input.negative");
}

TEST(MetricsOperations, ResponseAndResolutionTimeFromTotals) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"response_time","inputs":{"total_seconds":90000,"responses":600}})")), 150.0);
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"resolution_time","inputs":{"total_seconds":864000,"resolved":10}})")), 86400.0);
  EXPECT_EQ(error_field(compute(R"({"metric":"resolution_time","inputs":{"total_seconds":5}})")), "resolved");
}

// ---------------------------------------------------------------- FCR and resolution rate

TEST(MetricsOperations, FcrExample340Of400) {
  const json result = compute(R"({"metric":"fcr","inputs":{"first_contact_resolved":340,"resolved":400}})");
  EXPECT_DOUBLE_EQ(value_of(result), 85.0);
  EXPECT_EQ(result["n"], 400);
  EXPECT_EQ(result["parts"]["rest"], 60);
  const json too_many = compute(R"({"metric":"fcr","inputs":{"first_contact_resolved":401,"resolved":400}})");
  EXPECT_EQ(error_code(too_many), "input.part_exceeds_whole");
  EXPECT_EQ(error_field(too_many), "first_contact_resolved");
  EXPECT_EQ(error_code(compute(R"({"metric":"fcr","inputs":{"first_contact_resolved":0,"resolved":0}})")), "input.zero_denominator");
}

TEST(MetricsOperations, ResolutionRateExample180And20) {
  const json result = compute(R"({"metric":"resolution_rate","inputs":{"resolved":180,"unresolved":20}})");
  EXPECT_DOUBLE_EQ(value_of(result), 90.0);
  EXPECT_EQ(result["n"], 200);
  // resolved / unresolved is reported as a ratio only, never as the percentage.
  EXPECT_DOUBLE_EQ(result["parts"]["ratio"].get<double>(), 9.0);
  EXPECT_EQ(result["interpretation"]["key"], "interpretation.resolution_rate");
  EXPECT_DOUBLE_EQ(result["interpretation"]["values"]["ratio"].get<double>(), 9.0);
}

TEST(MetricsOperations, ResolutionRateWithNothingUnresolvedHasNoRatio) {
  const json result = compute(R"({"metric":"resolution_rate","inputs":{"resolved":50,"unresolved":0}})");
  EXPECT_DOUBLE_EQ(value_of(result), 100.0);
  EXPECT_TRUE(result["parts"]["ratio"].is_null());
  EXPECT_EQ(result["interpretation"]["key"], "interpretation.resolution_rate.all");
  EXPECT_EQ(error_code(compute(R"({"metric":"resolution_rate","inputs":{"resolved":0,"unresolved":0}})")), "input.zero_denominator");
}

TEST(MetricsOperations, ResolutionRatePerAssigned) {
  const json result = compute(R"({"metric":"resolution_rate","variant":"per_assigned","inputs":{"resolved":45,"assigned":50}})");
  EXPECT_DOUBLE_EQ(value_of(result), 90.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"resolution_rate","variant":"per_assigned","inputs":{"resolved":51,"assigned":50}})")),
            "input.part_exceeds_whole");
  EXPECT_EQ(error_code(compute(R"({"metric":"resolution_rate","variant":"per_assigned","inputs":{"resolved":5,"unresolved":5}})")),
            "input.unknown");
}

// ---------------------------------------------------------------- ASA and AHT

TEST(MetricsOperations, WaitExample500MinutesOver200Calls) {
  const json result = compute(R"({"metric":"wait_time","inputs":{"total_wait_seconds":30000,"answered":200}})");
  EXPECT_DOUBLE_EQ(value_of(result), 150.0);  // 2.5 minutes
  EXPECT_EQ(result["unit"], "seconds");
  EXPECT_EQ(error_code(compute(R"({"metric":"wait_time","inputs":{"total_wait_seconds":30000,"answered":0}})")),
            "input.zero_denominator");
}

TEST(MetricsOperations, AhtExampleTalkHoldWrapOver500Calls) {
  // Talk 3,000 min, hold 400 min, wrap-up 600 min over 500 calls: 8 minutes.
  const json result = compute(
      R"({"metric":"aht","inputs":{"talk_seconds":180000,"hold_seconds":24000,"wrap_seconds":36000,"handled":500}})");
  EXPECT_DOUBLE_EQ(value_of(result), 480.0);
  EXPECT_DOUBLE_EQ(result["parts"]["talk_per_contact"].get<double>(), 360.0);
  EXPECT_DOUBLE_EQ(result["parts"]["hold_per_contact"].get<double>(), 48.0);
  EXPECT_DOUBLE_EQ(result["parts"]["wrap_per_contact"].get<double>(), 72.0);
  const json& chart = result["chart"];
  EXPECT_EQ(chart["type"], "stack");
  EXPECT_EQ(chart["unit"], "seconds");
  double sum = 0;
  for (const auto& item : chart["items"]) sum += item["value"].get<double>();
  EXPECT_DOUBLE_EQ(sum, 480.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"aht","inputs":{"talk_seconds":1,"hold_seconds":0,"wrap_seconds":0,"handled":0}})")),
            "input.zero_denominator");
  EXPECT_EQ(error_code(compute(R"({"metric":"aht","inputs":{"talk_seconds":1,"wrap_seconds":0,"handled":3}})")), "input.missing");
}

// ---------------------------------------------------------------- service level

TEST(MetricsOperations, ServiceLevelExample680Of850) {
  const json result = compute(R"({"metric":"service_level","inputs":{"answered_within":680,"offered":850}})");
  EXPECT_DOUBLE_EQ(value_of(result), 80.0);
  EXPECT_EQ(result["n"], 850);
  EXPECT_DOUBLE_EQ(result["parts"]["threshold_seconds"].get<double>(), 20.0);
  EXPECT_EQ(result["parts"]["treatment"], "count");
  EXPECT_EQ(result["formula"]["key"], "formula.service_level");
}

TEST(MetricsOperations, ServiceLevelAbandonedTreatments) {
  // 1,000 offered, 100 abandoned (40 of them before T), 720 answered within T.
  const std::string inputs = R"({"answered_within":720,"offered":1000,"abandoned":100,"abandoned_within":40})";
  const auto with = [&](const std::string& treatment) {
    return compute_request(json::parse(R"({"metric":"service_level","inputs":)" + inputs +
                                       R"(,"options":{"abandoned":")" + treatment + R"(","threshold_seconds":30}})"));
  };
  const json counted = with("count");
  EXPECT_DOUBLE_EQ(value_of(counted), 72.0);
  const json excluded = with("exclude");
  EXPECT_DOUBLE_EQ(value_of(excluded), 80.0);  // 720 / 900
  EXPECT_EQ(excluded["formula"]["key"], "formula.service_level.exclude");
  const json short_excluded = with("exclude_short");
  EXPECT_DOUBLE_EQ(value_of(short_excluded), 75.0);  // 720 / 960
  EXPECT_EQ(short_excluded["n"], 960);
  EXPECT_DOUBLE_EQ(short_excluded["parts"]["threshold_seconds"].get<double>(), 30.0);
  // Each chart splits its own denominator: within + answered later + the abandoned it counts = 100%.
  for (const json* result : {&counted, &excluded, &short_excluded}) {
    double sum = 0;
    for (const auto& item : (*result)["chart"]["items"]) sum += item["value"].get<double>();
    EXPECT_NEAR(sum, 100.0, 1e-12);
  }
  EXPECT_EQ(counted["chart"]["items"].size(), 3u);
  EXPECT_EQ(excluded["chart"]["items"].size(), 2u);
}

TEST(MetricsOperations, ServiceLevelAbandonmentCountsMustAgree) {
  const auto check = [](const char* request, const char* code, const char* field) {
    const json result = compute(request);
    EXPECT_EQ(error_code(result), code) << request;
    EXPECT_EQ(error_field(result), field) << request;
  };
  check(R"({"metric":"service_level","inputs":{"answered_within":851,"offered":850}})", "input.part_exceeds_whole", "answered_within");
  check(R"({"metric":"service_level","inputs":{"answered_within":10,"offered":850,"abandoned":851}})", "input.part_exceeds_whole", "abandoned");
  check(R"({"metric":"service_level","inputs":{"answered_within":10,"offered":850,"abandoned":50,"abandoned_within":51}})",
        "input.part_exceeds_whole", "abandoned_within");
  check(R"({"metric":"service_level","inputs":{"answered_within":10,"offered":850,"abandoned_within":851}})",
        "input.part_exceeds_whole", "abandoned_within");
  // Answered contacts were not abandoned: 801 answered cannot fit in 850 − 50.
  const json overlap = compute(R"({"metric":"service_level","inputs":{"answered_within":801,"offered":850,"abandoned":50}})");
  EXPECT_EQ(error_code(overlap), "input.part_exceeds_whole");
  EXPECT_EQ(error_field(overlap), "answered_within");
  EXPECT_DOUBLE_EQ(overlap["error"]["limit"].get<double>(), 800.0);
  check(R"({"metric":"service_level","inputs":{"answered_within":10,"offered":850},"options":{"abandoned":"exclude"}})",
        "input.missing", "abandoned");
  check(R"({"metric":"service_level","inputs":{"answered_within":10,"offered":850,"abandoned":5},"options":{"abandoned":"exclude_short"}})",
        "input.missing", "abandoned_within");
  check(R"({"metric":"service_level","inputs":{"answered_within":0,"offered":5,"abandoned":5},"options":{"abandoned":"exclude"}})",
        "input.zero_denominator", "abandoned");
  check(R"({"metric":"service_level","inputs":{"answered_within":0,"offered":0}})", "input.zero_denominator", "offered");
  check(R"({"metric":"service_level","inputs":{"answered_within":1,"offered":5},"options":{"abandoned":"sometimes"}})",
        "option.invalid", "abandoned");
}

// ---------------------------------------------------------------- abandonment and blocking

TEST(MetricsOperations, AbandonRateIsAShareOfOffered) {
  const json result = compute(R"({"metric":"abandon_rate","inputs":{"abandoned":50,"offered":1000}})");
  EXPECT_DOUBLE_EQ(value_of(result), 5.0);
  EXPECT_EQ(result["chart"]["items"][0]["tone"], "bad");
  EXPECT_EQ(error_code(compute(R"({"metric":"abandon_rate","inputs":{"abandoned":5,"offered":4}})")), "input.part_exceeds_whole");
}

TEST(MetricsOperations, BlockingObserved) {
  EXPECT_DOUBLE_EQ(value_of(compute(R"({"metric":"blocking","variant":"observed","inputs":{"blocked":30,"offered":1200}})")), 2.5);
  EXPECT_EQ(value_of(compute(R"({"metric":"blocking","inputs":{"blocked":0,"offered":10}})")), 0.0);  // observed is the default
}

TEST(MetricsOperations, BlockingErlangB) {
  // Exact rationals: B(10, 15) = 0.036496945472370793152; the 1% grade of service needs 18 lines.
  const json result = compute(R"({"metric":"blocking","variant":"erlang_b","inputs":{"traffic_erlangs":10,"lines":15}})");
  EXPECT_NEAR(value_of(result), 3.6496945472370793152, 1e-12);
  EXPECT_EQ(result["unit"], "percent");
  EXPECT_EQ(result["parts"]["lines_for_1_percent"], 18);
  EXPECT_NEAR(result["parts"]["lost_erlangs"].get<double>(), 0.36496945472370793152, 1e-13);
  EXPECT_EQ(result["chart"]["type"], "curve");
  EXPECT_EQ(result["chart"]["marker"], 15);
  bool marked = false;
  for (const auto& point : result["chart"]["series"][0]["points"]) {
    if (point[0] == 15) {
      marked = true;
      EXPECT_NEAR(point[1].get<double>(), 3.6496945472370793152, 1e-12);
    }
  }
  EXPECT_TRUE(marked);
  // 1,800 erlangs on 1,850 lines: exact rationals give 0.52800933581084206691%; the 1% count is 1,829.
  const json big = compute(R"({"metric":"blocking","variant":"erlang_b","inputs":{"traffic_erlangs":1800,"lines":1850}})");
  EXPECT_NEAR(value_of(big), 0.52800933581084206691, 0.52800933581084206691 * 1e-9);
  EXPECT_EQ(big["parts"]["lines_for_1_percent"], 1829);
  EXPECT_LE(big["chart"]["series"][0]["points"].size(), 70u);
  EXPECT_EQ(error_code(compute(R"({"metric":"blocking","variant":"erlang_b","inputs":{"traffic_erlangs":10,"lines":0}})")),
            "input.below_min");
}

// ---------------------------------------------------------------- backlog

TEST(MetricsOperations, BacklogIsOpenPlusCreatedMinusResolved) {
  const json result = compute(R"({"metric":"backlog","inputs":{"open_at_start":120,"created":400,"resolved":430,"days":30}})");
  EXPECT_DOUBLE_EQ(value_of(result), 90.0);
  EXPECT_EQ(result["unit"], "count");
  EXPECT_DOUBLE_EQ(result["parts"]["net_change"].get<double>(), -30.0);
  EXPECT_DOUBLE_EQ(result["parts"]["daily_net_change"].get<double>(), -1.0);
  EXPECT_EQ(result["interpretation"]["key"], "interpretation.backlog.shrinking");
  const json without_days = compute(R"({"metric":"backlog","inputs":{"open_at_start":10,"created":5,"resolved":2}})");
  EXPECT_DOUBLE_EQ(value_of(without_days), 13.0);
  EXPECT_FALSE(without_days["parts"].contains("daily_net_change"));
  EXPECT_EQ(without_days["interpretation"]["key"], "interpretation.backlog.growing");
  const json impossible = compute(R"({"metric":"backlog","inputs":{"open_at_start":10,"created":5,"resolved":16}})");
  EXPECT_EQ(error_code(impossible), "input.part_exceeds_whole");
  EXPECT_EQ(error_field(impossible), "resolved");
  EXPECT_DOUBLE_EQ(impossible["error"]["limit"].get<double>(), 15.0);
  EXPECT_EQ(error_code(compute(R"({"metric":"backlog","inputs":{"open_at_start":1,"created":1,"resolved":1,"days":0}})")),
            "input.below_min");
}

// ---------------------------------------------------------------- support cost

TEST(MetricsOperations, SupportCostExample25000Over5000Tickets) {
  const json result = compute(R"({"metric":"support_cost","variant":"per_ticket","inputs":{"cost":25000,"tickets":5000}})");
  EXPECT_DOUBLE_EQ(value_of(result), 5.0);
  EXPECT_EQ(result["unit"], "money");
  EXPECT_EQ(error_code(compute(R"({"metric":"support_cost","variant":"per_ticket","inputs":{"cost":25000,"tickets":0}})")),
            "input.zero_denominator");
}

TEST(MetricsOperations, SupportCostExample25000Of400000Revenue) {
  const json result = compute(R"({"metric":"support_cost","variant":"share","inputs":{"cost":25000,"revenue":400000}})");
  EXPECT_DOUBLE_EQ(value_of(result), 6.25);
  EXPECT_DOUBLE_EQ(result["parts"]["reference_percent"].get<double>(), 10.0);
  EXPECT_FALSE(has_warning(result, "high_share"));
  EXPECT_DOUBLE_EQ(result["chart"]["reference"]["value"].get<double>(), 10.0);
}

TEST(MetricsOperations, SupportCostShareAboveTenPercentWarns) {
  const json result = compute(R"({"metric":"support_cost","variant":"share","inputs":{"cost":50000,"revenue":400000}})");
  EXPECT_DOUBLE_EQ(value_of(result), 12.5);
  ASSERT_TRUE(has_warning(result, "high_share"));
  EXPECT_DOUBLE_EQ(result["warnings"][0]["values"]["limit"].get<double>(), 10.0);
  EXPECT_FALSE(has_warning(compute(R"({"metric":"support_cost","variant":"share","inputs":{"cost":40000,"revenue":400000}})"),
                           "high_share"));  // exactly 10% is within the guidance
  EXPECT_EQ(error_code(compute(R"({"metric":"support_cost","variant":"share","inputs":{"cost":1,"revenue":0}})")),
            "input.zero_denominator");
}

// ---------------------------------------------------------------- catalogue

TEST(MetricsOperations, NavigationOrderAndGroups) {
  std::vector<std::string> ids;
  for (const auto& metric : metrics::all_metrics()) {
    if (metric.group == "operations") ids.push_back(metric.id);
  }
  const std::vector<std::string> expected = {"frt", "response_time", "resolution_time", "fcr", "resolution_rate",
                                             "wait_time", "aht", "service_level", "abandon_rate", "blocking",
                                             "backlog", "support_cost"};
  EXPECT_EQ(ids, expected);
}

// The api.md input table is a contract: each variant accepts exactly these inputs and options.
TEST(MetricsOperations, InputNamesFollowTheApiContract) {
  struct Row {
    std::string metric, variant;
    std::vector<std::string> inputs, options;
  };
  const std::vector<Row> contract = {
      {"frt", "default", {"total_seconds", "tickets", "durations"}, {}},
      {"response_time", "default", {"total_seconds", "responses", "durations"}, {}},
      {"resolution_time", "default", {"total_seconds", "resolved", "durations"}, {}},
      {"fcr", "default", {"first_contact_resolved", "resolved"}, {}},
      {"resolution_rate", "default", {"resolved", "unresolved"}, {}},
      {"resolution_rate", "per_assigned", {"resolved", "assigned"}, {}},
      {"wait_time", "default", {"total_wait_seconds", "answered"}, {}},
      {"aht", "default", {"talk_seconds", "hold_seconds", "wrap_seconds", "handled"}, {}},
      {"service_level", "default", {"answered_within", "offered", "abandoned", "abandoned_within"}, {"threshold_seconds", "abandoned"}},
      {"abandon_rate", "default", {"abandoned", "offered"}, {}},
      {"blocking", "observed", {"blocked", "offered"}, {}},
      {"blocking", "erlang_b", {"traffic_erlangs", "lines"}, {}},
      {"support_cost", "per_ticket", {"cost", "tickets"}, {}},
      {"support_cost", "share", {"cost", "revenue"}, {}},
      {"backlog", "default", {"open_at_start", "created", "resolved", "days"}, {}},
  };
  for (const auto& row : contract) {
    const metrics::MetricSpec* metric = metrics::find_metric(row.metric);
    ASSERT_NE(metric, nullptr) << row.metric;
    const metrics::VariantSpec* variant = metrics::find_variant(*metric, row.variant);
    ASSERT_NE(variant, nullptr) << row.metric << "/" << row.variant;
    EXPECT_EQ(variant->id, row.variant);
    std::vector<std::string> inputs, options;
    for (const auto& input : variant->inputs) inputs.push_back(input.name);
    for (const auto& option : variant->options) options.push_back(option.name);
    EXPECT_EQ(inputs, row.inputs) << row.metric << "/" << row.variant;
    EXPECT_EQ(options, row.options) << row.metric << "/" << row.variant;
  }
  const auto& service_level = *metrics::find_variant(*metrics::find_metric("service_level"), "default");
  EXPECT_EQ(service_level.options[0].default_value, 20);
  std::vector<std::string> choices;
  for (const auto& choice : service_level.options[1].choices) choices.push_back(choice.id);
  EXPECT_EQ(choices, (std::vector<std::string>{"count", "exclude", "exclude_short"}));
  EXPECT_EQ(service_level.options[1].default_value, "count");
}

// Every worked example of section 3 is also a catalogue example (the page offers them and the Node tests run them).
TEST(MetricsOperations, SpecExamplesAreInTheCatalogue) {
  const json catalogue = metrics::catalogue();
  const auto values_of = [&](const std::string& id, const std::string& variant) {
    std::vector<double> values;
    for (const auto& metric : catalogue["metrics"]) {
      if (metric["id"] != id) continue;
      for (const auto& item : metric["variants"]) {
        if (item["id"] != variant) continue;
        for (const auto& example : item["examples"]) values.push_back(example["value"].get<double>());
      }
    }
    return values;
  };
  const auto contains = [](const std::vector<double>& values, double value) {
    return std::find(values.begin(), values.end(), value) != values.end();
  };
  EXPECT_TRUE(contains(values_of("resolution_time", "default"), 172800));
  EXPECT_TRUE(contains(values_of("fcr", "default"), 85));
  EXPECT_TRUE(contains(values_of("resolution_rate", "default"), 90));
  EXPECT_TRUE(contains(values_of("wait_time", "default"), 150));
  EXPECT_TRUE(contains(values_of("aht", "default"), 480));
  EXPECT_TRUE(contains(values_of("service_level", "default"), 80));
  EXPECT_TRUE(contains(values_of("support_cost", "per_ticket"), 5));
  EXPECT_TRUE(contains(values_of("support_cost", "share"), 6.25));
  EXPECT_TRUE(contains(values_of("staffing", "erlang_c"), 14));
}

}  // namespace
}  // namespace skpi::metric_tests
