// Classic public datasets kept in GitHub repositories (Kaggle customer support tickets, UCI Online
// Retail, the anonymous-bank call log, Olist reviews, IBM Telco churn, PwC call centre, Customer
// Support on Twitter), on small fixtures in tests/fixtures/classic written by hand with each dataset's
// exact header and value formats. Expected figures come from tests/fixtures/classic/expected.py
// (plain Python 3, csv module only, nothing shared with the engine).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "tests/core/analysis_test_support.hpp"

using nlohmann::json;

namespace {

using skpi::analysis::testing::analyze_fixture;
using skpi::analysis::testing::at;
using skpi::analysis::testing::expect_same;
using skpi::analysis::testing::has_warning;

// merge == whole and chunking change nothing.
void expect_stable(const std::string& name) {
  const json whole = analyze_fixture(name);
  json merged = analyze_fixture(name, 0, json{{"merge_check", true}});
  json chunked = analyze_fixture(name, 7);
  expect_same(whole["metrics"], merged["metrics"], name);
  EXPECT_EQ(whole["metrics"], chunked["metrics"]) << name;
}

}  // namespace

TEST(AnalysisClassic, KaggleSupportTicketsWithoutCreationTime) {
  const json r = analyze_fixture("classic/kaggle_support_tickets.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  // Before: a survey of the rating column; the tickets were lost.
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["first_response_at"], "First Response Time");
  EXPECT_EQ(r["mapping"]["resolved_at"], "Time to Resolution");
  EXPECT_FALSE(r["mapping"].contains("created_at"));
  EXPECT_FALSE(r["mapping"].contains("date"));  // "Date of Purchase" is no ticket start
  EXPECT_TRUE(has_warning(r, "no ticket creation time"));
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 24);
  EXPECT_EQ(r["metrics"]["resolution_rate"]["resolved"], 11);
  EXPECT_NEAR(at(r, "/metrics/resolution_rate/value"), 45.833333333333336, 1e-9);
  EXPECT_EQ(r["metrics"]["csat"]["n"], 11);
  EXPECT_NEAR(at(r, "/metrics/csat/value"), 36.36363636363637, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/csat/mean"), 2.727272727272727, 1e-9);
  // No duration is invented from the purchase date or from the two timestamps.
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 0);
  EXPECT_EQ(r["metrics"]["first_response"]["excluded_reasons"]["ticket.no_created"], 19);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 0);
  EXPECT_EQ(r["metrics"]["resolution"]["excluded_reasons"]["ticket.no_created"], 11);
  for (const json& row : r["metrics"]["volume"]["by_channel"]) {
    if (row["channel"] == "Social media") EXPECT_EQ(row["count"], 9);
    if (row["channel"] == "Chat") EXPECT_EQ(row["count"], 8);
  }
  expect_stable("classic/kaggle_support_tickets.csv");
}

TEST(AnalysisClassic, OnlineRetailRevenueIsQuantityTimesUnitPrice) {
  const json r = analyze_fixture("classic/online_retail.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["dialect"]["date_order"], "mdy");
  EXPECT_EQ(r["mapping"]["unit_price"], "UnitPrice");
  EXPECT_EQ(r["mapping"]["order_id"], "InvoiceNo");
  EXPECT_FALSE(r["mapping"].contains("amount"));  // before: UnitPrice summed as the revenue (1,391.87)
  EXPECT_EQ(r["rows"]["reasons"]["transaction.no_customer"], 5);
  EXPECT_TRUE(has_warning(r, "5 rows have no customer id and are left out of every figure, revenue included"));
  EXPECT_NEAR(at(r, "/metrics/revenue/value"), 40035.86, 1e-6);
  EXPECT_NEAR(at(r, "/metrics/revenue/gross"), 40085.71, 1e-6);
  EXPECT_EQ(r["metrics"]["revenue"]["returns"]["lines"], 3);
  EXPECT_NEAR(at(r, "/metrics/revenue/returns/amount"), -49.85, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/transactions/value"), 12);  // invoices, not lines
  EXPECT_DOUBLE_EQ(at(r, "/metrics/customers/value"), 8);
  EXPECT_NEAR(at(r, "/metrics/order_value/mean"), 3340.4758333333334, 1e-6);
  EXPECT_NEAR(at(r, "/metrics/order_value/median"), 43.82, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/quantity/value"), 239);
  EXPECT_EQ(r["metrics"]["repeat_customers"]["count"], 4);
  EXPECT_NEAR(at(r, "/metrics/clv/value"), 5004.4825, 1e-6);
  expect_stable("classic/online_retail.csv");
}

TEST(AnalysisClassic, AnonymousBankCallLog) {
  const json r = analyze_fixture("classic/anonymous_bank_calls.txt");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_EQ(r["dialect"]["delimiter"], "\t");
  EXPECT_EQ(r["mapping"]["time_of_day"], "vru_entry");
  EXPECT_EQ(r["mapping"]["wait_seconds"], "q_time");
  EXPECT_EQ(r["mapping"]["talk_seconds"], "ser_time");
  EXPECT_FALSE(has_warning(r, "\"vru_entry\" was not used"));
  EXPECT_DOUBLE_EQ(at(r, "/metrics/offered/value"), 19);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/answered/value"), 14);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/abandoned/value"), 5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/other_outcomes/value"), 1);  // PHANTOM
  EXPECT_NEAR(at(r, "/metrics/abandon_rate/value"), 26.31578947368421, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/wait_time/mean"), 26.5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/wait_time/median"), 17);
  EXPECT_NEAR(at(r, "/metrics/service_level/value"), 42.10526315789474, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/aht/mean"), 198.35714285714286, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/aht/median"), 135);
  // Arrivals per hour from date + vru_entry: 3 calls at 09:00 over 3 days.
  EXPECT_EQ(r["metrics"]["arrivals"]["interval_minutes"], 60);
  for (const json& slot : r["metrics"]["arrivals"]["by_time_of_day"]) {
    if (slot["time"] == "09:00") EXPECT_DOUBLE_EQ(slot["mean"].get<double>(), 1.0);
  }
  expect_stable("classic/anonymous_bank_calls.txt");
}

TEST(AnalysisClassic, OlistReviews) {
  const json r = analyze_fixture("classic/olist_order_reviews.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "survey");
  EXPECT_EQ(r["mapping"]["rating"], "review_score");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), 20);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 60);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/mean"), 3.6);
  expect_stable("classic/olist_order_reviews.csv");
}

TEST(AnalysisClassic, TelcoChurnWithBlankTotalCharges) {
  const json r = analyze_fixture("classic/telco_customer_churn.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/customers/value"), 24);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/churn/value"), 25);
  EXPECT_NEAR(at(r, "/metrics/mrr/value"), 1112.35, 1e-6);
  EXPECT_NEAR(at(r, "/metrics/revenue/value"), 48336.65, 1e-6);
  EXPECT_EQ(r["metrics"]["revenue"]["n"], 21);  // three blank TotalCharges are not zeros
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tenure/mean"), 26.375);
  EXPECT_NEAR(at(r, "/metrics/churn/by_segment/segment/0/churn"), 46.15384615384615, 1e-9);
  expect_stable("classic/telco_customer_churn.csv");
}

TEST(AnalysisClassic, PwcCallCentre) {
  const json r = analyze_fixture("classic/pwc_call_centre.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/offered/value"), 22);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/answered/value"), 18);
  EXPECT_NEAR(at(r, "/metrics/abandon_rate/value"), 18.181818181818183, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/wait_time/mean"), 62.166666666666664, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/service_level/value"), 9.090909090909092, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/aht/mean"), 201.5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/aht/median"), 217);
  EXPECT_NEAR(at(r, "/metrics/resolution_rate/value"), 77.77777777777777, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/csat/value"), 38.888888888888886, 1e-9);
  expect_stable("classic/pwc_call_centre.csv");
}

TEST(AnalysisClassic, OnlineRetailTwoPriceIsPerUnit) {
  // UCI Online Retail II renamed UnitPrice to Price and CustomerID to "Customer ID": a price beside a
  // quantity is still the price of one unit. Revenue by hand: 12 x 6.95 + 12 x 6.75 + 12 x 2.55 +
  // 18 x 5.45 - 12 x 2.95 = 257.7 (the C invoice is a cancellation).
  const std::string text =
      "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n"
      "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom\n"
      "489434,79323P,PINK CHERRY LIGHTS,12,2009-12-01 07:45:00,6.75,13085.0,United Kingdom\n"
      "489435,22350,CAT BOWL ,12,2009-12-01 07:46:00,2.55,13086.0,United Kingdom\n"
      "C489449,22087,PAPER BUNTING WHITE LACE,-12,2009-12-01 10:33:00,2.95,16321.0,Australia\n"
      "489436,21755,LOVE BUILDING BLOCK WORD,18,2010-01-01 09:06:00,5.45,13085.0,United Kingdom\n";
  const json r = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["mapping"]["unit_price"], "Price");
  EXPECT_FALSE(r["mapping"].contains("amount"));
  EXPECT_NEAR(at(r, "/metrics/revenue/value"), 257.7, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/revenue/returns/amount"), -35.4, 1e-9);
  // A total stays the amount.
  const json total = skpi::analysis::testing::analyze_text(
      "Order ID,Customer ID,Order Date,Quantity,Total Price\n1,a,2024-01-02,2,10.00\n2,b,2024-01-03,1,5.50\n");
  ASSERT_TRUE(total["ok"].get<bool>()) << total.dump(2);
  EXPECT_EQ(total["mapping"]["amount"], "Total Price");
  EXPECT_NEAR(at(total, "/metrics/revenue/value"), 15.5, 1e-9);
}

TEST(AnalysisClassic, DailyCallReportWithAverages) {
  // Kaggle "Call Center Data": one row per day with counts and the day's averages. The averages are
  // weighted by the calls they cover (expected.py, section 8); a day without calls is left out of them.
  const json r = analyze_fixture("classic/call_center_daily.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_EQ(r["mapping"]["calls"], "Incoming Calls");
  EXPECT_EQ(r["mapping"]["wait_seconds"], "Answer Speed (AVG)");
  EXPECT_EQ(r["mapping"]["talk_seconds"], "Talk Duration (AVG)");
  EXPECT_EQ(r["mapping"]["avg_waiting_time"], "Waiting Time (AVG)");
  EXPECT_EQ(r["mapping"]["service_level_percent"], "Service Level (20 Seconds)");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/offered/value"), 1266);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/answered/value"), 1170);
  EXPECT_NEAR(at(r, "/metrics/abandon_rate/value"), 7.5829383886255926, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/wait_time/mean"), 21.18034188034188, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/wait_time/n"), 1170);
  EXPECT_NEAR(at(r, "/metrics/aht/mean"), 145.45213675213674, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/waiting_time/mean"), 182.1342812006319, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/service_level/value"), 71.15569510268563, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/service_level/threshold_seconds"), 20);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/service_level/n"), 1266);
  EXPECT_FALSE(r["metrics"]["wait_time"].contains("median"));  // averages of days have no median of calls
  expect_stable("classic/call_center_daily.csv");
}

TEST(AnalysisClassic, EcommerceCustomerServiceContacts) {
  // Kaggle "eCommerce Customer Service Satisfaction": reported / responded timestamps day-first, a
  // 1-5 CSAT score, agents; free-text "Customer Remarks" is no customer id (expected.py, section 9).
  const json r = analyze_fixture("classic/ecommerce_customer_service.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["created_at"], "Issue_reported at");
  EXPECT_EQ(r["mapping"]["first_response_at"], "issue_responded");
  EXPECT_EQ(r["mapping"]["rating"], "CSAT Score");
  EXPECT_FALSE(r["mapping"].contains("customer_id"));
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/n"), 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 22134);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 1680);
  EXPECT_NEAR(at(r, "/metrics/first_response/p90"), 86886, 1e-6);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 80);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/mean"), 4.3);
  EXPECT_EQ(r["metrics"]["agents"].size(), 10u);
  expect_stable("classic/ecommerce_customer_service.csv");
}

TEST(AnalysisClassic, PurchaseLogWithoutAmounts) {
  // lifetimes' example_transactions.csv ("date,id"): ids come back on other dates, so it is who bought
  // when. By hand: customers 0..4; 2 and 3 bought twice or more (40%); monthly retention Mar->Apr {2}
  // of {0,2,3}, Apr->May {2} of {2,4}, May->Jun none of {1,2}: 2 of 7.
  const std::string text =
      "date,id\n2014-03-08 00:00:00,0\n2014-05-21 00:00:00,1\n2014-03-14 00:00:00,2\n2014-04-09 00:00:00,2\n"
      "2014-05-21 00:00:00,2\n2014-03-08 00:00:00,3\n2014-06-15 00:00:00,3\n2014-04-02 00:00:00,4\n";
  const json r = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_EQ(r["mapping"]["customer_id"], "id");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/customers/value"), 5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/transactions/value"), 8);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/repeat_customers/value"), 40);
  EXPECT_NEAR(at(r, "/metrics/retention/value"), 200.0 / 7, 1e-9);
  EXPECT_FALSE(r["metrics"].contains("revenue"));
  // Unique ids with dates stay ticket creation dates.
  const json tickets = skpi::analysis::testing::analyze_text("date,id\n2014-03-08,1\n2014-03-09,2\n2014-03-09,3\n2014-03-10,4\n");
  ASSERT_TRUE(tickets["ok"].get<bool>());
  EXPECT_EQ(tickets["kind"], "tickets");
}

TEST(AnalysisClassic, TwitterSupportThreadsGiveFirstResponseTimes) {
  // Customer Support on Twitter: an inbound tweet that answers nothing opens a thread (a ticket); the
  // earliest company tweet answering it is the first response (expected.py, section 7).
  const json r = analyze_fixture("classic/twcs_customer_support.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["message_id"], "tweet_id");
  EXPECT_EQ(r["mapping"]["reply_to"], "in_response_to_tweet_id");
  EXPECT_EQ(r["mapping"]["inbound"], "inbound");
  EXPECT_EQ(r["mapping"]["author_name"], "author_id");
  EXPECT_EQ(r["columns"][3]["format"], "month_name");  // "Tue Oct 31 22:10:47 +0000 2017"
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 6);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/threads"), 6);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/answered"), 5);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/follow_ups"), 4);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/customer_messages"), 10);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/company_messages"), 8);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/n"), 5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/excluded_reasons/ticket.no_first_response"), 1);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 761.4);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 343);
  EXPECT_NEAR(at(r, "/metrics/first_response/p90"), 1854, 1e-9);
  EXPECT_FALSE(r["metrics"].contains("resolution"));
  EXPECT_FALSE(r["metrics"].contains("csat"));
  ASSERT_EQ(r["metrics"]["agents"].size(), 3u);
  EXPECT_EQ(r["metrics"]["agents"][0]["agent"], "sprintcare");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/agents/0/first_response_n"), 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/agents/0/first_response_median"), 168);
  expect_stable("classic/twcs_customer_support.csv");
}

TEST(AnalysisClassic, ReplyThreadsInAnyOrder) {
  // Replies before the message they answer, two replies (the earlier counts), a company reply to a
  // follow-up (not a first response), a reply without a time, an opening without an id.
  const std::string text =
      "tweet_id,author_id,inbound,created_at,in_response_to_tweet_id\n"
      "10,AcmeHelp,False,Mon Jan 01 10:05:00 +0000 2024,1\n"     // answers 1 after 300 s
      "1,c1,True,Mon Jan 01 10:00:00 +0000 2024,\n"
      "11,AcmeBot,False,Mon Jan 01 10:01:00 +0000 2024,1\n"      // earlier: the first response, 60 s
      "2,c2,True,Mon Jan 01 11:00:00 +0000 2024,\n"
      "3,c2,True,Mon Jan 01 11:30:00 +0000 2024,2\n"             // follow-up
      "12,AcmeHelp,False,Mon Jan 01 11:10:00 +0000 2024,3\n"     // answers the follow-up only
      "13,AcmeHelp,False,,2\n"                                    // no time
      ",c3,True,Mon Jan 01 12:00:00 +0000 2024,\n"               // no id
      "4,c4,True,Tue Jan 02 09:00:00 -0500 2024,\n"
      "14,AcmeHelp,False,Tue Jan 02 14:30:00 +0000 2024,4\n";    // 09:00 -05:00 = 14:00 Z: 1800 s
  const json r = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/n"), 2);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), (60 + 1800) / 2.0);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/excluded_reasons/ticket.no_first_response"), 1);
  EXPECT_DOUBLE_EQ(at(r, "/rows/threads/no_message_id"), 1);
  EXPECT_DOUBLE_EQ(at(r, "/rows/skipped"), 1);
  ASSERT_EQ(r["metrics"]["agents"].size(), 2u);
  for (const json& agent : r["metrics"]["agents"]) {
    if (agent["agent"] == "AcmeBot") EXPECT_DOUBLE_EQ(agent["first_response_median"].get<double>(), 60);
    else EXPECT_EQ(agent["agent"], "AcmeHelp");
  }
  for (std::size_t chunk : {1, 7, 64}) expect_same(r["metrics"], skpi::analysis::testing::analyze_text(text, json::object(), chunk)["metrics"]);
}

// Some copies of the Kaggle ticket dataset write "Time to Resolution" as plain numbers. No unit is
// stated, so the report says which one was assumed and how to set another.
TEST(AnalysisClassic, UnstatedDurationUnitIsNamedAndCanBeSet) {
  const std::string text =
      "Ticket ID,Ticket Status,Ticket Channel,Time to Resolution,Customer Satisfaction Rating\n"
      "1,Closed,Email,5.5,4\n2,Closed,Chat,12,5\n3,Open,Email,,\n";
  const json assumed = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(assumed["ok"].get<bool>()) << assumed.dump(2);
  EXPECT_TRUE(has_warning(assumed, "Column \"Time to Resolution\" does not say its unit; its numbers were read as minutes."));
  EXPECT_DOUBLE_EQ(at(assumed, "/metrics/resolution/mean"), (5.5 + 12) / 2 * 60);
  const json hours = skpi::analysis::testing::analyze_text(
      text, json{{"mapping", {{"resolution_time", {{"column", "Time to Resolution"}, {"unit", "hours"}}}}}});
  ASSERT_TRUE(hours["ok"].get<bool>()) << hours.dump(2);
  EXPECT_FALSE(has_warning(hours, "does not say its unit"));
  EXPECT_DOUBLE_EQ(at(hours, "/metrics/resolution/mean"), (5.5 + 12) / 2 * 3600);
  // A header that states the unit needs no note.
  const json stated = skpi::analysis::testing::analyze_text(
      "Ticket ID,Ticket Status,Full resolution time in minutes\n1,Closed,30\n2,Closed,90\n");
  EXPECT_FALSE(has_warning(stated, "does not say its unit"));
}
