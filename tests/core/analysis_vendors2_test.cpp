// Second vendor sweep: Freshdesk's own ticket export, Amazon Connect contact trace records (flattened
// to CSV), a Typeform response download, an Arabic ticket list saved by Excel as "Unicode text"
// (UTF-16LE, tab) and a Turkish ';' spreadsheet, on small fixtures in tests/fixtures/vendors with the
// vendors' headers and value formats plus messy rows. Expected figures come from
// tests/fixtures/vendors/expected.py (plain Python 3, csv module only, nothing shared with the engine).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "tests/core/analysis_test_support.hpp"

using nlohmann::json;

namespace {

using skpi::analysis::testing::analyze_fixture;
using skpi::analysis::testing::at;
using skpi::analysis::testing::has_warning;


}  // namespace

// Header set: spec/csv-formats.md "Freshdesk (ticket export)", in that order.
TEST(AnalysisVendors2, FreshdeskTicketExport) {
  const json r = analyze_fixture("vendors/freshdesk_tickets.csv", 11);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["first_response_at"], "Initial response time");
  EXPECT_EQ(r["mapping"]["first_response_time_business"], "First response time (in hrs)");
  EXPECT_EQ(r["mapping"]["resolution_time_business"], "Resolution time (in hrs)");
  EXPECT_EQ(r["mapping"]["channel"], "Source");
  EXPECT_EQ(r["mapping"]["agent_interactions"], "Agent interactions");
  EXPECT_EQ(r["mapping"]["customer_interactions"], "Customer interactions");
  EXPECT_EQ(r["rows"]["reasons"]["row.ragged"], 1);          // "Need SSO setup, Okta" unquoted
  EXPECT_EQ(r["rows"]["issues"]["value.bad_timestamp"], 1);  // 2024-03-31 25:10:00
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 15);
  EXPECT_NEAR(at(r, "/metrics/resolution_rate/value"), 66.66666666666667, 1e-9);  // Waiting on ... are open
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 13);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 1500);
  EXPECT_NEAR(at(r, "/metrics/first_response/mean"), 7083.7692307692305, 1e-6);
  EXPECT_EQ(r["metrics"]["first_response"]["business"]["n"], 14);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/business/median"), 1332);
  EXPECT_NEAR(at(r, "/metrics/first_response/business/mean"), 2741.1428571428573, 1e-6);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 8988);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 44952);
  EXPECT_EQ(r["metrics"]["resolution"]["business"]["n"], 10);
  // Tickets without the business figure are counted: one without a first reply, five unresolved.
  EXPECT_EQ(r["metrics"]["first_response"]["business"]["excluded"], 1);
  EXPECT_EQ(r["metrics"]["first_response"]["business"]["excluded_reasons"]["ticket.no_first_response"], 1);
  EXPECT_EQ(r["metrics"]["resolution"]["business"]["excluded"], 5);
  EXPECT_EQ(r["metrics"]["resolution"]["business"]["excluded_reasons"]["ticket.unresolved"], 5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/business/median"), 11700);
  EXPECT_NEAR(at(r, "/metrics/resolution/business/mean"), 21740.4, 1e-6);
  EXPECT_EQ(r["metrics"]["fcr"]["definition"], "one_touch");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/fcr/value"), 60);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/fcr/variants/no_customer_follow_up/value"), 30);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 62.5);  // Awesome of Awesome / Just Okay / Not Good
  EXPECT_EQ(r["metrics"]["csat"]["n"], 8);
  EXPECT_EQ(r["metrics"]["sla"]["first_response"]["basis"], "business");
}

// Header set: the Amazon Connect contact record data model (ContactId, Channel, InitiationMethod,
// InitiationTimestamp, ..., Queue.{Name, EnqueueTimestamp, DequeueTimestamp, Duration},
// Agent.{Username, ConnectedToAgentTimestamp, AgentInteractionDuration, CustomerHoldDuration,
// AfterContactWorkDuration, NumberOfHolds}) flattened with '.' as Athena / Glue exports write it.
TEST(AnalysisVendors2, AmazonConnectContactTraceRecords) {
  const json r = analyze_fixture("vendors/amazon_connect_ctr.csv", 64);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_EQ(r["mapping"]["direction"], "InitiationMethod");
  EXPECT_EQ(r["mapping"]["answered_at"], "Agent.ConnectedToAgentTimestamp");
  EXPECT_EQ(r["mapping"]["wait_seconds"], "Queue.Duration");
  EXPECT_EQ(r["mapping"]["talk_seconds"], "Agent.AgentInteractionDuration");
  EXPECT_EQ(r["mapping"]["agent"], "Agent.Username");
  EXPECT_FALSE(r["mapping"].contains("quantity"));  // Agent.NumberOfHolds
  EXPECT_EQ(r["rows"]["reasons"]["call.outbound"], 2);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/offered/value"), 14);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/answered/value"), 11);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/abandoned/value"), 3);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/other_outcomes/value"), 2);  // ended in the IVR, never queued
  EXPECT_TRUE(has_warning(r, "neither answered nor queued"));
  EXPECT_NEAR(at(r, "/metrics/abandon_rate/value"), 21.428571428571427, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/wait_time/mean"), 24.272727272727273, 1e-9);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/wait_time/median"), 21);
  EXPECT_NEAR(at(r, "/metrics/service_level/value"), 35.714285714285715, 1e-9);
  // "n/a" talk time: hold and ACW alone are not a handle time.
  EXPECT_EQ(r["metrics"]["aht"]["n"], 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/aht/mean"), 541.5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/aht/median"), 475);
}

// Header set: Typeform's response download ("#", the question texts, Response Type, Start Date (UTC),
// Stage Date (UTC), Submit Date (UTC), Network ID, Tags).
TEST(AnalysisVendors2, TypeformQuestionHeaders) {
  const json r = analyze_fixture("vendors/typeform_nps.csv");
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "survey");
  EXPECT_EQ(r["mapping"]["nps"], "How likely are you to recommend Acme to a friend or colleague?");
  EXPECT_EQ(r["mapping"]["rating"], "How would you rate the support you received?");
  EXPECT_EQ(r["mapping"]["channel"], "Which channel did you contact us through?");
  EXPECT_EQ(r["mapping"]["date"], "Submit Date (UTC)");
  EXPECT_EQ(r["rows"]["reasons"]["survey.no_score"], 1);  // a partial response with no answer
  EXPECT_EQ(r["metrics"]["nps"]["n"], 15);
  EXPECT_EQ(r["metrics"]["nps"]["promoters"], 8);
  EXPECT_EQ(r["metrics"]["nps"]["detractors"], 4);
  EXPECT_NEAR(at(r, "/metrics/nps/value"), 26.666666666666668, 1e-9);
  EXPECT_EQ(r["metrics"]["csat"]["n"], 14);
  EXPECT_NEAR(at(r, "/metrics/csat/value"), 64.28571428571429, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/csat/mean"), 3.7142857142857144, 1e-9);
}

// Native headers from the Arabic rows of core/analysis/roles.cpp; Excel's "Unicode text" save.
TEST(AnalysisVendors2, ArabicUtf16TabTickets) {
  const json r = analyze_fixture("vendors/ar_tickets_utf16.txt", 5);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["dialect"]["encoding"], "utf-16le");
  EXPECT_EQ(r["dialect"]["delimiter"], "\t");
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  EXPECT_FALSE(r["mapping"].contains("category"));  // الموضوع is the subject line
  EXPECT_EQ(r["rows"]["issues"]["value.bad_timestamp"], 1);  // 31/02/2024
  EXPECT_FALSE(r["rows"]["issues"].contains("value.bad_number"));  // ٥ and غير متوفر
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 12);
  EXPECT_NEAR(at(r, "/metrics/resolution_rate/value"), 66.66666666666667, 1e-9);
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 1050);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 2268);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 7);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 18000);
  EXPECT_NEAR(at(r, "/metrics/resolution/mean"), 39128.57142857143, 1e-6);
  EXPECT_EQ(r["metrics"]["csat"]["n"], 9);
  EXPECT_NEAR(at(r, "/metrics/csat/value"), 66.66666666666667, 1e-9);
  EXPECT_NEAR(at(r, "/metrics/csat/mean"), 3.7777777777777777, 1e-9);
}

// Native headers from the Turkish rows of core/analysis/roles.cpp; Excel "CSV UTF-8" in a Turkish
// locale (';', ',' decimals, dd.mm.yyyy).
TEST(AnalysisVendors2, TurkishSemicolonTickets) {
  const json r = analyze_fixture("vendors/tr_tickets_semicolon.csv", 13);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["dialect"]["delimiter"], ";");
  EXPECT_EQ(r["dialect"]["decimal"], ",");
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  EXPECT_EQ(r["mapping"]["created_at"], "Oluşturulma Tarihi");
  EXPECT_EQ(r["mapping"]["agent"], "Temsilci");
  EXPECT_EQ(r["rows"]["reasons"]["row.ragged"], 1);
  EXPECT_EQ(r["rows"]["issues"]["value.bad_timestamp"], 1);  // 32.03.2024
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 12);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution_rate/value"), 75);  // Beklemede / İşlemde / Açık are open
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 750);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 8022);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 8);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 10800);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 35812.5);
  EXPECT_EQ(r["metrics"]["csat"]["n"], 9);
  EXPECT_NEAR(at(r, "/metrics/csat/value"), 66.66666666666667, 1e-9);
}

// The same Freshdesk file with merge_check (every other row to a second set of accumulators).
TEST(AnalysisVendors2, MergeCheckLeavesFiguresUnchanged) {
  for (const char* name : {"vendors/freshdesk_tickets.csv", "vendors/amazon_connect_ctr.csv", "vendors/typeform_nps.csv"}) {
    const json plain = analyze_fixture(name);
    const json merged = analyze_fixture(name, 0, json{{"merge_check", true}});
    EXPECT_EQ(plain["metrics"], merged["metrics"]) << name;
  }
}

// The same Turkish file as Excel saves it with "CSV (comma delimited)" in a Turkish locale: Windows-1254,
// no BOM. Read as Windows-1252 it lost its headers (Oluşturulma → Olu\u00FEturulma) and became a survey.
TEST(AnalysisVendors2, TurkishWindows1254GivesTheSameReport) {
  const json utf8 = analyze_fixture("vendors/tr_tickets_semicolon.csv");
  const json cp1254 = analyze_fixture("vendors/tr_tickets_cp1254.csv", 7);
  ASSERT_TRUE(cp1254["ok"].get<bool>()) << cp1254.dump(2);
  EXPECT_EQ(cp1254["dialect"]["encoding"], "windows-1254");
  EXPECT_EQ(cp1254["kind"], "tickets");
  EXPECT_EQ(cp1254["mapping"], utf8["mapping"]);
  EXPECT_EQ(cp1254["metrics"], utf8["metrics"]);
}

// The Arabic list as Excel saves it with "CSV" in an Arabic locale: Windows-1256, comma, ASCII digits
// (Windows-1256 has no Arabic-Indic ones). Read as Windows-1252 its headers were Latin letters with
// accents; now it gives the report of the UTF-16 file.
TEST(AnalysisVendors2, ArabicWindows1256GivesTheSameReport) {
  const json unicode = analyze_fixture("vendors/ar_tickets_utf16.txt");
  const json cp1256 = analyze_fixture("vendors/ar_tickets_cp1256.csv", 5);
  ASSERT_TRUE(cp1256["ok"].get<bool>()) << cp1256.dump(2);
  EXPECT_EQ(cp1256["dialect"]["encoding"], "windows-1256");
  EXPECT_EQ(cp1256["mapping"], unicode["mapping"]);
  EXPECT_EQ(cp1256["metrics"], unicode["metrics"]);
}

// Romanian Excel "CSV": Windows-1250, ';', dd.mm.yyyy, cedilla ş ţ. Hand-checked: 6 tickets, 4 of
// them Rezolvat / Închis; names keep their letters.
TEST(AnalysisVendors2, RomanianWindows1250) {
  const json r = analyze_fixture("vendors/ro_tickets_cp1250.csv", 9);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["dialect"]["encoding"], "windows-1250");
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["created_at"], "Data creării");
  EXPECT_EQ(r["mapping"]["rating"], "Satisfacţie");
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 6);
  EXPECT_NEAR(at(r, "/metrics/resolution_rate/value"), 100.0 * 4 / 6, 1e-9);
  EXPECT_EQ(r["metrics"]["agents"][0]["agent"], "Ştefan Popescu");
  EXPECT_EQ(r["metrics"]["agents"][1]["agent"], "Ioana Ţurcanu");
}

// Estonian Excel "CSV": Windows-1257, ';', dd.mm.yyyy, š ž Š Ž in names and subjects (1252 would
// read them as ð þ Ð Þ). Figures from expected.py ("estonian_cp1257"); the same report whatever the
// chunk size, and with the encoding forced by name.
TEST(AnalysisVendors2, EstonianWindows1257) {
  const json r = analyze_fixture("vendors/et_tickets_cp1257.csv", 11);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["dialect"]["encoding"], "windows-1257");
  EXPECT_EQ(r["dialect"]["delimiter"], ";");
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["created_at"], "Loodud");
  EXPECT_EQ(r["mapping"]["status"], "Staatus");
  EXPECT_EQ(r["mapping"]["agent"], "Agent");
  EXPECT_EQ(r["mapping"]["rating"], "Rahulolu");
  EXPECT_EQ(r["rows"]["issues"]["value.bad_timestamp"], 1);  // 31.02.2024
  EXPECT_DOUBLE_EQ(at(r, "/metrics/tickets/value"), 10);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution_rate/value"), 70);
  EXPECT_EQ(r["metrics"]["first_response"]["n"], 8);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/median"), 1800);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/first_response/mean"), 2760);
  EXPECT_EQ(r["metrics"]["resolution"]["n"], 6);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/median"), 43200);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/resolution/mean"), 45300);
  EXPECT_EQ(r["metrics"]["csat"]["n"], 8);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/value"), 62.5);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/csat/mean"), 3.625);
  std::vector<std::string> agents;
  for (const json& a : r["metrics"]["agents"]) agents.push_back(a["agent"].get<std::string>());
  EXPECT_NE(std::find(agents.begin(), agents.end(), "Jüri Šmidt"), agents.end()) << r["metrics"]["agents"].dump();
  EXPECT_NE(std::find(agents.begin(), agents.end(), "Žanna Põld"), agents.end()) << r["metrics"]["agents"].dump();
  for (const std::size_t chunk : {1, 3, 64}) {
    const json c = analyze_fixture("vendors/et_tickets_cp1257.csv", chunk);
    EXPECT_EQ(c["dialect"], r["dialect"]) << chunk;
    EXPECT_EQ(c["metrics"], r["metrics"]) << chunk;
  }
  const json forced = analyze_fixture("vendors/et_tickets_cp1257.csv", 0, json{{"encoding", "cp1257"}});
  ASSERT_TRUE(forced["ok"].get<bool>()) << forced.dump(2);
  EXPECT_EQ(forced["dialect"]["encoding"], "windows-1257");
  EXPECT_EQ(forced["metrics"], r["metrics"]);
}
