// Third vendor sweep: survey and helpdesk exports not covered before (Qualtrics first), on small
// fixtures in tests/fixtures/vendors written with each vendor's real header names and value formats
// plus made-up rows. Expected figures come from tests/fixtures/vendors/expected.py (plain Python 3,
// csv module only, nothing shared with the engine).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "tests/core/analysis_test_support.hpp"

using nlohmann::json;

namespace {

using skpi::analysis::testing::analyze_fixture;
using skpi::analysis::testing::at;


const json* column_named(const json& report, const std::string& name) {
  for (const json& column : report["columns"]) {
    if (column["name"] == name) return &column;
  }
  return nullptr;
}

}  // namespace

// Header set: Qualtrics' CSV download (three header rows). Row 1: StartDate, EndDate, Status,
// IPAddress, Progress, Duration (in seconds), Finished, RecordedDate, ResponseId, RecipientLastName,
// RecipientFirstName, RecipientEmail, ExternalReference, LocationLatitude, LocationLongitude,
// DistributionChannel, UserLanguage, then the questions (Q1_NPS_GROUP, Q1, ...); row 2: Start Date,
// End Date, Response Type, IP Address, ..., the question texts; row 3: {"ImportId":"startDate",
// "timeZone":...} JSON. (As documented by Qualtrics' "Understanding your dataset" and seen in public
// parsers: kutils::importQualtrics, qualtRics::read_survey, NZSL Signbank's import notes.)
TEST(AnalysisVendors3, QualtricsThreeHeaderRows) {
  for (std::size_t chunk : {0, 7, 64}) {
    const json r = analyze_fixture("vendors/qualtrics_nps.csv", chunk);
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
    EXPECT_EQ(r["kind"], "survey") << chunk;
    // The question texts and the ImportId line are header rows: no records, no bad rows.
    EXPECT_EQ(r["rows"]["reasons"]["row.not_data"], 2);
    EXPECT_EQ(r["dialect"]["header_lines_below"], 2);
    EXPECT_TRUE(r["rows"]["issues"].empty()) << r["rows"].dump();
    EXPECT_EQ(r["rows"]["bad"].size(), 1u);  // the partial response with no answer, only
    EXPECT_EQ(r["rows"]["bad"][0]["reason"], "survey.no_score");
    EXPECT_EQ(r["rows"]["reasons"]["survey.no_score"], 1);
    // Q1 is the score (found by its question text), not Q1_NPS_GROUP; the date is RecordedDate;
    // Status (Response Type) is no ticket status and DistributionChannel no contact channel.
    EXPECT_EQ(r["mapping"]["nps"], "Q1");
    EXPECT_EQ(r["mapping"]["rating"], "Q2");
    EXPECT_EQ(r["mapping"]["date"], "RecordedDate");
    EXPECT_FALSE(r["mapping"].contains("status"));
    EXPECT_FALSE(r["mapping"].contains("channel"));
    const json* q1 = column_named(r, "Q1");
    ASSERT_NE(q1, nullptr);
    EXPECT_EQ((*q1)["label"], "How likely is it that you would recommend Acme support to a friend or colleague?");
    const json* group = column_named(r, "Q1_NPS_GROUP");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE((*group)["role"].is_null());
    EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), 13);
    EXPECT_EQ(r["metrics"]["nps"]["n"], 12);
    EXPECT_EQ(r["metrics"]["nps"]["promoters"], 5);
    EXPECT_EQ(r["metrics"]["nps"]["detractors"], 4);
    EXPECT_NEAR(at(r, "/metrics/nps/value"), 8.333333333333334, 1e-9);
    EXPECT_EQ(r["metrics"]["nps"]["scale"], "0-10");
    ASSERT_EQ(r["metrics"]["nps"]["by_month"].size(), 2u);
    EXPECT_EQ(r["metrics"]["nps"]["by_month"][0]["month"], "2024-03");
    EXPECT_NEAR(r["metrics"]["nps"]["by_month"][0]["value"].get<double>(), 0.0, 1e-9);
    EXPECT_NEAR(r["metrics"]["nps"]["by_month"][1]["value"].get<double>(), 50.0, 1e-9);
    EXPECT_EQ(r["metrics"]["csat"]["n"], 12);
    EXPECT_NEAR(at(r, "/metrics/csat/value"), 66.66666666666667, 1e-9);
    EXPECT_NEAR(at(r, "/metrics/csat/mean"), 3.5833333333333335, 1e-9);
    bool warned = false;
    for (const json& warning : r["warnings"]) warned = warned || warning["code"] == "row.not_data";
    EXPECT_TRUE(warned);
  }
  // merge == whole
  const json whole = analyze_fixture("vendors/qualtrics_nps.csv");
  const json merged = analyze_fixture("vendors/qualtrics_nps.csv", 0, json{{"merge_check", true}});
  EXPECT_EQ(whole["metrics"], merged["metrics"]);
}

// The ImportId line alone marks the line above it as question texts, even when that line repeats
// none of the short ids (a file with only response id, date and question columns).
TEST(AnalysisVendors3, QualtricsImportIdLineMarksQuestionTexts) {
  const std::string text =
      "ResponseId,RecordedDate,Q7,Q8_1\n"
      "Response ID,Recorded Date,How likely are you to recommend us to a friend?,What is your email address? - Email\n"
      "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\",\"\"timeZone\"\":\"\"UTC\"\"}\","
      "\"{\"\"ImportId\"\":\"\"QID7\"\"}\",\"{\"\"ImportId\"\":\"\"QID8_1\"\"}\"\n"
      "R_a1,2024-05-01 10:00:00,10,a@example.com\n"
      "R_a2,2024-05-02 11:00:00,4,\n"
      "R_a3,2024-05-03 12:00:00,9,c@example.com\n";
  const json r = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "survey");
  EXPECT_EQ(r["mapping"]["nps"], "Q7");
  EXPECT_EQ(r["mapping"]["date"], "RecordedDate");
  EXPECT_EQ(r["rows"]["reasons"]["row.not_data"], 2);
  EXPECT_TRUE(r["rows"]["bad"].empty());
  EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), 3);
  EXPECT_NEAR(at(r, "/metrics/nps/value"), 33.333333333333336, 1e-9);  // 2 promoters, 1 detractor
}

// A first record that is an ordinary row is never taken for labels: a file whose first row happens
// to repeat two header words stays data.
TEST(AnalysisVendors3, OrdinaryFirstRowIsData) {
  const std::string text =
      "Date,Score,Channel,Comment\n"
      "2024-05-01,9,Channel,Score\n"
      "2024-05-02,3,Email,\n";
  const json r = skpi::analysis::testing::analyze_text(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_FALSE(r["rows"]["reasons"].contains("row.not_data"));
  EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), 2);
}

// Qualtrics' Status (Response Type): the survey owner's previews and test runs and responses flagged
// as spam are no respondent's answers. They are left out as row.test_response (counted, summed up in
// a warning, not listed as bad rows); IP Address, Imported and Offline responses count, and a partial
// response (Finished False / 0) keeps its answers. Text export: Survey Preview, Survey Test, Spam;
// numeric export: codes 1, 2, 8 and 17 (Offline Survey Preview), Finished 1/0, Q2 recoded 1-5.
// Figures from expected.py (qualtrics_status, qualtrics_status_numeric).
TEST(AnalysisVendors3, QualtricsPreviewTestAndSpamLeftOut) {
  struct Case {
    const char* file;
    int test_responses, responses, promoters, detractors;
    double nps, may_nps, june_nps;
    int csat_n;
    double csat, csat_mean;
  };
  const Case cases[] = {
      {"vendors/qualtrics_status.csv", 4, 8, 3, 3, 0.0, -16.666666666666668, 50.0, 7, 71.42857142857143, 4.0},
      {"vendors/qualtrics_status_numeric.csv", 5, 9, 3, 4, -11.11111111111111, -16.666666666666668, 0.0, 8, 62.5, 3.75},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk : {0, 7, 64}) {
      SCOPED_TRACE(std::string(c.file) + " chunk " + std::to_string(chunk));
      const json r = analyze_fixture(c.file, chunk);
      ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
      EXPECT_EQ(r["kind"], "survey");
      EXPECT_EQ(r["mapping"]["response_type"], "Status");
      EXPECT_FALSE(r["mapping"].contains("status"));
      EXPECT_EQ(r["mapping"]["nps"], "Q1");
      EXPECT_EQ(r["mapping"]["rating"], "Q2");
      EXPECT_EQ(r["rows"]["reasons"]["row.test_response"], c.test_responses);
      EXPECT_EQ(r["rows"]["reasons"]["row.not_data"], 2);
      EXPECT_TRUE(r["rows"]["bad"].empty()) << r["rows"].dump();  // left out on purpose: not bad rows
      EXPECT_EQ(r["rows"]["records"], c.responses);
      EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), c.responses);
      EXPECT_EQ(r["metrics"]["nps"]["n"], c.responses);
      EXPECT_EQ(r["metrics"]["nps"]["promoters"], c.promoters);
      EXPECT_EQ(r["metrics"]["nps"]["detractors"], c.detractors);
      EXPECT_NEAR(at(r, "/metrics/nps/value"), c.nps, 1e-9);
      ASSERT_EQ(r["metrics"]["nps"]["by_month"].size(), 2u);
      EXPECT_EQ(r["metrics"]["nps"]["by_month"][0]["month"], "2024-05");
      EXPECT_NEAR(r["metrics"]["nps"]["by_month"][0]["value"].get<double>(), c.may_nps, 1e-9);
      EXPECT_NEAR(r["metrics"]["nps"]["by_month"][1]["value"].get<double>(), c.june_nps, 1e-9);
      EXPECT_EQ(r["metrics"]["csat"]["n"], c.csat_n);
      EXPECT_NEAR(at(r, "/metrics/csat/value"), c.csat, 1e-9);
      EXPECT_NEAR(at(r, "/metrics/csat/mean"), c.csat_mean, 1e-9);
      const json* warning = nullptr;
      for (const json& w : r["warnings"]) {
        if (w["code"] == "row.test_response") warning = &w;
      }
      ASSERT_NE(warning, nullptr) << r["warnings"].dump();
      EXPECT_EQ((*warning)["message"].get<std::string>().rfind(std::to_string(c.test_responses) + " responses were a survey preview, test or spam", 0), 0u)
          << (*warning)["message"];
    }
    const json whole = analyze_fixture(c.file);
    const json merged = analyze_fixture(c.file, 0, json{{"merge_check", true}});
    EXPECT_EQ(whole["metrics"], merged["metrics"]);
  }
}

// Only Qualtrics' response type leaves rows out: Typeform's "Response Type" (completed / partial)
// is not it, and a ticket "Status" keeps its role. Without the question-text row, a Status column of
// response-type words is still the response type.
TEST(AnalysisVendors3, ResponseTypeOnlyWhenQualtrics) {
  const json typeform = analyze_fixture("vendors/typeform_nps.csv");
  ASSERT_TRUE(typeform["ok"].get<bool>());
  EXPECT_FALSE(typeform["mapping"].contains("response_type"));
  EXPECT_FALSE(typeform["rows"]["reasons"].contains("row.test_response"));
  const std::string text =
      "RecordedDate,Status,Q1\n"
      "2024-05-01 10:00:00,IP Address,10\n"
      "2024-05-02 11:00:00,Survey Preview,10\n"
      "2024-05-03 12:00:00,IP Address,3\n"
      "2024-05-04 12:00:00,Spam,10\n"
      "2024-05-05 12:00:00,Offline,9\n";
  const json r = skpi::analysis::testing::analyze_text(text, json{{"kind", "survey"}, {"mapping", {{"nps", "Q1"}}}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["mapping"]["response_type"], "Status");
  EXPECT_EQ(r["rows"]["reasons"]["row.test_response"], 2);
  EXPECT_DOUBLE_EQ(at(r, "/metrics/responses/value"), 3);
  EXPECT_NEAR(at(r, "/metrics/nps/value"), 33.333333333333336, 1e-9);  // 10, 3, 9
  const std::string tickets =
      "Ticket ID,Created at,Status\n"
      "1,2024-05-01 10:00:00,Open\n"
      "2,2024-05-02 11:00:00,Solved\n";
  const json t = skpi::analysis::testing::analyze_text(tickets);
  ASSERT_TRUE(t["ok"].get<bool>());
  EXPECT_EQ(t["mapping"]["status"], "Status");
  EXPECT_FALSE(t["mapping"].contains("response_type"));
}
