// Export formats beyond one row per ticket, on small hand-made fixtures in tests/fixtures/formats:
// Intercom message parts grouped per conversation, Chatwoot report CSVs (kind aggregate), wide QA
// review files, six-digit YYMMDD and month-name dates, Jira and Freshservice exports.
// Expected figures come from tests/fixtures/formats/expected.py (plain Python 3, csv module only,
// nothing shared with the engine); the few figures checked by hand say so.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "tests/core/analysis_test_support.hpp"
#include "core/analysis/values.hpp"

using nlohmann::json;

namespace {

using skpi::analysis::testing::at;
using skpi::analysis::testing::has_warning;

std::string fixture(const std::string& name) { return skpi::analysis::testing::read_fixture("formats/" + name); }

json analyze(const std::string& bytes, const json& options = json::object(), std::size_t chunk = 0) {
  return skpi::analysis::testing::analyze_text(bytes, options, chunk);
}

const json* find_row(const json& table, const char* key, const std::string& name) {
  for (const json& row : table) {
    if (row.value(key, std::string()) == name) return &row;
  }
  return nullptr;
}


}  // namespace

// ------------------------------------------------------------------------------------------ Intercom

TEST(AnalysisIntercom, MessagePartsAreCountedPerConversation) {
  const json r = analyze(fixture("intercom_parts.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  // The conversation is the key, not the message.
  EXPECT_EQ(r["mapping"]["ticket_id"], "conversation_id");
  EXPECT_EQ(r["mapping"]["author_type"], "message_author_type");
  EXPECT_NE(r["kind_reason"].get<std::string>().find("one row per message part"), std::string::npos);
  EXPECT_EQ(r["rows"]["read"], 14);
  EXPECT_EQ(r["rows"]["records"], 4);
  const json& parts = r["rows"]["event_log"]["parts"];
  EXPECT_EQ(parts["agent"], 6);     // by hand: 9003; 9007, 9009, 9010 (close with a body); 9012; 9013
  EXPECT_EQ(parts["customer"], 5);  // 9001, 9005, 9008, 9011, 9014
  EXPECT_EQ(parts["bot"], 1);       // 9006
  EXPECT_EQ(parts["notes"], 1);     // 9002
  EXPECT_EQ(parts["events"], 1);    // 9004: a close without a body
  const json& m = r["metrics"];
  EXPECT_EQ(m["tickets"]["value"], 4);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution_rate/value"), 75);
  // FCR over the 3 closed conversations (replies 1, 3, 1; customer follow-ups 0, 1, 1): expected.py
  EXPECT_EQ(m["fcr"]["definition"], "one_touch");
  EXPECT_EQ(m["fcr"]["n"], 3);
  EXPECT_NEAR(at(r, "/metrics/fcr/value"), 200.0 / 3, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/fcr/variants/one_reply/value"), 200.0 / 3, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/fcr/variants/no_customer_follow_up/value"), 100.0 / 3, 1e-9);
  // Conversation columns folded over the rows: 5001's last row in the file has no closed time.
  EXPECT_EQ(m["first_response"]["n"], 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 600);
  EXPECT_EQ(m["resolution"]["n"], 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 2600);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 2400);
  // The agent is the first agent-side author to reply (by message time, not file order: Dee before Eve).
  const json* bob = find_row(m["agents"], "agent", "Bob");
  const json* dee = find_row(m["agents"], "agent", "Dee");
  ASSERT_TRUE(bob && dee) << m["agents"].dump();
  EXPECT_EQ((*bob)["handled"], 2);
  EXPECT_EQ((*dee)["handled"], 2);
  EXPECT_EQ(find_row(m["agents"], "agent", "Eve"), nullptr);
  EXPECT_EQ(find_row(m["agents"], "agent", "Ann Admin"), nullptr);  // wrote a note only
}

TEST(AnalysisIntercom, OnePartPerConversationInTheSampleIsStillGrouped) {
  // No conversation repeats in the first rows, yet the author-type column marks a message-part log.
  std::string text =
      "message_id,message_type,message_created_at,message_author_type,message_author_name,conversation_id,conversation_state,"
      "conversation_created_at,conversation_first_response_at,conversation_closed_at\n";
  for (int c = 0; c < 3; ++c) {
    const std::string id = std::to_string(700 + c);
    text += "m" + id + "a,comment,2024-04-0" + std::to_string(c + 1) + "T10:00:00Z,user,U," + id + ",closed,2024-04-0" +
            std::to_string(c + 1) + "T10:00:00Z,2024-04-0" + std::to_string(c + 1) + "T10:20:00Z,2024-04-0" + std::to_string(c + 1) + "T11:00:00Z\n";
  }
  for (int c = 0; c < 3; ++c) {
    const std::string id = std::to_string(700 + c);
    text += "m" + id + "b,comment,2024-04-0" + std::to_string(c + 1) + "T10:20:00Z,admin,A" + std::to_string(c) + "," + id + ",closed,2024-04-0" +
            std::to_string(c + 1) + "T10:00:00Z,2024-04-0" + std::to_string(c + 1) + "T10:20:00Z,2024-04-0" + std::to_string(c + 1) + "T11:00:00Z\n";
  }
  const json r = analyze(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["rows"]["records"], 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/fcr/value"), 100);  // by hand: one agent reply each
  EXPECT_EQ(r["metrics"]["agents"].size(), 3u);
}

TEST(AnalysisIntercom, SameFiguresInAnyChunkingAndWithMergeCheck) {
  const std::string text = fixture("intercom_parts.csv");
  const json whole = analyze(text);
  for (std::size_t chunk : {1u, 7u, 64u, 333u}) EXPECT_EQ(analyze(text, json::object(), chunk), whole) << chunk;
  const json merged = analyze(text, {{"merge_check", true}});
  EXPECT_EQ(merged["metrics"]["fcr"], whole["metrics"]["fcr"]);
  EXPECT_EQ(merged["metrics"]["resolution"], whole["metrics"]["resolution"]);
}

// ------------------------------------------------------------------------------------------ Chatwoot

TEST(AnalysisChatwoot, AgentReportIsATableNotTickets) {
  const json r = analyze(fixture("chatwoot_agents.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "aggregate");
  EXPECT_NE(r["kind_reason"].get<std::string>().find("not ticket rows"), std::string::npos);
  EXPECT_EQ(r["dialect"]["preamble_rows"], 1);
  EXPECT_FALSE(r["metrics"].contains("tickets"));
  const json& m = r["metrics"];
  EXPECT_EQ(m["report"]["period"], "Reporting period 2024-01-01 to 2024-01-31");
  EXPECT_EQ(m["report"]["group_by"], "agent");
  EXPECT_EQ(m["groups"]["value"], 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/conversations/value"), 20);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolutions/value"), 16);
  // expected.py: (12·330 + 8·3600) / 20; resolution weighted by Resolution Count: (10·5400 + 6·93600) / 16
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 1638);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/n"), 20);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 38475);
  EXPECT_EQ(m["resolution"]["weighted_by"], "Resolution Count");
  ASSERT_EQ(m["agents"].size(), 3u);
  EXPECT_EQ(m["agents"][0]["agent"], "Ann Tamm");
  EXPECT_DOUBLE_EQ(m["agents"][0]["handled"].get<double>(), 12);
  EXPECT_DOUBLE_EQ(m["agents"][0]["first_response_mean"].get<double>(), 330);  // "5 minutes 30 seconds"
  EXPECT_DOUBLE_EQ(m["agents"][1]["resolution_mean"].get<double>(), 93600);     // "1 day 2 hours"
  EXPECT_TRUE(m["agents"][2]["first_response_mean"].is_null());                 // "--"
  EXPECT_TRUE(has_warning(r, "two largest units"));
  for (std::size_t chunk : {1u, 5u, 41u}) EXPECT_EQ(analyze(fixture("chatwoot_agents.csv"), json::object(), chunk), r) << chunk;
  EXPECT_EQ(analyze(fixture("chatwoot_agents.csv"), {{"merge_check", true}})["metrics"], r["metrics"]);
}

TEST(AnalysisChatwoot, TeamInboxAndLabelReports) {
  struct Case {
    const char* file;
    const char* table;
    double conversations, first_response, resolution;  // expected.py
  };
  for (const Case& c : {Case{"chatwoot_teams.csv", "by_group", 40, 1005, 55350}, Case{"chatwoot_inboxes.csv", "by_channel", 30, 1837.5, 15400},
                        Case{"chatwoot_labels_minutes.csv", "by_category", 40, 6216, 1534554}}) {
    SCOPED_TRACE(c.file);
    const json r = analyze(fixture(c.file));
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
    EXPECT_EQ(r["kind"], "aggregate");
    EXPECT_DOUBLE_EQ(at(r, "/metrics/conversations/value"), c.conversations);
    EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), c.first_response);
    EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), c.resolution);
    EXPECT_EQ(r["metrics"][c.table].size(), 2u);
  }
  // Older exports: "(Minutes)" in the header, whole minutes in the cells.
  const json minutes = analyze(fixture("chatwoot_labels_minutes.csv"));
  EXPECT_EQ(minutes["columns"][2]["unit_seconds"], 60);
  EXPECT_TRUE(has_warning(minutes, "whole minutes"));
  EXPECT_NE(minutes["metrics"]["conversations"]["note"].get<std::string>().find("once per label"), std::string::npos);
}

TEST(AnalysisChatwoot, AccountSummaryRow) {
  const json r = analyze(
      "Reporting period 2024-01-01 to 2024-01-31\n\nConversations,Messages received,Messages sent,Avg first response time,"
      "Avg resolution time,Resolution count,Avg customer waiting time\n120,340,410,12 minutes 5 seconds,3 hours 2 minutes,95,4 minutes\n");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "aggregate");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 725);     // by hand: 12·60 + 5
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 10920);       // 3·3600 + 2·60
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/n"), 95);             // weighted by the resolution count
  EXPECT_DOUBLE_EQ(at(r, "/metrics/customer_waiting_time/mean"), 240);
}

TEST(AnalysisChatwoot, BadCellsAreCountedAndKindCanBeForced) {
  const std::string text =
      "Agent name,Conversations count,Avg first response time\nAnn Lee,10,soon\nBob Ray,x,2 minutes\nCid Noor,5,1h 30m\n"
      "Dan Ek,4,3 minutes\nEve Su,6,--\n";
  const json r = analyze(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "aggregate");
  EXPECT_EQ(r["rows"]["issues"]["value.bad_duration"], 1);
  EXPECT_EQ(r["rows"]["issues"]["value.bad_number"], 1);
  // by hand: Cid (5 × "1h 30m" = 5400 s) and Dan (4 × 180 s) have both: (27000 + 720) / 9
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 3080);
  EXPECT_EQ(r["metrics"]["first_response"]["rows_weighted"], 2);
  const json forced = analyze(text, {{"kind", "aggregate"}});
  EXPECT_EQ(forced["kind"], "aggregate");
  EXPECT_EQ(forced["kind_reason"], "set by the kind option");
}

// --------------------------------------------------------------------------------------- QA, wide

TEST(AnalysisQaWide, OneColumnPerCriterionWithNotApplicableLeftOut) {
  const json r = analyze(fixture("qa_wide.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "qa");
  const json& iqs = r["metrics"]["iqs"];
  // expected.py: reviews 88.75, 60, 56.25, 50, 30 (R4 is all N/A and skipped)
  EXPECT_DOUBLE_EQ(iqs["value"].get<double>(), 57);
  EXPECT_EQ(iqs["n"], 5);
  EXPECT_EQ(r["rows"]["reasons"]["qa.no_score"], 1);
  ASSERT_EQ(iqs["by_criterion"].size(), 5u);  // Total score and Comments are not criteria
  const json* tone = find_row(iqs["by_criterion"], "criterion", "Tone");
  const json* accuracy = find_row(iqs["by_criterion"], "criterion", "Accuracy (1-5)");
  const json* compliance = find_row(iqs["by_criterion"], "criterion", "Compliance");
  ASSERT_TRUE(tone && accuracy && compliance);
  EXPECT_DOUBLE_EQ((*tone)["value"].get<double>(), 57.5);
  EXPECT_EQ((*tone)["n"], 4);
  EXPECT_EQ((*tone)["not_applicable"], 1);
  EXPECT_DOUBLE_EQ((*accuracy)["value"].get<double>(), 50);
  EXPECT_EQ((*accuracy)["scale"], "1-5");
  EXPECT_DOUBLE_EQ((*compliance)["value"].get<double>(), 50);
  EXPECT_EQ((*compliance)["scale"], "pass/fail");
  EXPECT_DOUBLE_EQ(find_row(iqs["by_agent"], "agent", "Ann")->at("value").get<double>(), 74.375);
  EXPECT_DOUBLE_EQ(find_row(iqs["by_agent"], "agent", "Bob")->at("value").get<double>(), 56.25);
  EXPECT_DOUBLE_EQ(find_row(iqs["by_agent"], "agent", "Cy")->at("value").get<double>(), 40);
  // Merge == whole, and a period filters on the review date.
  EXPECT_EQ(analyze(fixture("qa_wide.csv"), {{"merge_check", true}})["metrics"], r["metrics"]);
  const json may3 = analyze(fixture("qa_wide.csv"), {{"period", {{"from", "2024-05-03"}, {"to", "2024-05-03"}}}});
  EXPECT_DOUBLE_EQ(may3["metrics"]["iqs"]["value"].get<double>(), (60 + 56.25) / 2);  // by hand: R2 and R3
}

TEST(AnalysisQaWide, SurveysWithSeveralScoresStaySurveys) {
  // Several 0-10 columns but nothing says "review": a survey, not QA.
  const json r = analyze("date,nps,satisfaction,effort\n2024-01-01,9,8,2\n2024-01-02,6,5,4\n2024-01-03,10,9,1\n");
  ASSERT_TRUE(r["ok"].get<bool>());
  EXPECT_EQ(r["kind"], "survey");
  // A long-format QA file is still read as before.
  const json qa = analyze("review_id,agent,criterion,score,weight\nr1,Ann,Tone,100,40\nr1,Ann,Accuracy,50,60\n");
  EXPECT_EQ(qa["kind"], "qa");
  EXPECT_DOUBLE_EQ(qa["metrics"]["iqs"]["value"].get<double>(), 70);  // by hand: (40·100 + 60·50) / 100
  // A CSAT survey with a review date and an agent: its score columns are survey roles, not criteria.
  const json csat = analyze("Agent,Review date,CSAT,NPS\nAnn,2024-01-01,5,9\nBob,2024-01-02,3,6\nAnn,2024-01-03,4,10\n");
  EXPECT_EQ(csat["kind"], "survey");
  // Product reviews with a review text but no agent: not QA.
  const json reviews = analyze("Review Text,Rating,Recommended,Age\ngreat,5,1,34\nmeh,3,0,51\nok,4,1,28\n");
  EXPECT_NE(reviews["kind"], "qa");
}

// -------------------------------------------------------------------------------------------- dates

TEST(AnalysisDates, SixDigitYymmddInADateColumn) {
  const json r = analyze(fixture("yymmdd_orders.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["mapping"]["date"], "Order date");
  EXPECT_EQ(r["columns"][0]["format"], "yymmdd");
  EXPECT_FALSE(r["mapping"].contains("quantity"));
  // expected.py: months 2024-03..05, retention 1 of 4 (C2 is not active in April, C1 not in May)
  ASSERT_EQ(r["metrics"]["retention"]["series"].size(), 3u);
  EXPECT_EQ(r["metrics"]["retention"]["series"][0]["period"], "2024-03");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/retention/value"), 25);
  EXPECT_EQ(r["metrics"]["retention"]["n"], 4);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/revenue/value"), 55.75);
}

TEST(AnalysisDates, IdsAmountsAndDayFirstSixDigitsAreNotYymmdd) {
  const json tickets = analyze(fixture("yymmdd_tickets.csv"));
  ASSERT_TRUE(tickets["ok"].get<bool>()) << tickets.dump(2);
  EXPECT_EQ(tickets["mapping"]["created_at"], "Created date");
  EXPECT_NE(tickets["mapping"].value("created_at", ""), "Ref");
  const json& by_day = tickets["metrics"]["volume"]["by_day"];
  ASSERT_EQ(by_day.size(), 4u);  // 2023-12-30 .. 2024-01-02, the empty 2024-01-01 included
  EXPECT_EQ(by_day[0]["date"], "2023-12-30");
  EXPECT_DOUBLE_EQ(by_day[3]["count"].get<double>(), 2);
  // DDMMYY-looking values (the day varies in front, the year stays at the end) are not read as YYMMDD.
  const json ddmmyy = analyze(fixture("ddmmyy_orders.csv"));
  ASSERT_TRUE(ddmmyy["ok"].get<bool>());
  EXPECT_FALSE(ddmmyy["mapping"].contains("date"));
  EXPECT_TRUE(has_warning(ddmmyy, "day-month-year"));
}

TEST(AnalysisDates, WordedDurationsMonthNamesAndYymmddReaders) {
  using namespace skpi::analysis;
  double seconds = 0;
  EXPECT_TRUE(read_worded_duration("1 day 2 hours", seconds));
  EXPECT_DOUBLE_EQ(seconds, 93600);
  EXPECT_TRUE(read_worded_duration("1h 2m", seconds));
  EXPECT_DOUBLE_EQ(seconds, 3720);
  EXPECT_TRUE(read_worded_duration("45 seconds", seconds));
  EXPECT_DOUBLE_EQ(seconds, 45);
  EXPECT_FALSE(read_worded_duration("soon", seconds));
  EXPECT_FALSE(read_worded_duration("5 apples", seconds));
  EXPECT_FALSE(read_worded_duration("12", seconds));
  std::string text;
  EXPECT_TRUE(month_name_date("04/Mar/24 9:00 AM", text));
  EXPECT_EQ(text, "04/03/24 9:00 AM");
  EXPECT_TRUE(month_name_date("Mar 4, 2024 9:15 PM", text));
  EXPECT_EQ(text, "4/03/2024 9:15 PM");
  EXPECT_TRUE(month_name_date("4 September 2024", text));
  EXPECT_EQ(text, "4/09/2024");
  EXPECT_FALSE(month_name_date("Marketing 4 2024", text));
  EXPECT_FALSE(month_name_date("2024-03-04", text));
  // ctime and Twitter's API: the year after the time and the zone.
  EXPECT_TRUE(month_name_date("Tue Oct 31 22:10:47 +0000 2017", text));
  EXPECT_EQ(text, "31/10/2017 22:10:47 +0000");
  EXPECT_TRUE(month_name_date("Wed Nov  1 09:05:00 2017", text));
  EXPECT_EQ(text, "1/11/2017 09:05:00");
  EXPECT_TRUE(month_name_date("Oct 31 22:10 UTC 2017", text));
  EXPECT_EQ(text, "31/10/2017 22:10 UTC");
  EXPECT_FALSE(month_name_date("Tue Oct 31 22:10:47 +0000", text));  // no year
  EXPECT_FALSE(month_name_date("Oct 31 22:10:47 +0000 17", text));   // a two-digit year is not ctime's
  for (const char* value : {"Tue Oct 31 22:10:47 +0000 2017", "Tue Oct 31 17:10:47 -0500 2017", "Tue Oct 31 22:10:47 UTC 2017"}) {
    ASSERT_TRUE(month_name_date(value, text)) << value;
    const auto t = skpi::time::parse_timestamp(text, skpi::time::DateOrder::day_first);
    EXPECT_TRUE(t.ok && t.has_offset) << value;
    EXPECT_EQ(t.seconds, 1509487847) << value;  // 2017-10-31T22:10:47Z
  }
  int y = 0, m = 0, d = 0;
  EXPECT_TRUE(read_yymmdd("240229", y, m, d));
  EXPECT_EQ(y, 2024);
  EXPECT_FALSE(read_yymmdd("230229", y, m, d));  // not a leap year
  EXPECT_TRUE(read_yymmdd("991231", y, m, d));
  EXPECT_EQ(y, 1999);
  EXPECT_FALSE(read_yymmdd("1240301", y, m, d));
}

// --------------------------------------------------------------------------------- Jira, Freshservice

TEST(AnalysisJira, IssueDataExport) {
  const json r = analyze(fixture("jira_issues.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["ticket_id"], "key");
  EXPECT_EQ(r["mapping"]["created_at"], "created");
  EXPECT_EQ(r["mapping"]["resolved_at"], "resolution_date");
  EXPECT_EQ(r["mapping"]["agent"], "assignee_name");
  EXPECT_EQ(r["mapping"]["category"], "issue_type");
  EXPECT_EQ(r["mapping"]["resolved_flag"], "status_category");
  // expected.py: status category Done decides (a custom "Work in progress" status is open)
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution_rate/value"), 60);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 10800);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 33000);
}

TEST(AnalysisJira, ClassicCsvWithMonthNameDates) {
  const json r = analyze(fixture("jira_classic.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");  // was a "survey" of the rating column while the dates went unread
  EXPECT_EQ(r["mapping"]["ticket_id"], "Issue key");
  EXPECT_EQ(r["mapping"]["created_at"], "Created");
  EXPECT_EQ(r["mapping"]["resolved_at"], "Resolved");
  EXPECT_EQ(r["rows"]["skipped"], 0);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution_rate/value"), 60);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 10800);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 33000);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 50);
  for (const json& column : r["columns"]) {
    if (column["name"] == "Created") EXPECT_EQ(column["format"], "month_name");
  }
}

TEST(AnalysisFreshservice, TitleCaseExport) {
  const json r = analyze(fixture("freshservice_tickets.csv"));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  const json& map = r["mapping"];
  EXPECT_EQ(map["ticket_id"], "Ticket Id");
  EXPECT_EQ(map["created_at"], "Created Time");
  EXPECT_EQ(map["resolved_at"], "Resolved Time");
  EXPECT_EQ(map["closed_at"], "Closed Time");
  EXPECT_EQ(map["first_response_at"], "Initial Response Time");
  EXPECT_EQ(map["first_response_time_business"], "First Response Time (in Hrs)");
  EXPECT_EQ(map["resolution_time_business"], "Resolution Time (in Hrs)");
  EXPECT_EQ(map["agent_interactions"], "Agent interactions");
  EXPECT_EQ(map["customer_interactions"], "Customer interactions");
  EXPECT_EQ(map["sla_resolution"], "Resolution Status");
  EXPECT_EQ(map["sla_first_response"], "First Response Status");
  EXPECT_EQ(map["rating"], "Survey Result");
  EXPECT_EQ(map["customer_id"], "Requester Name");
  // expected.py
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 900);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/business/mean"), 2196);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 54000);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/business/mean"), 25200);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/fcr/value"), 50);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/fcr/variants/no_customer_follow_up/value"), 50);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 50);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/sla/resolution_status/value"), 50);
}
