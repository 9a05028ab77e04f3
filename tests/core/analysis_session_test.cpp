// The analysis session end to end on small hand-checked files: every kind's figures, chunk sweeps
// 1..64 on tricky inputs, encodings and dialects, time zones and business hours across DST, periods
// and comparisons, event logs, options errors, unreadable files, and no NaN anywhere.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "tests/core/analysis_test_support.hpp"

using skpi::analysis::Session;
using nlohmann::json;
using skpi::analysis::testing::expect_same;

namespace {

json analyze_bytes(const std::string& bytes, const json& options = json::object(), std::size_t chunk = 0) {
  return skpi::analysis::testing::analyze_text(bytes, options, chunk);
}

double value(const json& report, const std::string& pointer) { return report.at(json::json_pointer(pointer)).get<double>(); }

void expect_no_nan(const json& node, const std::string& path = "") {
  if (node.is_number_float()) {
    EXPECT_TRUE(std::isfinite(node.get<double>())) << path;
  } else if (node.is_object()) {
    for (const auto& [key, item] : node.items()) expect_no_nan(item, path + "/" + key);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) expect_no_nan(node[i], path + "/" + std::to_string(i));
  }
}

const std::string tickets_csv =
    "id,created_at,first_response_at,resolved_at,status,channel,category,agent,replies,rating,reopens\n"
    "1,2024-03-04 09:00:00,2024-03-04 09:30:00,2024-03-04 12:00:00,solved,email,Billing,Ann,1,5,0\n"
    "2,2024-03-04 10:00:00,2024-03-04 11:00:00,2024-03-05 10:00:00,closed,chat,Billing,Bob,3,2,1\n"
    "3,2024-03-05 08:00:00,,,open,email,Tech,Ann,0,,0\n"
    "4,2024-03-06 09:00:00,2024-03-06 09:10:00,2024-03-06 09:05:00,solved,phone,Tech,,1,4,0\n"
    "5,2024-03-11 09:00:00,2024-03-11 13:00:00,,pending,email,Billing,Bob,2,,0\n";

}  // namespace

TEST(AnalysisTickets, HandCheckedFigures) {
  const json r = analyze_bytes(tickets_csv);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["rows"]["read"], 5);
  EXPECT_EQ(r["rows"]["used"], 5);
  // first response: 1800, 3600, 600, 14400 (ticket 3 has none)
  EXPECT_DOUBLE_EQ(value(r, "/metrics/first_response/mean"), 5100);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/first_response/median"), 2700);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/first_response/p90"), 11160);
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 4);
  EXPECT_EQ(r["metrics"]["first_response"]["excluded_reasons"]["ticket.no_first_response"], 1);
  // resolution of the three resolved tickets: 10800, 86400, 300
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution/median"), 10800);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution/mean"), 32500);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution/p90"), 71280);
  EXPECT_EQ(r["metrics"]["resolution"]["excluded_reasons"]["ticket.unresolved"], 2);
  // FCR one_touch: replies < 2 among resolved: tickets 1 and 4 of 1, 2, 4
  EXPECT_EQ(r["metrics"]["fcr"]["definition"], "one_touch");
  EXPECT_NEAR(value(r, "/metrics/fcr/value"), 200.0 / 3, 1e-9);
  EXPECT_EQ(r["metrics"]["fcr"]["n"], 3);
  EXPECT_NEAR(value(r, "/metrics/fcr/variants/one_reply/value"), 200.0 / 3, 1e-9);
  EXPECT_NEAR(value(r, "/metrics/reopen_rate/value"), 100.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution_rate/value"), 60);
  EXPECT_NEAR(value(r, "/metrics/csat/value"), 200.0 / 3, 1e-9);
  EXPECT_NEAR(value(r, "/metrics/csat/mean"), 11.0 / 3, 1e-12);
  EXPECT_EQ(r["metrics"]["csat"]["scale"], "1-5");
  // backlog: 1 open after 4 March, ..., 2 after 11 March
  const json backlog = r["metrics"]["backlog"];
  EXPECT_EQ(backlog["end"], 2);
  EXPECT_EQ(backlog["as_of"], "2024-03-11");
  ASSERT_EQ(backlog["series"].size(), 8u);
  EXPECT_EQ(backlog["series"][0]["open"], 1);
  EXPECT_EQ(backlog["series"][1]["open"], 1);
  EXPECT_EQ(backlog["series"][7]["open"], 2);
  // volume
  const json volume = r["metrics"]["volume"];
  EXPECT_EQ(volume["by_day"][0]["date"], "2024-03-04");
  EXPECT_EQ(volume["by_day"][0]["count"], 2);
  EXPECT_EQ(volume["by_day"][0]["channels"]["email"], 1);
  EXPECT_EQ(volume["by_week"][0]["week"], "2024-W10");
  EXPECT_EQ(volume["by_week"][0]["count"], 4);
  EXPECT_EQ(volume["by_week"][1]["count"], 1);
  EXPECT_EQ(volume["by_month"][0]["month"], "2024-03");
  EXPECT_EQ(volume["by_month"][0]["categories"]["Billing"], 3);
  EXPECT_EQ(volume["by_channel"][0]["channel"], "email");
  EXPECT_DOUBLE_EQ(volume["by_channel"][0]["share"].get<double>(), 60);
  // agents
  const json agents = r["metrics"]["agents"];
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0]["agent"], "Ann");
  EXPECT_EQ(agents[0]["handled"], 2);
  EXPECT_EQ(agents[0]["resolved"], 1);
  EXPECT_DOUBLE_EQ(agents[0]["fcr"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(agents[0]["first_response_median"].get<double>(), 1800);
  EXPECT_DOUBLE_EQ(agents[1]["fcr"].get<double>(), 0);
  expect_no_nan(r);
}

TEST(AnalysisTickets, FcrDefinitionOptionAndWithinMinutes) {
  const json r = analyze_bytes(tickets_csv, {{"fcr_definition", "within_minutes"}, {"fcr_minutes", 60}});
  EXPECT_EQ(r["metrics"]["fcr"]["definition"], "within_minutes");
  EXPECT_NEAR(value(r, "/metrics/fcr/value"), 100.0 / 3, 1e-9);  // only ticket 4 (5 minutes)
  const json missing = analyze_bytes(tickets_csv, {{"fcr_definition", "no_customer_follow_up"}});
  EXPECT_FALSE(missing["metrics"].contains("fcr"));
}

TEST(AnalysisTickets, SlaTargets) {
  const json r = analyze_bytes(tickets_csv, {{"sla", {{"first_response_seconds", 3600}, {"resolution_seconds", 80000}}}});
  EXPECT_DOUBLE_EQ(value(r, "/metrics/sla/first_response/value"), 75);  // 600, 1800, 3600 of 4
  EXPECT_NEAR(value(r, "/metrics/sla/resolution/value"), 200.0 / 3, 1e-9);
}

TEST(AnalysisTickets, EventLogLastRowWins) {
  const std::string log =
      "number,incident_state,opened_at,resolved_at,reopen_count,category\n"
      "INC1,New,01-02-2016 10:00,?,0,A\n"
      "INC1,Resolved,01-02-2016 10:00,02-02-2016 10:00,0,A\n"
      "INC2,New,13-02-2016 09:00,?,0,B\n"
      "INC2,Active,13-02-2016 09:00,?,1,B\n"
      "INC3,Closed,14-02-2016 09:00,14-02-2016 09:30,0,B\n";
  const json r = analyze_bytes(log);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["rows"]["read"], 5);
  EXPECT_EQ(r["rows"]["records"], 3);
  EXPECT_EQ(r["metrics"]["tickets"]["value"], 3);
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 2);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution/median"), (86400 + 1800) / 2.0);
  EXPECT_NEAR(value(r, "/metrics/resolution_rate/value"), 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/reopen_rate/value"), 0);
}

TEST(AnalysisSurvey, NpsBySegmentAndMonthWithSemicolonsAndDottedDates) {
  const std::string text =
      "date;score;channel\n01.03.2024;10;web\n02.03.2024;9;web\n15.03.2024;7;app\n02.04.2024;3;app\n03.04.2024;NA;web\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "survey");
  EXPECT_EQ(r["dialect"]["delimiter"], ";");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/nps/value"), 25);
  EXPECT_EQ(r["metrics"]["nps"]["n"], 4);
  EXPECT_EQ(r["rows"]["reasons"]["survey.no_score"], 1);
  const json months = r["metrics"]["nps"]["by_month"];
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0]["month"], "2024-03");
  EXPECT_NEAR(months[0]["value"].get<double>(), 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(months[1]["value"].get<double>(), -100);
  const json channels = r["metrics"]["nps"]["by_segment"]["channel"];
  EXPECT_EQ(channels[0]["segment"], "web");
  EXPECT_DOUBLE_EQ(channels[0]["value"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(channels[1]["value"].get<double>(), -50);
}

TEST(AnalysisSurvey, NpsHeaderSaysZeroToTen) {
  // No one answered 0, but the question says 0-10: the scale and the distribution keep the 0.
  const json r = analyze_bytes("Date,How likely are you to recommend us to a friend? (0-10)\n2024-03-01,10\n2024-03-02,7\n2024-03-03,3\n2024-03-04,9\n");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["metrics"]["nps"]["scale"], "0-10");
  EXPECT_EQ(r["metrics"]["nps"]["distribution"], json::parse("[0,0,0,1,0,0,0,1,0,1,1]"));
  EXPECT_DOUBLE_EQ(value(r, "/metrics/nps/value"), 25);
}

TEST(AnalysisSurvey, CsatCesAndOneToTenNps) {
  const std::string text = "nps,csat,ces\n1,5,2\n10,4,3\n9,1,1\n8,5,5\n6,4,4\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["metrics"]["nps"]["scale"], "1-10");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/nps/value"), 0);  // 2 promoters, 2 detractors of 5
  EXPECT_DOUBLE_EQ(value(r, "/metrics/csat/value"), 80);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/ces/value"), 3);
  EXPECT_TRUE(r["metrics"]["ces"].contains("ci"));
  const json forced = analyze_bytes(text, {{"csat_scale", "1-7"}});
  EXPECT_DOUBLE_EQ(value(forced, "/metrics/csat/value"), 0);  // 6-7 satisfied on 1-7
}

TEST(AnalysisCalls, PerCallFigures) {
  const std::string text =
      "call_id,start time,outcome,wait time,talk time,wrap up time,agent\n"
      "1,2024-05-06 09:05:00,answered,10,300,60,Ann\n"
      "2,2024-05-06 09:20:00,answered,45,200,30,Bob\n"
      "3,2024-05-06 09:40:00,abandoned,30,,,\n"
      "4,2024-05-06 10:10:00,answered,5,100,20,Ann\n"
      "5,2024-05-06 10:50:00,abandoned,5,,,\n"
      "6,2024-05-06 11:00:00,phantom,,,,\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/offered/value"), 5);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/answered/value"), 3);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/abandoned/value"), 2);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/abandon_rate/value"), 40);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/wait_time/mean"), 20);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/wait_time/median"), 10);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/service_level/value"), 40);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/aht/median"), 230);
  EXPECT_NEAR(value(r, "/metrics/aht/mean"), 710.0 / 3, 1e-9);
  const json arrivals = r["metrics"]["arrivals"];
  EXPECT_EQ(arrivals["interval_minutes"], 60);
  ASSERT_EQ(arrivals["series"].size(), 2u);
  EXPECT_EQ(arrivals["series"][0]["start"], "2024-05-06T09:00");
  EXPECT_EQ(arrivals["series"][0]["calls"], 3);
  EXPECT_EQ(arrivals["series"][1]["calls"], 2);
  const json exclude = analyze_bytes(text, {{"service_level_abandoned", "exclude"}});
  EXPECT_NEAR(value(exclude, "/metrics/service_level/value"), 200.0 / 3, 1e-9);
  const json exclude_short = analyze_bytes(text, {{"service_level_abandoned", "exclude_short"}});
  EXPECT_DOUBLE_EQ(value(exclude_short, "/metrics/service_level/value"), 50);
  const json threshold = analyze_bytes(text, {{"service_level_seconds", 60}});
  EXPECT_DOUBLE_EQ(value(threshold, "/metrics/service_level/value"), 60);
}

TEST(AnalysisCalls, IntervalCounts) {
  std::string text = "timestamp,calls\n";
  for (int hour = 0; hour < 48; ++hour) {
    text += "2018-01-0" + std::to_string(1 + hour / 24) + " " + (hour % 24 < 10 ? "0" : "") + std::to_string(hour % 24) + ":00:00," +
            std::to_string(hour % 24 * 10) + "\n";
  }
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/offered/value"), 2 * 2760);
  EXPECT_EQ(r["metrics"]["arrivals"]["intervals"], 48);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/arrivals/by_time_of_day/18/mean"), 180);
  EXPECT_EQ(r["metrics"]["arrivals"]["peak"]["start"], "2018-01-01T23:00");
}

TEST(AnalysisTransactions, HandCheckedFigures) {
  const std::string text =
      "customer,date,amount\na,2024-01-05,10\na,2024-02-10,20\nb,2024-01-20,5\nc,2024-02-01,7.5\nc,2024-02-15,2.5\nb,2024-03-01,5\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["metrics"]["customers"]["value"], 3);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/revenue/value"), 50);
  EXPECT_NEAR(value(r, "/metrics/clv/value"), 50.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/repeat_customers/value"), 100);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/retention/value"), 25);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/churn/value"), 75);
  const json series = r["metrics"]["retention"]["series"];
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[1]["period"], "2024-02");
  EXPECT_EQ(series[1]["retained"], 1);
  EXPECT_EQ(series[1]["new"], 1);
  EXPECT_DOUBLE_EQ(series[2]["retention"].get<double>(), 0);
}

TEST(AnalysisCalls, AnsweredYesNoResolvedAndRatings) {
  // The layout of a widely shared call-centre sample: Answered (Y/N), Resolved, speed of answer, talk h:mm:ss.
  const std::string text =
      "Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,AvgTalkDuration,Satisfaction rating\n"
      "ID0001,Diane,2021-01-01,9:12:58,Contract related,Y,Y,109,00:02:23,3\n"
      "ID0002,Becky,2021-01-01,9:12:58,Technical Support,Y,N,70,00:04:02,3\n"
      "ID0003,Stewart,2021-01-01,9:47:31,Contract related,Y,Y,10,00:02:11,4\n"
      "ID0004,Greg,2021-01-02,9:47:31,Contract related,N,N,,,\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_EQ(r["mapping"]["outcome"], "Answered (Y/N)");
  EXPECT_EQ(r["mapping"]["resolved_flag"], "Resolved");
  EXPECT_EQ(r["mapping"]["wait_seconds"], "Speed of answer in seconds");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/answered/value"), 3);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/abandon_rate/value"), 25);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/answer_rate/value"), 75);
  EXPECT_NEAR(value(r, "/metrics/resolution_rate/value"), 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/wait_time/mean"), 63);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/aht/median"), 143);  // 00:02:23
  EXPECT_NEAR(value(r, "/metrics/csat/mean"), 10.0 / 3, 1e-12);
  // "Date" and "Time" in two columns give hourly arrivals
  EXPECT_EQ(r["mapping"]["time_of_day"], "Time");
  EXPECT_EQ(r["metrics"]["arrivals"]["interval_minutes"], 60);
  EXPECT_EQ(r["metrics"]["arrivals"]["series"][0]["start"], "2021-01-01T09:00");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/arrivals/series/0/calls"), 3);
}

TEST(AnalysisCustomers, OneRowPerCustomerWithDates) {
  const std::string text =
      "customer,signup date,cancel date,plan,monthly revenue\n"
      "a,2024-01-05,,basic,10\nb,2024-01-20,2024-02-10,pro,20\nc,2024-02-03,,basic,10\nd,2024-02-15,2024-02-25,pro,20\n"
      "e,2024-03-01,2024-04-02,basic,10\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["mapping"]["start_date"], "signup date");
  EXPECT_EQ(r["mapping"]["end_date"], "cancel date");
  EXPECT_EQ(r["metrics"]["customers"]["value"], 5);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/churn/value"), 60);  // b, d, e have an end date
  EXPECT_DOUBLE_EQ(value(r, "/metrics/mrr/value"), 20);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/arpu/value"), 14);
  // months: Feb S=2 lost 1 (b; d came and went) -> 50%; Mar S=2 -> 100%; Apr S=3 lost 1 -> 66.7%
  const json series = r["metrics"]["per_period"]["series"];
  ASSERT_EQ(series.size(), 4u);
  EXPECT_DOUBLE_EQ(series[1]["retention"].get<double>(), 50);
  EXPECT_DOUBLE_EQ(series[1]["new"].get<double>(), 2);
  EXPECT_DOUBLE_EQ(series[2]["retention"].get<double>(), 100);
  EXPECT_NEAR(series[3]["retention"].get<double>(), 200.0 / 3, 1e-9);
  EXPECT_NEAR(value(r, "/metrics/per_period/retention"), 500.0 / 7, 1e-9);
}

TEST(AnalysisCustomers, ChurnFlagTenureAndCharges) {
  const std::string text =
      "customerID,gender,tenure,Contract,MonthlyCharges,TotalCharges,Churn\n"
      "7590-VHVEG,Female,1,Month-to-month,29.85,29.85,No\n5575-GNVDE,Male,34,One year,56.95,1889.5,No\n"
      "3668-QPYBK,Male,2,Month-to-month,53.85,108.15,Yes\n7795-CFOCW,Male,45,One year,42.3,1840.75,No\n"
      "9237-HQITU,Female,2,Month-to-month,70.7,151.65,Yes\n4472-LVYGI,Female,0,Two year,52.55, ,No\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["mapping"]["churned"], "Churn");
  EXPECT_NEAR(value(r, "/metrics/churn/value"), 100.0 / 3, 1e-9);
  EXPECT_NEAR(value(r, "/metrics/churn/by_segment/segment/0/churn"), 200.0 / 3, 1e-9);  // Month-to-month
  EXPECT_DOUBLE_EQ(value(r, "/metrics/tenure/median"), 2);
  EXPECT_NEAR(value(r, "/metrics/revenue/value"), 4019.9, 1e-9);
  EXPECT_NEAR(value(r, "/metrics/arpu/value"), 306.2 / 6, 1e-9);
}

TEST(AnalysisTransactions, DecimalCommaAndThousands) {
  const std::string text = "Kliendi ID;Kuupäev;Summa\nA1;05.01.2024;1.234,50\nA2;06.01.2024;765,50\nA1;13.02.2024;1.000,00\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["dialect"]["decimal"], ",");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/revenue/value"), 3000);
  EXPECT_NEAR(value(r, "/metrics/repeat_customers/value"), 50, 1e-9);
}

TEST(AnalysisQa, IqsPerCriterionAndAgent) {
  const std::string text =
      "review_id,agent,criterion,score,weight\n"
      "r1,Ann,Response time,100,40\nr1,Ann,Resolution,50,30\nr1,Ann,Tone,80,30\n"
      "r2,Bob,Response time,60,40\nr2,Bob,Resolution,100,30\nr2,Bob,Tone,100,30\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "qa");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/iqs/value"), 81.5);
  EXPECT_EQ(r["metrics"]["iqs"]["n"], 2);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/iqs/by_agent/0/value"), 79);  // the worked example of metrics.md
  EXPECT_DOUBLE_EQ(value(r, "/metrics/iqs/by_agent/1/value"), 84);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/iqs/by_criterion/0/value"), 80);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/iqs/by_criterion/2/value"), 90);
}

TEST(AnalysisTable, NumbersAreSummarised) {
  const json r = analyze_bytes("ID,x,zbar\n1,2,22.35\n2,0,0.00\n3,7,73.74\n");
  ASSERT_TRUE(r["ok"].get<bool>());
  EXPECT_EQ(r["kind"], "table");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/columns/1/mean"), 3);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/columns/2/median"), 22.35);
}

// ------------------------------------------------------------------------------------------ reading

TEST(AnalysisReading, ChunkBoundariesChangeNothing) {
  // Quoted fields with embedded newlines and doubled quotes, CRLF, a BOM and multi-byte characters.
  const std::string text =
      "\xEF\xBB\xBFId,Created at,Solved at,Status,Assignee,Category,Subject\r\n"
      "1,2024-03-04 09:00:00,2024-03-04 12:00:00,solved,M\xC3\xBCller,\"Returns, refunds\",\"He said \"\"hi\"\"\r\nthen left\"\r\n"
      "2,2024-03-04 10:00:00,,open,\xE5\xBC\xA0\xE4\xBC\x9F,Billing,\"multi\nline\"\r\n"
      "3,2024-03-05 11:00:00,2024-03-06 11:00:00,closed,M\xC3\xBCller,\"Returns, refunds\",\xF0\x9F\x98\x80 emoji\r\n"
      "4,2024-03-05 12:00:00,2024-03-05 12:30:00,solved,\xE5\xBC\xA0\xE4\xBC\x9F,Billing,plain\r\n";
  const json whole = analyze_bytes(text);
  ASSERT_TRUE(whole["ok"].get<bool>()) << whole.dump(2);
  EXPECT_EQ(whole["rows"]["read"], 4);
  EXPECT_EQ(whole["dialect"]["encoding"], "utf-8-bom");
  EXPECT_EQ(whole["metrics"]["agents"][0]["agent"], "M\xC3\xBCller");
  EXPECT_EQ(whole["metrics"]["volume"]["by_category"][0]["category"], "Returns, refunds");
  EXPECT_EQ(whole["metrics"]["resolution"]["n"], 3);
  for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
    EXPECT_EQ(analyze_bytes(text, json::object(), chunk), whole) << "chunk " << chunk;
  }
}

TEST(AnalysisReading, Utf16LittleEndianTabSeparated) {
  const std::string ascii = "date\tnps\tchannel\r\n2024-01-01\t10\tweb\r\n2024-01-02\t6\tapp\r\n2024-01-03\t9\tweb\r\n";
  std::string bytes = "\xFF\xFE";
  for (char c : ascii) {
    bytes += c;
    bytes += '\0';
  }
  for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
    const json r = analyze_bytes(bytes, json::object(), chunk);
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
    EXPECT_EQ(r["dialect"]["encoding"], "utf-16le");
    EXPECT_EQ(r["dialect"]["delimiter"], "\t");
    EXPECT_NEAR(value(r, "/metrics/nps/value"), 100.0 / 3, 1e-9);
  }
}

TEST(AnalysisReading, Windows1252TextBecomesUtf8) {
  const std::string text = "date,nps,agent\n2024-01-01,10,Caf\xE9\n2024-01-02,9,Caf\xE9\n2024-01-03,2,Jos\xE9\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["dialect"]["encoding"], "windows-1252");
  EXPECT_EQ(r["metrics"]["nps"]["by_segment"]["agent"][0]["segment"], "Caf\xC3\xA9");
}

TEST(AnalysisReading, PreambleAboveTheHeader) {
  const std::string text =
      "Reports period,2024-01-01 to 2024-01-31\n\nAgent name,Conversations count,Avg first response time (Minutes)\n"
      "Ann,120,4.5\nBob,80,7.25\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["dialect"]["preamble_rows"], 1);
  EXPECT_EQ(r["rows"]["read"], 2);
  EXPECT_EQ(r["mapping"]["agent"], "Agent name");
}

TEST(AnalysisReading, RaggedRowsAreCountedNotFatal) {
  const std::string text = "date,nps\n2024-01-01,10\n2024-01-02,9,extra,cells\n2024-01-03\n2024-01-04,3,\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["rows"]["reasons"]["row.ragged"], 1);
  EXPECT_EQ(r["rows"]["short"], 1);
  EXPECT_EQ(r["metrics"]["nps"]["n"], 2);
  ASSERT_FALSE(r["rows"]["bad"].empty());
  EXPECT_EQ(r["rows"]["bad"][0]["row"], 3);
  EXPECT_EQ(r["rows"]["bad"][0]["reason"], "row.ragged");
}

TEST(AnalysisReading, HeaderWithoutRowsSaysSo) {
  const json r = analyze_bytes("id,created_at,status\n");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["rows"]["read"], 0);
  EXPECT_EQ(r["warnings"][0]["code"], "csv.no_rows");
}

TEST(AnalysisReading, CellsBeyondTheHeaderAreNoColumn) {
  // The third cell of the ragged row is no column of the file: not listed, not ignored, and never
  // taken for the date column (the file has none).
  const json r = analyze_bytes("Agent,Rating\nAnn,5\nBob,4,2024-03-04 10:00\nCy,3\n");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["columns"].size(), 2u);
  EXPECT_EQ(r["ignored"], json::array());
  EXPECT_FALSE(r["mapping"].contains("date"));
  EXPECT_EQ(r["rows"]["reasons"]["row.ragged"], 1);
}

TEST(AnalysisReading, BadCellsAreCountedWithRowAndColumn) {
  const std::string text = "Created at,Solved at,Status\n2024-01-01 10:00,2024-01-02 10:00,solved\nnot a date,2024-01-02 10:00,solved\n"
                           "2024-01-03 10:00,2024-01-02 10:00,solved\n";
  const json r = analyze_bytes(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["rows"]["issues"]["value.bad_timestamp"], 1);
  EXPECT_EQ(r["rows"]["bad"][0]["row"], 3);
  EXPECT_EQ(r["rows"]["bad"][0]["column"], "Created at");
  // The warning says it in words, with the row and the column.
  bool worded = false;
  for (const json& warning : r["warnings"]) {
    worded |= warning["code"] == "value.bad_timestamp" &&
              warning["message"] == "Row 3, column \"Created at\": not a date or time in this column's format; the cell was left out.";
  }
  EXPECT_TRUE(worded) << r["warnings"].dump(2);
  EXPECT_EQ(r["metrics"]["resolution"]["excluded_reasons"]["duration.negative"], 1);
  EXPECT_EQ(r["metrics"]["resolution"]["excluded_reasons"]["ticket.no_created"], 1);
}

// --------------------------------------------------------------------------------------------- time

TEST(AnalysisTime, DateOrderFromDataOptionAndAmbiguity) {
  const json dmy = analyze_bytes("End Date,Status\n01/02/2014,Success\n13/02/2014,Abandoned\n");
  EXPECT_EQ(dmy["dialect"]["date_order"], "dmy");
  EXPECT_EQ(dmy["dialect"]["date_order_evidence"], "13/02/2014");
  EXPECT_EQ(dmy["metrics"]["volume"]["by_day"][0]["date"], "2014-02-01");
  const json mdy = analyze_bytes("End Date,Status\n01/02/2014,Success\n02/13/2014,Abandoned\n");
  EXPECT_EQ(mdy["dialect"]["date_order"], "mdy");
  EXPECT_EQ(mdy["metrics"]["volume"]["by_day"][0]["date"], "2014-01-02");
  const std::string ambiguous = "End Date,Status\n01/02/2014,Success\n03/02/2014,Abandoned\n";
  const json guess = analyze_bytes(ambiguous);
  EXPECT_EQ(guess["dialect"]["date_order"], "dmy");
  EXPECT_EQ(guess["dialect"]["date_order_ambiguous"], true);
  bool warned = false;
  for (const json& warning : guess["warnings"]) warned |= warning["message"].get<std::string>().find("date_order") != std::string::npos;
  EXPECT_TRUE(warned);
  EXPECT_EQ(analyze_bytes(ambiguous, {{"date_order", "mdy"}})["dialect"]["date_order"], "mdy");
  EXPECT_EQ(analyze_bytes(ambiguous, {{"locale", "en-US"}})["dialect"]["date_order"], "mdy");
  // Dotted dates are day-first wherever they are written (de, et, fi, ro, tr, ...): no guess, no warning.
  const json dotted = analyze_bytes("End Date;Status\n01.02.2014;Success\n03.02.2014;Abandoned\n");
  EXPECT_EQ(dotted["dialect"]["date_order"], "dmy");
  EXPECT_EQ(dotted["dialect"]["date_order_source"], "convention (dd.mm.yyyy)");
  EXPECT_FALSE(dotted["dialect"].contains("date_order_ambiguous"));
  for (const json& warning : dotted["warnings"]) EXPECT_EQ(warning["message"].get<std::string>().find("date_order"), std::string::npos);
  EXPECT_EQ(dotted["metrics"]["volume"]["by_day"][0]["date"], "2014-02-01");
  EXPECT_EQ(analyze_bytes("End Date;Status\n01.02.2014;Success\n", {{"date_order", "mdy"}})["dialect"]["date_order"], "mdy");
}

TEST(AnalysisTime, LateEvidenceForDayFirstIsStillFound) {
  // 3,000 rows of days <= 12 before the first day > 12: the sample grows until the order is known.
  std::string text = "End Date,Status\n";
  for (int i = 0; i < 3000; ++i) text += "0" + std::to_string(1 + i % 9) + "/0" + std::to_string(1 + i % 9) + "/2014,Success\n";
  text += "25/01/2014,Abandoned\n";
  const json r = analyze_bytes(text, json::object(), 4096);
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  EXPECT_EQ(r["dialect"]["date_order_source"], "data");
  EXPECT_FALSE(r["dialect"].contains("date_order_ambiguous"));
}

TEST(AnalysisTime, NumericTimestampsAndZones) {
  // Unix seconds: 2024-03-01T09:00:00Z and +2h; Excel serials in another column.
  const json r = analyze_bytes("created,solved,status\n1709283600,1709290800,solved\n1709370000,1709373600,closed\n");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["columns"][0]["format"], "unix_seconds");
  EXPECT_DOUBLE_EQ(value(r, "/metrics/resolution/mean"), 5400);
  const json excel = analyze_bytes("created,solved,status\n45352.375,45352.5,solved\n45353.25,45353.375,solved\n");
  EXPECT_EQ(excel["columns"][0]["format"], "excel_serial");
  EXPECT_NEAR(value(excel, "/metrics/resolution/mean"), 3 * 3600, 1e-3);
  // Naive times read in the time zone: local days follow it.
  const std::string text = "created,solved,status\n2024-03-01 23:30:00,2024-03-02 00:30:00,solved\n";
  const json tallinn = analyze_bytes(text, {{"time_zone", "Europe/Tallinn"}});
  EXPECT_EQ(tallinn["metrics"]["volume"]["by_day"][0]["date"], "2024-03-01");
  const json with_offset = analyze_bytes("created,solved,status\n2024-03-01T23:30:00Z,2024-03-02T00:30:00Z,solved\n", {{"time_zone", "Europe/Tallinn"}});
  EXPECT_EQ(with_offset["metrics"]["volume"]["by_day"][0]["date"], "2024-03-02");  // 01:30 in Tallinn
}

TEST(AnalysisTime, BusinessHoursAcrossDaylightSavingAndHolidays) {
  // Friday 29 March 2024 16:00 in Tallinn to Monday 1 April 10:00; clocks went forward on Sunday.
  const std::string text = "created,first reply at,status\n2024-03-29 16:00:00,2024-04-01 10:00:00,open\n";
  json hours = {{"time_zone", "Europe/Tallinn"},
                {"weekly", {{"mon", "09:00-17:00"}, {"tue", "09:00-17:00"}, {"wed", "09:00-17:00"}, {"thu", "09:00-17:00"}, {"fri", "09:00-17:00"}}}};
  const json r = analyze_bytes(text, {{"time_zone", "Europe/Tallinn"}, {"business_hours", hours}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_DOUBLE_EQ(value(r, "/metrics/first_response/mean"), 65 * 3600);  // 66 wall-clock hours minus the lost one
  EXPECT_DOUBLE_EQ(value(r, "/metrics/first_response/business/mean"), 2 * 3600);
  hours["holidays"] = {"2024-04-01"};
  const json holiday = analyze_bytes(text, {{"time_zone", "Europe/Tallinn"}, {"business_hours", hours}});
  EXPECT_DOUBLE_EQ(value(holiday, "/metrics/first_response/business/mean"), 3600);
}

TEST(AnalysisPeriods, PeriodAndComparison) {
  std::string text = "created,solved,status\n";
  for (int day = 1; day <= 29; ++day) text += "2024-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " 10:00,2024-03-15 10:00,solved\n";
  for (int day = 1; day <= 10; ++day) text += "2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + " 10:00,,open\n";
  text += "2024-04-01 10:00,,open\n";
  const json r = analyze_bytes(text, {{"period", {{"from", "2024-03-01"}, {"to", "2024-03-31"}}}, {"compare_to", {{"from", "2024-02-01"}, {"to", "2024-02-29"}}}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["metrics"]["tickets"]["value"], 10);
  EXPECT_EQ(r["rows"]["reasons"]["row.outside_period"], 1);
  // Left out on purpose: summed up in one warning, not listed as a bad row.
  EXPECT_TRUE(r["rows"]["bad"].empty()) << r["rows"]["bad"].dump();
  bool summed = false;
  for (const json& warning : r["warnings"])
    summed |= warning["message"] == "1 row is dated outside the period and the compare_to period (or undated), left out.";
  EXPECT_TRUE(summed) << r["warnings"].dump(2);
  const json none = analyze_bytes(text, {{"period", {{"from", "2025-01-01"}, {"to", "2025-01-31"}}}});
  bool empty = false;
  for (const json& warning : none["warnings"]) empty |= warning["message"].get<std::string>().find("no row falls within it") != std::string::npos;
  EXPECT_TRUE(empty) << none["warnings"].dump(2);
  const json comparison = r["comparison"]["metrics"];
  EXPECT_DOUBLE_EQ(comparison["tickets"]["a"].get<double>(), 29);
  EXPECT_DOUBLE_EQ(comparison["tickets"]["b"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(comparison["resolution_rate"]["change"].get<double>(), -100);
  EXPECT_TRUE(comparison["resolution_rate"]["significant"].get<bool>());
  const json previous = analyze_bytes(text, {{"period", {{"from", "2024-03-01"}, {"to", "2024-03-31"}}}, {"compare_to", "previous"}});
  EXPECT_EQ(previous["comparison"]["compare_to"]["from"], "2024-01-30");
}

// ------------------------------------------------------------------------------------- merge == whole

// merge_check sends every other row to a second accumulator and merges the two before the report:
// through the real add paths of every kind, merge must equal whole.
TEST(AnalysisMerge, EveryKindMergesToTheWhole) {
  std::string event_log = "number,incident_state,opened_at,resolved_at,reopen_count,reassignment_count,category\n";
  for (int i = 0; i < 300; ++i) {
    const std::string id = "INC" + std::to_string(i / 3);
    const int day = 1 + (i / 3) % 27;
    event_log += id + "," + (i % 3 == 2 ? "Closed" : "Active") + "," + (day < 10 ? "0" : "") + std::to_string(day) + "-02-2016 10:00," +
                 (i % 3 == 2 ? (day < 9 ? "0" : "") + std::to_string(day + 1) + "-02-2016 1" + std::to_string(i % 10) + ":30" : "?") + "," +
                 std::to_string(i % 7 == 0) + "," + std::to_string(i % 4) + ",Category " + std::to_string(i % 5) + "\n";
  }
  std::string calls = "call_id,start time,outcome,wait time,talk time,agent\n";
  for (int i = 0; i < 400; ++i) {
    calls += std::to_string(i) + ",2024-05-0" + std::to_string(1 + i % 7) + " " + (i % 24 < 10 ? "0" : "") + std::to_string(i % 24) + ":" +
             std::to_string(10 + i % 50) + ":00," + (i % 5 == 0 ? "abandoned" : i % 17 == 0 ? "phantom" : "answered") + "," +
             std::to_string(i * 7 % 90) + "," + std::to_string(60 + i * 13 % 600) + ",Agent " + std::to_string(i % 6) + "\n";
  }
  std::string transactions = "customer,date,amount\n";
  for (int i = 0; i < 500; ++i) {
    transactions += "c" + std::to_string(i * 7 % 60) + ",2024-0" + std::to_string(1 + i % 9) + "-" + (i % 28 < 9 ? "0" : "") +
                    std::to_string(1 + i % 28) + "," + std::to_string(i % 50) + "." + std::to_string(i % 100) + "\n";
  }
  std::string survey = "date,nps,csat,channel\n";
  for (int i = 0; i < 300; ++i) {
    survey += "2024-0" + std::to_string(1 + i % 6) + "-15," + std::to_string(i % 11) + "," + std::to_string(1 + i % 5) + "," +
              (i % 3 ? "web" : "app") + "\n";
  }
  std::string qa = "review_id,agent,criterion,score,weight\n";
  for (int i = 0; i < 240; ++i) {
    qa += "r" + std::to_string(i / 3) + ",Agent " + std::to_string(i / 3 % 4) + ",C" + std::to_string(i % 3) + "," +
          std::to_string(i * 37 % 101) + "," + std::to_string(1 + i % 3) + "\n";
  }
  std::string intervals = "timestamp,calls\n";
  for (int hour = 0; hour < 72; ++hour)
    intervals += "2018-01-0" + std::to_string(1 + hour / 24) + " " + (hour % 24 < 10 ? "0" : "") + std::to_string(hour % 24) + ":00:00," +
                 std::to_string(hour * 37 % 500) + "\n";
  std::string customers = "customer,signup date,cancel date,plan,monthly revenue\n";
  for (int i = 0; i < 200; ++i) {
    customers += "k" + std::to_string(i) + ",2024-0" + std::to_string(1 + i % 6) + "-1" + std::to_string(i % 10) + "," +
                 (i % 3 ? "" : "2024-0" + std::to_string(2 + i % 7) + "-05") + "," + (i % 2 ? "basic" : "pro") + "," + std::to_string(5 + i % 40) + "\n";
  }
  for (const std::string* text : std::vector<const std::string*>{&tickets_csv, &event_log, &calls, &transactions, &survey, &qa, &intervals, &customers}) {
    const json whole = analyze_bytes(*text);
    const json merged = analyze_bytes(*text, {{"merge_check", true}});
    ASSERT_TRUE(whole["ok"].get<bool>()) << whole.dump(2);
    SCOPED_TRACE(whole["kind"].get<std::string>());
    expect_same(whole["metrics"], merged["metrics"], "metrics");
    EXPECT_EQ(whole["rows"], merged["rows"]);
  }
}

// ------------------------------------------------------------------------------------------- errors

TEST(AnalysisErrors, OptionsAreValidated) {
  const std::string text = "date,nps\n2024-01-01,9\n";
  EXPECT_EQ(analyze_bytes(text, {{"time_zone", "Mars/Olympus"}})["error"]["code"], "options.time_zone.unknown");
  EXPECT_EQ(analyze_bytes(text, {{"kind", "cars"}})["error"]["code"], "options.kind.unknown");
  EXPECT_EQ(analyze_bytes(text, {{"kind", "cars"}})["error"]["field"], "kind");
  EXPECT_EQ(analyze_bytes(text, {{"business_hours", {{"weekly", {{"mon", "17:00-09:00"}}}}}})["error"]["code"],
            "options.business_hours.invalid_interval");
  EXPECT_EQ(analyze_bytes(text, {{"business_hours", {{"weekly", {{"mon", "09:00-17:00"}}}, {"holidays", {"soon"}}}}})["error"]["code"],
            "options.business_hours.invalid_holiday");
  EXPECT_EQ(analyze_bytes(text, {{"period", {{"from", "2024-02-01"}, {"to", "2024-01-01"}}}})["error"]["code"], "options.period.invalid");
  EXPECT_EQ(analyze_bytes(text, {{"compare_to", "previous"}})["error"]["code"], "options.compare_to.needs_period");
  EXPECT_EQ(analyze_bytes(text, {{"fcr_definition", "magic"}})["error"]["code"], "options.fcr_definition.unknown");
  EXPECT_EQ(analyze_bytes(text, {{"options", {{"time_zone", "Nowhere"}}}})["error"]["code"], "options.time_zone.unknown");
  const json ok = analyze_bytes(text, {{"kind", "auto"}, {"mapping", nullptr}, {"options", {{"time_zone", "Europe/Tallinn"}}}});
  EXPECT_TRUE(ok["ok"].get<bool>());
  EXPECT_EQ(ok["dialect"]["time_zone"], "Europe/Tallinn");
}

TEST(AnalysisErrors, UnreadableFilesAreValues) {
  const json empty = analyze_bytes("");
  EXPECT_FALSE(empty["ok"].get<bool>());
  EXPECT_EQ(empty["error"]["code"], "csv.empty");
  const std::string binary("PK\x03\x04\x00\x00\x08\x00garbage\x00\x01\x02", 18);
  const json zip = analyze_bytes(binary);
  EXPECT_FALSE(zip["ok"].get<bool>());
  EXPECT_EQ(zip["error"]["code"], "csv.binary");
  const json header_only = analyze_bytes("date,nps\n");
  EXPECT_TRUE(header_only["ok"].get<bool>());
  EXPECT_EQ(header_only["rows"]["read"], 0);
  expect_no_nan(header_only);
}

TEST(AnalysisErrors, FinishTwiceAndFeedAfterFinish) {
  Session session(json::object());
  const std::string text = "date,nps\n2024-01-01,9\n";
  session.feed(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  const json first = session.finish();
  session.feed(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  EXPECT_EQ(session.finish(), first);
  EXPECT_EQ(session.progress()["phase"], "finished");
}
