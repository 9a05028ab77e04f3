// Column mapping: header normalisation, one fixture per vendor header set (Zendesk, Freshdesk,
// Freshservice, Intercom, Jira, ServiceNow, Chatwoot), the five other languages, value checks,
// headerless inference, the mapping option and the kind decision.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/roles.hpp"
#include "core/analysis/session.hpp"

using namespace skpi::analysis;
using nlohmann::json;

namespace {

json analyze(const std::string& text, const json& options = json::object()) {
  Session session(options);
  session.feed(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  return session.finish();
}

Role role_of(const char* header) { return match_header(header).role; }

}  // namespace

TEST(AnalysisHeaders, NormalisationIgnoresCasePunctuationAndDiacritics) {
  EXPECT_EQ(normalize_header("First response time (in Hrs)"), "first response time in hrs");
  EXPECT_EQ(normalize_header("first_response_time_in_hrs"), "first response time in hrs");
  EXPECT_EQ(normalize_header("createdAt"), "created at");
  EXPECT_EQ(normalize_header("  Priority [list] "), "priority");
  EXPECT_EQ(normalize_header("Müşteri No"), "musteri no");
  EXPECT_EQ(normalize_header("ÖNCELİK"), "oncelik");
  EXPECT_EQ(normalize_header("Satisfacție"), "satisfactie");
  EXPECT_EQ(normalize_header("Kuupäev"), "kuupaev");
  EXPECT_EQ(compact_header("First Reply At"), compact_header("first_reply_at"));
  EXPECT_EQ(normalize_header("تاريخ الإنشاء"), normalize_header("تاريخ الانشاء"));
}

TEST(AnalysisHeaders, Zendesk) {
  EXPECT_EQ(role_of("Id"), Role::ticket_id);
  EXPECT_EQ(role_of("Created at"), Role::created_at);
  EXPECT_EQ(role_of("Solved at"), Role::resolved_at);
  EXPECT_EQ(role_of("Assignee"), Role::agent);
  EXPECT_EQ(role_of("Group"), Role::group);
  EXPECT_EQ(role_of("Via"), Role::channel);
  EXPECT_EQ(role_of("Status"), Role::status);
  EXPECT_EQ(role_of("Priority"), Role::priority);
  EXPECT_EQ(role_of("Satisfaction Score"), Role::rating);
  EXPECT_EQ(role_of("Reopens"), Role::reopens);
  EXPECT_EQ(role_of("Replies"), Role::replies);
  EXPECT_EQ(role_of("Assignee stations"), Role::agent_count);
  const HeaderMatch first_reply = match_header("First reply time in minutes");
  EXPECT_EQ(first_reply.role, Role::first_response_time);
  EXPECT_EQ(first_reply.unit_seconds, 60);
  EXPECT_EQ(role_of("First reply time in minutes within business hours"), Role::first_response_time_business);
  EXPECT_EQ(role_of("First reply time (min)"), Role::first_response_time);
  EXPECT_EQ(match_header("Full resolution time (min)").role, Role::resolution_time);
  EXPECT_GT(match_header("Full resolution time in minutes").priority, match_header("First resolution time in minutes").priority);
  EXPECT_EQ(role_of("Full resolution time in minutes within business hours"), Role::resolution_time_business);
}

TEST(AnalysisHeaders, FreshdeskAndFreshservice) {
  EXPECT_EQ(role_of("Ticket ID"), Role::ticket_id);
  EXPECT_EQ(role_of("Ticket Id"), Role::ticket_id);
  EXPECT_EQ(role_of("Source"), Role::channel);
  EXPECT_EQ(role_of("Agent"), Role::agent);
  EXPECT_EQ(role_of("Created time"), Role::created_at);
  EXPECT_EQ(role_of("Created Time"), Role::created_at);
  EXPECT_EQ(role_of("Resolved time"), Role::resolved_at);
  EXPECT_EQ(role_of("Closed Time"), Role::closed_at);
  EXPECT_EQ(role_of("Initial response time"), Role::first_response_at);
  EXPECT_EQ(role_of("Initial Response Time"), Role::first_response_at);
  const HeaderMatch first = match_header("First response time (in hrs)");
  EXPECT_EQ(first.role, Role::first_response_time_business);
  EXPECT_EQ(first.unit_seconds, 3600);
  EXPECT_EQ(match_header("First Response Time (in Hrs)").role, Role::first_response_time_business);
  EXPECT_EQ(match_header("Resolution Time (in Hrs)").unit_seconds, 3600);
  EXPECT_EQ(role_of("Agent interactions"), Role::agent_interactions);
  EXPECT_EQ(role_of("Customer interactions"), Role::customer_interactions);
  EXPECT_EQ(role_of("Resolution status"), Role::sla_resolution);
  EXPECT_EQ(role_of("First response status"), Role::sla_first_response);
  EXPECT_EQ(role_of("Survey results"), Role::rating);
  EXPECT_EQ(role_of("Survey Result"), Role::rating);
  EXPECT_EQ(role_of("Type"), Role::category);
}

TEST(AnalysisHeaders, IntercomJiraServiceNowChatwoot) {
  EXPECT_EQ(role_of("conversation_id"), Role::ticket_id);
  EXPECT_EQ(role_of("message_id"), Role::message_id);
  EXPECT_EQ(role_of("conversation_created_at"), Role::created_at);
  EXPECT_EQ(role_of("conversation_first_response_at"), Role::first_response_at);
  EXPECT_EQ(role_of("conversation_closed_at"), Role::closed_at);
  EXPECT_EQ(role_of("conversation_state"), Role::status);
  EXPECT_EQ(role_of("key"), Role::ticket_id);
  EXPECT_EQ(role_of("issue_type"), Role::category);
  EXPECT_EQ(role_of("assignee_name"), Role::agent);
  EXPECT_EQ(role_of("created"), Role::created_at);
  EXPECT_EQ(role_of("resolution_date"), Role::resolved_at);
  EXPECT_EQ(role_of("number"), Role::ticket_id);
  EXPECT_EQ(role_of("incident_state"), Role::status);
  EXPECT_EQ(role_of("opened_at"), Role::created_at);
  EXPECT_EQ(role_of("contact_type"), Role::channel);
  EXPECT_EQ(role_of("assignment_group"), Role::group);
  EXPECT_EQ(role_of("assigned_to"), Role::agent);
  EXPECT_EQ(role_of("reopen_count"), Role::reopens);
  EXPECT_EQ(role_of("reassignment_count"), Role::reassignments);
  EXPECT_EQ(role_of("made_sla"), Role::made_sla);
  EXPECT_EQ(role_of("resolved_at"), Role::resolved_at);
  EXPECT_GT(match_header("opened_at").priority, match_header("sys_created_at").priority);
  EXPECT_EQ(role_of("Agent name"), Role::agent);
}

TEST(AnalysisHeaders, FiveLanguages) {
  // Estonian
  EXPECT_EQ(role_of("Loodud"), Role::created_at);
  EXPECT_EQ(role_of("Kanal"), Role::channel);
  EXPECT_EQ(role_of("Kategooria"), Role::category);
  EXPECT_EQ(role_of("Olek"), Role::status);
  EXPECT_EQ(role_of("Hinnang"), Role::rating);
  EXPECT_EQ(role_of("Kuupäev"), Role::date);
  // Finnish
  EXPECT_EQ(role_of("Luontiaika"), Role::created_at);
  EXPECT_EQ(role_of("Ratkaistu"), Role::resolved_at);
  EXPECT_EQ(role_of("Käsittelijä"), Role::agent);
  EXPECT_EQ(role_of("Tila"), Role::status);
  EXPECT_EQ(role_of("Ensimmäinen vastaus"), Role::first_response_at);
  EXPECT_EQ(role_of("Asiakas"), Role::customer_id);
  // Romanian
  EXPECT_EQ(role_of("Data creării"), Role::created_at);
  EXPECT_EQ(role_of("Data crearii"), Role::created_at);
  EXPECT_EQ(role_of("Stare"), Role::status);
  EXPECT_EQ(role_of("Prioritate"), Role::priority);
  EXPECT_EQ(role_of("Sumă"), Role::amount);
  // Turkish
  EXPECT_EQ(role_of("Oluşturulma Tarihi"), Role::created_at);
  EXPECT_EQ(role_of("Durum"), Role::status);
  EXPECT_EQ(role_of("Öncelik"), Role::priority);
  EXPECT_EQ(role_of("Temsilci"), Role::agent);
  EXPECT_EQ(role_of("Müşteri No"), Role::customer_id);
  EXPECT_EQ(role_of("Tutar"), Role::amount);
  // Arabic
  EXPECT_EQ(role_of("تاريخ الإنشاء"), Role::created_at);
  EXPECT_EQ(role_of("الحالة"), Role::status);
  EXPECT_EQ(role_of("القناة"), Role::channel);
  EXPECT_EQ(role_of("الوكيل"), Role::agent);
  EXPECT_EQ(role_of("التقييم"), Role::rating);
  EXPECT_EQ(role_of("المبلغ"), Role::amount);
}

TEST(AnalysisHeaders, KeywordsInQuestionsAndUnknownNames) {
  EXPECT_EQ(role_of("How likely are you to recommend us to a friend?"), Role::nps);
  EXPECT_EQ(role_of("How easy was it to get help? (effort)"), Role::ces);
  EXPECT_EQ(role_of("Overall, how satisfied were you?"), Role::rating);
  EXPECT_EQ(role_of("zbar"), Role::none);
  EXPECT_EQ(role_of(""), Role::none);
  EXPECT_GT(header_table_size(), 500u);
  double unit = 0;
  EXPECT_EQ(role_from_name("resolution_hours", &unit), Role::resolution_time);
  EXPECT_EQ(unit, 3600);
  EXPECT_EQ(role_from_name("created_at"), Role::created_at);
  EXPECT_FALSE(role_from_name("colour").has_value());
}

TEST(AnalysisMapping, ZendeskExportMapsAndSaysWhatItIgnored) {
  const std::string text =
      "Id,Requester,Subject,Status,Priority,Via,Created at,Solved at,Assignee,Satisfaction Score,Replies,"
      "First reply time in minutes,Full resolution time in minutes,Tags\n"
      "1,ann@example.com,Help,closed,normal,email,2024-03-01 09:00:00,2024-03-01 12:00:00,Maria,Good,1,30,180,x\n"
      "2,bob@example.com,Bill,solved,high,web,2024-03-02 10:00:00,2024-03-03 10:00:00,Maria,Bad,3,60,1440,y\n"
      "3,cid@example.com,Q,open,low,chat,2024-03-03 11:00:00,,James,,0,,,z\n";
  const json report = analyze(text);
  ASSERT_TRUE(report["ok"].get<bool>()) << report.dump();
  EXPECT_EQ(report["kind"], "tickets");
  EXPECT_EQ(report["mapping"]["ticket_id"], "Id");
  EXPECT_EQ(report["mapping"]["first_response_time"], "First reply time in minutes");
  EXPECT_EQ(report["mapping"]["resolution_time"], "Full resolution time in minutes");
  EXPECT_EQ(report["mapping"]["rating"], "Satisfaction Score");
  const json ignored = report["ignored"];
  EXPECT_NE(std::find(ignored.begin(), ignored.end(), "Subject"), ignored.end());
  EXPECT_NE(std::find(ignored.begin(), ignored.end(), "Tags"), ignored.end());
  const json metrics = report["metrics"];
  EXPECT_DOUBLE_EQ(metrics["first_response"]["median"].get<double>(), 45 * 60);
  EXPECT_EQ(metrics["first_response"]["source"], "ready-made duration column");
  EXPECT_DOUBLE_EQ(metrics["resolution"]["mean"].get<double>(), (180 + 1440) * 60 / 2.0);
  EXPECT_DOUBLE_EQ(metrics["csat"]["value"].get<double>(), 50);  // Good / (Good + Bad)
}

TEST(AnalysisMapping, FreshdeskExportWithBusinessHourColumnsAndWordedSurvey) {
  const std::string text =
      "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,Resolved time,Closed time,"
      "Last update time,Initial response time,Time tracked,First response time (in hrs),Resolution time (in hrs),"
      "Agent interactions,Customer interactions,Resolution status,First response status,Tags,Survey results,Product\n"
      "101,Login,Closed,Low,Email,Question,Anna Tamm,L1,2024-04-01 09:00:00,2024-04-02 09:00:00,2024-04-01 15:00:00,"
      "2024-04-03 09:00:00,2024-04-03 09:00:00,2024-04-01 10:30:00,00:20:00,1.5,6,1,0,Within SLA,Within SLA,,Extremely satisfied,App\n"
      "102,Refund,Resolved,High,Portal,Refund,Mikko Virtanen,L2,2024-04-01 11:00:00,2024-04-02 11:00:00,2024-04-02 11:00:00,,"
      "2024-04-02 11:00:00,2024-04-01 11:15:00,01:00:00,0.25,8,3,2,SLA Violated,Within SLA,,Neutral,Web\n"
      "103,Bug,Open,Urgent,Phone,Problem,Anna Tamm,L2,2024-04-02 08:00:00,2024-04-02 12:00:00,,,2024-04-02 09:00:00,"
      "2024-04-02 08:05:00,,0.08,,1,1,,Within SLA,,,App\n";
  const json r = analyze(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["first_response_time_business"], "First response time (in hrs)");
  EXPECT_EQ(r["mapping"]["resolution_time_business"], "Resolution time (in hrs)");
  EXPECT_EQ(r["mapping"]["first_response_at"], "Initial response time");
  EXPECT_EQ(r["mapping"]["channel"], "Source");
  const json m = r["metrics"];
  // calendar first response from the timestamps: 5400, 900, 300 s; business from the hours columns
  EXPECT_DOUBLE_EQ(m["first_response"]["median"].get<double>(), 900);
  EXPECT_DOUBLE_EQ(m["first_response"]["business"]["median"].get<double>(), 900);
  EXPECT_DOUBLE_EQ(m["first_response"]["business"]["max"].get<double>(), 5400);
  EXPECT_DOUBLE_EQ(m["resolution"]["business"]["mean"].get<double>(), 7 * 3600);
  EXPECT_EQ(m["fcr"]["definition"], "one_touch");  // from Agent interactions
  EXPECT_DOUBLE_EQ(m["fcr"]["value"].get<double>(), 50);
  EXPECT_DOUBLE_EQ(m["fcr"]["variants"]["no_customer_follow_up"]["value"].get<double>(), 50);
  EXPECT_NEAR(m["sla"]["resolution_status"]["value"].get<double>(), 50, 1e-9);
  EXPECT_DOUBLE_EQ(m["csat"]["value"].get<double>(), 50);  // Extremely satisfied (5), Neutral (3) on 1-5
}

TEST(AnalysisMapping, IntercomPartsAreGroupedByConversation) {
  const std::string text =
      "message_id,message_body,message_type,message_created_at,message_author_type,message_author_id,message_author_user_id,"
      "message_author_name,message_author_email,message_author_companies,conversation_tags,conversation_id,conversation_state,"
      "conversation_created_at,conversation_first_response_at,conversation_closed_at,app_id,app_name\n"
      "m1,Hi,comment,2024-03-01T09:00:00Z,user,u1,u1,Ann,a@x.io,,,c1,open,2024-03-01T09:00:00Z,,,app,App\n"
      "m2,Hello,comment,2024-03-01T09:05:00Z,admin,a1,,Bob,b@x.io,,,c1,open,2024-03-01T09:00:00Z,2024-03-01T09:05:00Z,,app,App\n"
      "m3,Thanks,close,2024-03-01T10:00:00Z,admin,a1,,Bob,b@x.io,,,c1,closed,2024-03-01T09:00:00Z,2024-03-01T09:05:00Z,2024-03-01T10:00:00Z,app,App\n"
      "m4,Help,comment,2024-03-02T12:00:00Z,user,u2,u2,Cid,c@x.io,,,c2,open,2024-03-02T12:00:00Z,,,app,App\n"
      "m5,On it,comment,2024-03-02T12:30:00Z,admin,a2,,Dee,d@x.io,,,c2,open,2024-03-02T12:00:00Z,2024-03-02T12:30:00Z,,app,App\n";
  const json r = analyze(text);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["mapping"]["ticket_id"], "conversation_id");
  EXPECT_EQ(r["rows"]["records"], 2);
  const json m = r["metrics"];
  EXPECT_EQ(m["tickets"]["value"], 2);
  EXPECT_DOUBLE_EQ(m["first_response"]["median"].get<double>(), (300 + 1800) / 2.0);
  EXPECT_EQ(m["resolution"]["n"], 1);
  EXPECT_DOUBLE_EQ(m["resolution"]["median"].get<double>(), 3600);  // closed_at ends it: no resolved column
  EXPECT_DOUBLE_EQ(m["resolution_rate"]["value"].get<double>(), 50);
}

TEST(AnalysisMapping, ValuesMustFitTheRole) {
  // "Created at" holds text: it is not used as a timestamp and the report says why.
  const std::string text = "Id,Created at,Status\n1,yesterday,open\n2,last week,closed\n3,today,open\n";
  const json report = analyze(text);
  ASSERT_TRUE(report["ok"].get<bool>());
  EXPECT_FALSE(report["mapping"].contains("created_at"));
  bool noted = false;
  for (const json& column : report["columns"]) {
    if (column["name"] == "Created at") noted = column.contains("note");
  }
  EXPECT_TRUE(noted);
}

TEST(AnalysisMapping, OptionOverridesDetectionAndUnknownColumnsAreErrors) {
  const std::string text = "when,who,score\n2024-01-01,a,9\n2024-01-02,b,3\n";
  json options = {{"mapping", {{"date", "when"}, {"nps", "score"}, {"agent", "who"}}}};
  const json report = analyze(text, options);
  ASSERT_TRUE(report["ok"].get<bool>()) << report.dump();
  EXPECT_EQ(report["kind"], "survey");
  EXPECT_EQ(report["mapping"]["nps"], "score");
  EXPECT_EQ(report["metrics"]["nps"]["n"], 2);
  EXPECT_DOUBLE_EQ(report["metrics"]["nps"]["value"].get<double>(), 0);

  const json missing = analyze(text, {{"mapping", {{"created_at", "Opened"}}}});
  EXPECT_FALSE(missing["ok"].get<bool>());
  EXPECT_EQ(missing["error"]["code"], "options.mapping.missing_column");
  EXPECT_EQ(missing["error"]["field"], "mapping.created_at");
  const json unknown_role = analyze(text, {{"mapping", {{"colour", "who"}}}});
  EXPECT_EQ(unknown_role["error"]["code"], "options.mapping.unknown_role");
}

TEST(AnalysisMapping, HeaderlessFileIsMappedFromValues) {
  const std::string text =
      "00001 19970101  1   11.77\n00002 19970112  1   12.00\n00002 19970112  5   77.00\n"
      "00003 19970102  2   20.76\n00003 19970330  2   20.76\n00004 19970101  2   29.33\n";
  const json report = analyze(text);
  ASSERT_TRUE(report["ok"].get<bool>()) << report.dump();
  EXPECT_EQ(report["dialect"]["header_row"], -1);
  EXPECT_EQ(report["kind"], "transactions");
  EXPECT_EQ(report["mapping"]["customer_id"], "column_1");
  EXPECT_EQ(report["mapping"]["date"], "column_2");
  EXPECT_EQ(report["mapping"]["amount"], "column_4");
  EXPECT_EQ(report["metrics"]["customers"]["value"], 4);
  EXPECT_NEAR(report["metrics"]["revenue"]["value"].get<double>(), 11.77 + 12 + 77 + 20.76 * 2 + 29.33, 1e-9);
}

TEST(AnalysisKind, ChosenFromRolesWithAReason) {
  struct Case {
    const char* text;
    const char* kind;
  };
  const Case cases[] = {
      {"Created at,Solved at,Status\n2024-01-01 10:00,2024-01-02 10:00,solved\n", "tickets"},
      {"date,nps,channel\n2024-01-01,9,web\n2024-01-02,3,app\n", "survey"},
      {"End Date,Phone,Status\n01/02/2014,x,Success\n13/02/2014,y,Abandoned\n", "calls"},
      {"timestamp,calls\n2018-01-01 00:00:00,256\n2018-01-01 01:00:00,180\n", "calls"},
      {"customer_id,order_date,amount\nc1,2024-01-01,10.5\nc2,2024-01-03,3.25\n", "transactions"},
      {"review_id,agent,criterion,score,weight\nr1,Ann,Tone,100,1\nr1,Ann,Accuracy,50,2\n", "qa"},
      {"ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n", "table"},
  };
  for (const Case& c : cases) {
    const json report = analyze(c.text);
    ASSERT_TRUE(report["ok"].get<bool>()) << c.text << report.dump();
    EXPECT_EQ(report["kind"], c.kind) << c.text << " " << report["kind_reason"];
    EXPECT_FALSE(report["kind_reason"].get<std::string>().empty());
  }
  const json forced = analyze("date,nps\n2024-01-01,9\n", {{"kind", "tickets"}});
  EXPECT_EQ(forced["kind"], "tickets");
  EXPECT_EQ(forced["kind_reason"], "set by the kind option");
}
