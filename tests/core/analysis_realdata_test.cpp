// The analysis session on the real third-party files of ../shared/realdata, read in place. Expected
// figures were computed independently with plain Python (csv module, no shared code): the script is
// in docs/analysis.md ("How the expected figures were obtained"). Each test skips when its file is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"

using nlohmann::json;

namespace {

const std::string realdata = SKPI_SOURCE_DIR "/../shared/realdata/";

bool read_file(const std::string& name, std::string& bytes) {
  std::ifstream in(realdata + name, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  bytes = buffer.str();
  return true;
}

json analyze_file(const std::string& bytes, std::size_t chunk = 1 << 16) {
  skpi::analysis::Session session(json::object());
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk)
    session.feed(reinterpret_cast<const std::uint8_t*>(bytes.data() + offset), std::min(chunk, bytes.size() - offset));
  return session.finish();
}

#define LOAD_OR_SKIP(name, bytes)                                                      \
  std::string bytes;                                                                  \
  if (!read_file(name, bytes)) GTEST_SKIP() << "realdata file absent: " << realdata << name

}  // namespace

TEST(AnalysisRealdata, NpsSurveyOneToTenWithNaAndLatin1) {
  LOAD_OR_SKIP("BenaventC__NPSgame__nps.csv", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "survey");
  EXPECT_EQ(r["dialect"]["encoding"], "windows-1252");
  EXPECT_EQ(r["rows"]["read"], 13954);
  EXPECT_EQ(r["rows"]["reasons"]["survey.no_score"], 10);  // both scores NA
  const json nps = r["metrics"]["nps"];
  EXPECT_EQ(nps["n"], 13612);
  EXPECT_EQ(nps["promoters"], 8465);
  EXPECT_EQ(nps["passives"], 3953);
  EXPECT_EQ(nps["detractors"], 1194);
  EXPECT_EQ(nps["scale"], "1-10");
  EXPECT_NEAR(nps["value"].get<double>(), 53.41610343814281, 1e-9);
  const json csat = r["metrics"]["csat"];
  EXPECT_EQ(csat["n"], 13893);
  EXPECT_NEAR(csat["value"].get<double>(), 52.5660404520262, 1e-9);
  EXPECT_NEAR(csat["mean"].get<double>(), 8.34938458216368, 1e-9);
}

TEST(AnalysisRealdata, ServiceNowEventLogLastRowWins) {
  LOAD_OR_SKIP("chinthan11shah__Incident-Management-System__incident_event_log.csv", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "tickets");
  EXPECT_EQ(r["rows"]["read"], 5998);
  EXPECT_EQ(r["rows"]["records"], 890);
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  const json m = r["metrics"];
  EXPECT_EQ(m["tickets"]["value"], 890);
  EXPECT_EQ(m["resolution_rate"]["resolved"], 890);
  EXPECT_EQ(m["resolution"]["n"], 861);
  EXPECT_NEAR(m["resolution"]["mean"].get<double>(), 1137120.3484320557, 1e-6);
  EXPECT_DOUBLE_EQ(m["resolution"]["median"].get<double>(), 196080);
  EXPECT_DOUBLE_EQ(m["resolution"]["p90"].get<double>(), 2743380);
  EXPECT_EQ(m["reopen_rate"]["count"], 10);
  EXPECT_EQ(m["reopen_rate"]["n"], 890);
  EXPECT_EQ(m["sla"]["made_sla"]["count"], 495);
  EXPECT_EQ(m["fcr"]["definition"], "one_agent");
  EXPECT_EQ(m["fcr"]["count"], 497);
  EXPECT_EQ(m["volume"]["by_month"][0]["month"], "2016-02");
  EXPECT_EQ(m["volume"]["by_month"][0]["count"], 207);
  EXPECT_EQ(m["volume"]["by_month"][1]["count"], 683);
  EXPECT_EQ(m["volume"]["by_category"][0]["category"], "Category 45");
  EXPECT_EQ(m["volume"]["by_category"][0]["count"], 204);
  EXPECT_EQ(m["volume"]["by_channel"][0]["channel"], "Phone");
  EXPECT_EQ(m["volume"]["by_channel"][0]["count"], 890);
}

TEST(AnalysisRealdata, PbxCallLogDayFirst) {
  LOAD_OR_SKIP("elokudzo__elastix-call-center-report__call_center.csv", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  EXPECT_EQ(r["dialect"]["date_order"], "dmy");
  const json m = r["metrics"];
  EXPECT_DOUBLE_EQ(m["offered"]["value"].get<double>(), 349);
  EXPECT_DOUBLE_EQ(m["answered"]["value"].get<double>(), 301);
  EXPECT_DOUBLE_EQ(m["abandoned"]["value"].get<double>(), 48);
  EXPECT_NEAR(m["abandon_rate"]["value"].get<double>(), 13.753581661891117, 1e-9);
  EXPECT_EQ(m["arrivals"]["interval_minutes"], 1440);
  EXPECT_EQ(m["arrivals"]["peak"]["start"], "2014-01-28");
  EXPECT_DOUBLE_EQ(m["arrivals"]["peak"]["calls"].get<double>(), 40);
  EXPECT_EQ(m["volume"]["by_day"].front()["date"], "2014-01-01");
  EXPECT_EQ(m["volume"]["by_day"].back()["date"], "2014-01-31");
}

TEST(AnalysisRealdata, HourlyArrivals) {
  LOAD_OR_SKIP("AndriiLatysh__ml_4__call_center.csv", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "calls");
  const json arrivals = r["metrics"]["arrivals"];
  EXPECT_EQ(arrivals["interval_minutes"], 60);
  EXPECT_EQ(arrivals["intervals"], 336);
  EXPECT_DOUBLE_EQ(arrivals["total"].get<double>(), 90061);
  EXPECT_NEAR(arrivals["mean_per_interval"].get<double>(), 268.0386904761905, 1e-9);
  EXPECT_EQ(arrivals["peak"]["start"], "2018-01-01T18:00");
  EXPECT_DOUBLE_EQ(arrivals["peak"]["calls"].get<double>(), 1601);
  EXPECT_NEAR(arrivals["by_time_of_day"][18]["mean"].get<double>(), 566.7142857142857, 1e-9);
  EXPECT_DOUBLE_EQ(r["metrics"]["volume"]["by_day"][0]["count"].get<double>(), 9284);
}

TEST(AnalysisRealdata, CdnowTransactionsWhitespaceYyyymmdd) {
  LOAD_OR_SKIP("CamDavidsonPilon__lifetimes__CDNOW_master.txt", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "transactions");
  EXPECT_TRUE(r["dialect"]["whitespace_delimited"].get<bool>());
  const json m = r["metrics"];
  EXPECT_EQ(m["transactions"]["value"], 69659);
  EXPECT_EQ(m["customers"]["value"], 23570);
  EXPECT_NEAR(m["revenue"]["value"].get<double>(), 2500315.63, 1e-4);
  EXPECT_NEAR(m["clv"]["revenue_per_customer"].get<double>(), 106.0804255409593, 1e-9);
  EXPECT_NEAR(m["repeat_customers"]["value"].get<double>(), 49.478150190920665, 1e-9);
  EXPECT_DOUBLE_EQ(m["quantity"]["value"].get<double>(), 167881);
  EXPECT_DOUBLE_EQ(m["order_value"]["median"].get<double>(), 25.98);
  EXPECT_NEAR(m["retention"]["value"].get<double>(), 23.85981846193826, 1e-9);
  EXPECT_EQ(m["retention"]["n"], 53873);
  EXPECT_EQ(m["retention"]["series"].size(), 18u);
  EXPECT_EQ(m["retention"]["series"][0]["active"], 7846);
}

TEST(AnalysisRealdata, CdnowCustomerSummaryIsReadAsNumbers) {
  LOAD_OR_SKIP("CamDavidsonPilon__lifetimes__cdnow_customers_summary_with_transactions.csv", bytes);
  const json r = analyze_file(bytes);
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump(2);
  EXPECT_EQ(r["kind"], "table");
  const json columns = r["metrics"]["columns"];
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[1]["name"], "x");
  EXPECT_EQ(columns[1]["n"], 2357);
  EXPECT_NEAR(columns[1]["mean"].get<double>(), 1.0424268137462878, 1e-12);
  EXPECT_DOUBLE_EQ(columns[1]["p90"].get<double>(), 3);
  EXPECT_NEAR(columns[3]["median"].get<double>(), 32.71, 1e-12);
  EXPECT_NEAR(columns[4]["sum"].get<double>(), 33184.31, 1e-6);
  EXPECT_NEAR(columns[4]["p90"].get<double>(), 41.798, 1e-9);
}

TEST(AnalysisRealdata, EveryFileGivesTheSameReportInSmallChunks) {
  for (const char* name : {"elokudzo__elastix-call-center-report__call_center.csv", "AndriiLatysh__ml_4__call_center.csv",
                           "chinthan11shah__Incident-Management-System__incident_event_log.csv"}) {
    std::string bytes;
    if (!read_file(name, bytes)) GTEST_SKIP() << "realdata file absent: " << name;
    EXPECT_EQ(analyze_file(bytes, 7), analyze_file(bytes, 1 << 20)) << name;
  }
}
