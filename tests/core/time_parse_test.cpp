// Timestamp parsing: every supported form (table-driven), the fixed-layout fast path agreeing
// with the general parser, day/month order inference and numeric column classification.
// Expected seconds were computed with Python's calendar.timegm / datetime, not with this code.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/time/civil.hpp"
#include "core/time/parse.hpp"

namespace skpi::time {
namespace {

struct ParseCase {
  const char* text;
  DateOrder order;
  std::int64_t seconds;
  int millis;
  bool has_offset;
  bool has_time;
  TimestampKind kind;
};

constexpr DateOrder dmy = DateOrder::day_first;
constexpr DateOrder mdy = DateOrder::month_first;
constexpr std::int64_t march_1_0915 = 1709284500;  // 2024-03-01T09:15:00Z
constexpr std::int64_t march_1 = 1709251200;       // 2024-03-01T00:00:00Z

const ParseCase parse_cases[] = {
    // ISO 8601 with offset or Z, T or space, fractional seconds
    {"2024-03-01T09:15:00Z", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00z", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01 09:15:00Z", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T11:15:00+02:00", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T11:15:00+0200", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T11:15:00+02", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T04:15:00-05:00", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T14:45:00+05:30", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00.123Z", dmy, march_1_0915, 123, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00.1Z", dmy, march_1_0915, 100, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00.123456789Z", dmy, march_1_0915, 123, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00,5Z", dmy, march_1_0915, 500, true, true, TimestampKind::year_first},
    {"2024-03-01T09:15:00.250+00:00", dmy, march_1_0915, 250, true, true, TimestampKind::year_first},
    {"2024-03-01 09:15:00 +00:00", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01 09:15:00 UTC", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    // Google Forms / JavaScript: the offset after the zone's name, one-digit hours allowed there
    {"2024/03/01 11:15:00 AM GMT+2", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024/03/01 2:45:00 PM GMT+05:30", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"2024-03-01 04:15:00 UTC-5", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"20240301T091500Z", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    {"20240301T111500+0200", dmy, march_1_0915, 0, true, true, TimestampKind::year_first},
    // naive YYYY-MM-DD HH:MM[:SS], YYYY/MM/DD
    {"2024-03-01 09:15:00", dmy, march_1_0915, 0, false, true, TimestampKind::year_first},
    {"2024-03-01 09:15", dmy, march_1_0915, 0, false, true, TimestampKind::year_first},
    {"2024-03-01T09:15", dmy, march_1_0915, 0, false, true, TimestampKind::year_first},
    {"2024-03-01", dmy, march_1, 0, false, false, TimestampKind::year_first},
    {"2024/03/01 09:15:00", mdy, march_1_0915, 0, false, true, TimestampKind::year_first},
    {"2024/3/1", dmy, march_1, 0, false, false, TimestampKind::year_first},
    {"2024.03.01", dmy, march_1, 0, false, false, TimestampKind::year_first},
    {"1999-12-31 23:59:59", dmy, 946684799, 0, false, true, TimestampKind::year_first},
    {"1969-07-20 20:17:40", dmy, -14182940, 0, false, true, TimestampKind::year_first},
    {"2024-03-01 24:00:00", dmy, 1709337600, 0, false, true, TimestampKind::year_first},
    // dd/mm/yyyy, mm/dd/yyyy, dd.mm.yyyy, dd-mm-yyyy (ServiceNow), with time and AM/PM
    {"01/03/2024", dmy, march_1, 0, false, false, TimestampKind::day_first},
    {"03/01/2024", mdy, march_1, 0, false, false, TimestampKind::month_first},
    {"1/3/2024", dmy, march_1, 0, false, false, TimestampKind::day_first},
    {"3/1/2024 9:15", mdy, march_1_0915, 0, false, true, TimestampKind::month_first},
    {"3/1/2024 9:15 AM", mdy, march_1_0915, 0, false, true, TimestampKind::month_first},
    {"3/1/2024 9:15:00 PM", mdy, 1709327700, 0, false, true, TimestampKind::month_first},
    {"3/1/2024 12:05 AM", mdy, 1709251500, 0, false, true, TimestampKind::month_first},
    {"3/1/2024 12:05 pm", mdy, 1709294700, 0, false, true, TimestampKind::month_first},
    {"03/01/2024 09:15PM", mdy, 1709327700, 0, false, true, TimestampKind::month_first},
    {"01.03.2024", dmy, march_1, 0, false, false, TimestampKind::day_first},
    {"01.03.2024 09:15", dmy, march_1_0915, 0, false, true, TimestampKind::day_first},
    {"1.3.2024 09:15:00", dmy, march_1_0915, 0, false, true, TimestampKind::day_first},
    {"01-03-2024 09:15", dmy, march_1_0915, 0, false, true, TimestampKind::day_first},
    {"29-02-2016 01:16", dmy, 1456708560, 0, false, true, TimestampKind::day_first},
    {"22/01/2014", dmy, 1390348800, 0, false, false, TimestampKind::day_first},
    {"01/03/2024T09:15:00Z", dmy, march_1_0915, 0, true, true, TimestampKind::day_first},
    // two-digit years: 00..68 -> 20xx, 69..99 -> 19xx
    {"01/03/24", dmy, march_1, 0, false, false, TimestampKind::day_first},
    {"04.05.68", dmy, 3103315200, 0, false, false, TimestampKind::day_first},
    {"04.05.69", dmy, -20908800, 0, false, false, TimestampKind::day_first},
    // surrounding blanks are ignored
    {"  2024-03-01 09:15  ", dmy, march_1_0915, 0, false, true, TimestampKind::year_first},
    // numbers: YYYYMMDD, Unix seconds and milliseconds, Excel serial
    {"20240301", dmy, march_1, 0, false, false, TimestampKind::compact_ymd},
    {"19970101", dmy, 852076800, 0, false, false, TimestampKind::compact_ymd},
    {"1709284500", dmy, march_1_0915, 0, true, true, TimestampKind::unix_seconds},
    {"1709284500.75", dmy, march_1_0915, 750, true, true, TimestampKind::unix_seconds},
    {"1709284500123", dmy, march_1_0915, 123, true, true, TimestampKind::unix_millis},
    {"45352", dmy, march_1, 0, false, false, TimestampKind::excel_serial},
    {"45352.385416666664", dmy, march_1_0915, 0, false, true, TimestampKind::excel_serial},
    {"45352.5", dmy, march_1 + 43200, 0, false, true, TimestampKind::excel_serial},
};

TEST(TimeParse, EveryFormatGeneralParser) {
  for (const ParseCase& c : parse_cases) {
    SCOPED_TRACE(c.text);
    const Timestamp t = parse_timestamp(c.text, c.order);
    ASSERT_TRUE(t.ok);
    EXPECT_EQ(t.seconds, c.seconds);
    EXPECT_EQ(t.millis, c.millis);
    EXPECT_EQ(t.has_offset, c.has_offset);
    EXPECT_EQ(t.has_time, c.has_time);
  }
}

TEST(TimeParse, DetectedFormatKindAndFixedLayoutAgree) {
  for (const ParseCase& c : parse_cases) {
    SCOPED_TRACE(c.text);
    const TimestampFormat format = detect_format(c.text, c.order);
    EXPECT_EQ(format.kind, c.kind);
    const Timestamp t = parse_with(format, c.text);
    ASSERT_TRUE(t.ok);
    EXPECT_EQ(t.seconds, c.seconds);
    EXPECT_EQ(t.millis, c.millis);
    EXPECT_EQ(t.has_offset, c.has_offset);
    EXPECT_EQ(t.has_time, c.has_time);
  }
}

TEST(TimeParse, FixedLayoutReadsOtherValuesOfTheColumn) {
  const TimestampFormat format = detect_format("29-02-2016 01:16", DateOrder::day_first);
  ASSERT_EQ(format.kind, TimestampKind::day_first);
  EXPECT_EQ(format.length, 16);
  EXPECT_EQ(parse_with(format, "05-03-2016 12:00").seconds, 1457179200);  // 2016-03-05T12:00Z
  // a different shape in the same column goes through the general parser with the column's order
  EXPECT_EQ(parse_with(format, "5-3-2016 12:00").seconds, 1457179200);
  EXPECT_EQ(parse_with(format, "2016-03-05T12:00:00Z").seconds, 1457179200);
  // same shape but impossible values are still rejected
  EXPECT_FALSE(parse_with(format, "31-02-2016 01:16").ok);
  EXPECT_FALSE(parse_with(format, "29-02-2015 01:16").ok);
  EXPECT_FALSE(parse_with(format, "29-02-2016 25:16").ok);
  EXPECT_FALSE(parse_with(format, "29-02-2016 01:60").ok);
  EXPECT_FALSE(parse_with(format, "29/02/2016x01:16").ok);
  EXPECT_FALSE(parse_with(format, "?").ok);
  EXPECT_FALSE(parse_with(format, "").ok);

  const TimestampFormat meridiem = detect_format("3/1/2024 9:15 AM", DateOrder::month_first);
  EXPECT_EQ(parse_with(meridiem, "3/1/2024 9:15 PM").seconds, 1709327700);
  EXPECT_EQ(parse_with(meridiem, "3/1/2024 9:15 pm").seconds, 1709327700);
  EXPECT_FALSE(parse_with(meridiem, "3/1/2024 9:15 XM").ok);

  const TimestampFormat offset = detect_format("2024-03-01T11:15:00+02:00", DateOrder::day_first);
  EXPECT_EQ(parse_with(offset, "2024-03-01T06:15:00-03:00").seconds, march_1_0915);
  EXPECT_EQ(parse_with(offset, "2024-03-01T09:15:00Z").seconds, march_1_0915);
  EXPECT_FALSE(parse_with(offset, "2024-03-01T11:15:00+24:00").ok);

  const TimestampFormat named = detect_format("2024/03/01 11:15:00 AM GMT+2", DateOrder::day_first);
  EXPECT_EQ(parse_with(named, "2024/03/01 10:15:00 AM GMT+1").seconds, march_1_0915);
  EXPECT_EQ(parse_with(named, "2024/03/01 4:15:00 AM GMT-5").seconds, march_1_0915);
  EXPECT_EQ(parse_with(named, "2024/03/01 2:45:00 PM GMT+05:30").seconds, march_1_0915);
  EXPECT_FALSE(parse_with(named, "2024/03/01 11:15:00 AM GMT+24").ok);
  EXPECT_FALSE(parse_timestamp("2024-03-01 11:15:00 +2", DateOrder::day_first).ok);  // a bare sign needs two digits
}

TEST(TimeParse, ColumnFormatPicksTheCommonestLayout) {
  const std::vector<std::string_view> servicenow = {"?", "5-3-2016 12:00", "29-02-2016 01:16", "01-03-2016 10:00",
                                                    "", "02-03-2016 11:00"};
  const TimestampFormat format = detect_column_format(servicenow, DateOrder::day_first);
  EXPECT_EQ(format.kind, TimestampKind::day_first);
  EXPECT_EQ(format.length, 16);
  EXPECT_EQ(parse_with(format, "5-3-2016 12:00").seconds, 1457179200);

  const std::vector<std::string_view> unix_column = {"1709284500", "", "1709370900"};
  EXPECT_EQ(detect_column_format(unix_column, DateOrder::day_first).kind, TimestampKind::unix_seconds);

  const std::vector<std::string_view> short_dates = {"1/3/24", "2/3/24"};  // shorter than a layout word
  const TimestampFormat short_format = detect_column_format(short_dates, DateOrder::month_first);
  EXPECT_EQ(short_format.kind, TimestampKind::month_first);
  EXPECT_EQ(short_format.length, 0);
  EXPECT_EQ(parse_with(short_format, "1/3/24").seconds, 1704240000);  // 2024-01-03

  const std::vector<std::string_view> nothing = {"", "n/a", "?"};
  EXPECT_EQ(detect_column_format(nothing, DateOrder::day_first).kind, TimestampKind::invalid);
}

TEST(TimeParse, RejectsMalformedValues) {
  const char* bad[] = {"",
                       "   ",
                       "?",
                       "NA",
                       "2024-13-01",
                       "2024-02-30",
                       "2024-03-01T",
                       "2024-03-01 9",
                       "2024-03-01 09:1",
                       "2024-03-01 09:15:0",
                       "2024-03-01 09:15:00+2",
                       "2024-03-01 09:15:00 XYZ",
                       "2024-03-01x",
                       "2024-03-01 13:00 PM",
                       "2024-03-01 00:30 AM",
                       "32/01/2024",
                       "01/13/2024",
                       "1/1/202",
                       "1/1/20245",
                       "2024-03-01 24:00:01",
                       "abc",
                       "-1709284500",
                       "12345",
                       "1e9",
                       "2024-3",
                       "2024-03/01",
                       "1.2.3.4"};
  for (const char* text : bad) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_timestamp(text, DateOrder::day_first).ok);
  }
}

TEST(TimeParse, OrderContradictedByValueIsRejected) {
  EXPECT_FALSE(parse_timestamp("22/01/2014", DateOrder::month_first).ok);
  EXPECT_FALSE(parse_timestamp("01/22/2014", DateOrder::day_first).ok);
  EXPECT_TRUE(parse_timestamp("01/22/2014", DateOrder::month_first).ok);
}

TEST(TimeParse, NumericKindsRejectOutOfRangeWhenColumnIsKnown) {
  const TimestampFormat seconds = format_of_kind(TimestampKind::unix_seconds);
  EXPECT_EQ(parse_with(seconds, "1709284500").seconds, march_1_0915);
  EXPECT_FALSE(parse_with(seconds, "0").ok);  // a placeholder, not 1970
  EXPECT_FALSE(parse_with(seconds, "1709284500123").ok);
  EXPECT_FALSE(parse_with(seconds, "2024-03-01").ok);
  const TimestampFormat excel = format_of_kind(TimestampKind::excel_serial);
  EXPECT_EQ(parse_with(excel, "45352.25").seconds, march_1 + 6 * 3600);
  EXPECT_FALSE(parse_with(excel, "123").ok);
  const TimestampFormat compact = format_of_kind(TimestampKind::compact_ymd);
  EXPECT_EQ(parse_with(compact, "19970101").seconds, 852076800);
  EXPECT_FALSE(parse_with(compact, "19971301").ok);
  // An Excel fraction a hair below midnight rounds up into the next day, not to 24:00 of this one.
  EXPECT_EQ(parse_with(excel, "45352.9999999999").seconds, march_1 + 86400);
}

// ------------------------------------------------------------------ day/month order

TEST(TimeDateOrder, DayGreaterThanTwelveDecides) {
  DateOrderDetector detector;
  for (const char* v : {"01/01/2014", "02/01/2014", "22/01/2014", "31/01/2014"}) detector.observe(v);
  EXPECT_TRUE(detector.decided());
  EXPECT_FALSE(detector.ambiguous());
  EXPECT_FALSE(detector.conflicting());
  EXPECT_EQ(detector.order(DateOrder::month_first), DateOrder::day_first);
  EXPECT_EQ(detector.day_first_evidence(), 2u);
  EXPECT_EQ(detector.ambiguous_values(), 2u);
  EXPECT_EQ(detector.deciding_value(), "22/01/2014");
}

TEST(TimeDateOrder, MonthFirstWithTimesAndMeridiem) {
  DateOrderDetector detector;
  for (const char* v : {"3/1/2024 9:15 AM", "3/14/2024 10:00 PM", "12/31/2023 11:59 PM"}) detector.observe(v);
  EXPECT_TRUE(detector.decided());
  EXPECT_EQ(detector.order(DateOrder::day_first), DateOrder::month_first);
  EXPECT_EQ(detector.deciding_value(), "3/14/2024 10:00 PM");
}

TEST(TimeDateOrder, AmbiguousUsesFallbackAndSaysSo) {
  DateOrderDetector detector;
  for (const char* v : {"01.02.2024", "03.04.2024", "12.11.2024"}) detector.observe(v);
  EXPECT_FALSE(detector.decided());
  EXPECT_TRUE(detector.ambiguous());
  EXPECT_EQ(detector.order(DateOrder::day_first), DateOrder::day_first);
  EXPECT_EQ(detector.order(DateOrder::month_first), DateOrder::month_first);
  EXPECT_EQ(detector.order(default_date_order("en-US")), DateOrder::month_first);
  EXPECT_EQ(detector.order(default_date_order("et-EE")), DateOrder::day_first);
  EXPECT_TRUE(detector.deciding_value().empty());
}

TEST(TimeDateOrder, YearFirstAndOtherValuesAreNotEvidence) {
  DateOrderDetector detector;
  for (const char* v : {"2024-03-13", "2024/12/01 10:00", "20240301", "1709284500", "", "?", "hello"}) {
    detector.observe(v);
  }
  EXPECT_FALSE(detector.decided());
  EXPECT_FALSE(detector.ambiguous());
  EXPECT_EQ(detector.year_last_values(), 0u);
}

TEST(TimeDateOrder, ConflictingEvidenceMajorityWins) {
  DateOrderDetector detector;
  for (const char* v : {"13/01/2024", "14/01/2024", "01/15/2024", "32/01/2024"}) detector.observe(v);
  EXPECT_TRUE(detector.conflicting());
  EXPECT_EQ(detector.order(), DateOrder::day_first);
  EXPECT_EQ(detector.year_last_values(), 4u);
}

TEST(TimeDateOrder, LocaleDefaults) {
  EXPECT_EQ(default_date_order("en-US"), DateOrder::month_first);
  EXPECT_EQ(default_date_order("en_US.UTF-8"), DateOrder::month_first);
  EXPECT_EQ(default_date_order("es-US"), DateOrder::month_first);
  EXPECT_EQ(default_date_order("en-Latn-US"), DateOrder::month_first);
  EXPECT_EQ(default_date_order("fil-PH"), DateOrder::month_first);
  EXPECT_EQ(default_date_order("en-GB"), DateOrder::day_first);
  EXPECT_EQ(default_date_order("fr"), DateOrder::day_first);
  EXPECT_EQ(default_date_order("de_DE@euro"), DateOrder::day_first);
  EXPECT_EQ(default_date_order(""), DateOrder::day_first);
}

// ------------------------------------------------------------------ numeric columns

NumericTimestampClass classify(std::vector<std::string_view> values) { return classify_numeric_timestamp(values); }

TEST(TimeNumericClassify, PicksTheKindEveryValueFits) {
  EXPECT_EQ(classify({"19970101", "19970112", "19980630"}).kind, TimestampKind::compact_ymd);
  EXPECT_EQ(classify({"1709284500", "1709370900", "1609459200.5"}).kind, TimestampKind::unix_seconds);
  EXPECT_EQ(classify({"1709284500123", "1709370900000"}).kind, TimestampKind::unix_millis);
  EXPECT_EQ(classify({"45352.385416666664", "45353", "44000.5"}).kind, TimestampKind::excel_serial);
  // 8 digits that are not all dates: Unix seconds below 1e8 are not plausible either
  EXPECT_EQ(classify({"19970101", "19971301"}).kind, TimestampKind::invalid);
  // 10-digit values that happen to include a YYYYMMDD-looking number stay Unix seconds
  EXPECT_EQ(classify({"1709284500", "2024030100"}).kind, TimestampKind::unix_seconds);
}

TEST(TimeNumericClassify, RefusesMixedOrTextColumns) {
  const NumericTimestampClass mixed = classify({"45352", "1709284500"});
  EXPECT_EQ(mixed.kind, TimestampKind::invalid);
  EXPECT_EQ(mixed.numeric_values, 2u);
  const NumericTimestampClass text = classify({"45352", "2024-03-01"});
  EXPECT_EQ(text.kind, TimestampKind::invalid);
  EXPECT_EQ(text.other_values, 1u);
  EXPECT_EQ(classify({"", " "}).kind, TimestampKind::invalid);
  EXPECT_EQ(classify({"12", "7", "3.5"}).kind, TimestampKind::invalid);
}

TEST(TimeNumericClassify, ToleratesAStrayPlaceholder) {
  std::vector<std::string> values(99, "1709284500");
  values.push_back("0");
  std::vector<std::string_view> views(values.begin(), values.end());
  const NumericTimestampClass result = classify_numeric_timestamp(views);
  EXPECT_EQ(result.kind, TimestampKind::unix_seconds);
  EXPECT_EQ(result.matching_values, 99u);
  EXPECT_EQ(result.numeric_values, 100u);
}

// ------------------------------------------------------------------ real files

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> csv_column(const std::string& text, std::size_t column) {
  // The real files used here have no quoted commas in the leading columns.
  std::vector<std::string> values;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < column && start != std::string::npos; ++i) {
      start = line.find(',', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) continue;
    const std::size_t end = line.find(',', start);
    values.push_back(line.substr(start, end == std::string::npos ? std::string::npos : end - start));
  }
  return values;
}

TEST(TimeRealData, ServiceNowDatesAreDayFirst) {
  const std::string text = read_file(
      SKPI_SOURCE_DIR "/../shared/realdata/chinthan11shah__Incident-Management-System__incident_event_log.csv");
  if (text.empty()) GTEST_SKIP() << "real data not present";
  const std::vector<std::string> opened = csv_column(text, 9);  // opened_at
  ASSERT_GT(opened.size(), 5000u);
  DateOrderDetector detector;
  for (const std::string& v : opened) detector.observe(v);
  EXPECT_TRUE(detector.decided());
  EXPECT_FALSE(detector.conflicting());
  EXPECT_EQ(detector.order(DateOrder::month_first), DateOrder::day_first);
  const TimestampFormat format = detect_format(opened.front(), detector.order());
  EXPECT_EQ(format.kind, TimestampKind::day_first);
  std::size_t ok = 0;
  for (const std::string& v : opened) ok += parse_with(format, v).ok ? 1 : 0;
  EXPECT_EQ(ok, opened.size());
  const std::vector<std::string> resolved = csv_column(text, 34);  // resolved_at, '?' when missing
  std::size_t missing = 0;
  std::size_t parsed = 0;
  for (const std::string& v : resolved) {
    if (v == "?") {
      ++missing;
    } else {
      parsed += parse_with(format, v).ok ? 1 : 0;
    }
  }
  EXPECT_GT(missing, 0u);
  EXPECT_EQ(parsed + missing, resolved.size());
}

TEST(TimeRealData, PbxEndDateIsDayFirst) {
  const std::string text =
      read_file(SKPI_SOURCE_DIR "/../shared/realdata/elokudzo__elastix-call-center-report__call_center.csv");
  if (text.empty()) GTEST_SKIP() << "real data not present";
  DateOrderDetector detector;
  const std::vector<std::string> dates = csv_column(text, 0);
  for (const std::string& v : dates) detector.observe(v);
  EXPECT_EQ(detector.order(DateOrder::month_first), DateOrder::day_first);
  for (const std::string& v : dates) {
    const Timestamp t = parse_timestamp(v, detector.order());
    ASSERT_TRUE(t.ok) << v;
    EXPECT_EQ(civil_from_seconds(t.seconds).year, 2014);
    EXPECT_EQ(civil_from_seconds(t.seconds).month, 1);
  }
}

TEST(TimeRealData, CdnowDatesAreCompactYmd) {
  const std::string text =
      read_file(SKPI_SOURCE_DIR "/../shared/realdata/CamDavidsonPilon__lifetimes__CDNOW_master.txt");
  if (text.empty()) GTEST_SKIP() << "real data not present";
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // header
  std::vector<std::string> dates;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string customer;
    std::string date;
    fields >> customer >> date;
    dates.push_back(date);
  }
  ASSERT_GT(dates.size(), 60000u);
  std::vector<std::string_view> sample(dates.begin(), dates.begin() + 1000);
  const NumericTimestampClass numeric = classify_numeric_timestamp(sample);
  ASSERT_EQ(numeric.kind, TimestampKind::compact_ymd);
  const TimestampFormat format = format_of_kind(numeric.kind);
  for (const std::string& v : dates) {
    const Timestamp t = parse_with(format, v);
    ASSERT_TRUE(t.ok) << v;
    const int year = civil_from_seconds(t.seconds).year;
    EXPECT_TRUE(year == 1997 || year == 1998) << v;
  }
}

TEST(TimeRealData, HourlyArrivalsAreIso) {
  const std::string text = read_file(SKPI_SOURCE_DIR "/../shared/realdata/AndriiLatysh__ml_4__call_center.csv");
  if (text.empty()) GTEST_SKIP() << "real data not present";
  const std::vector<std::string> stamps = csv_column(text, 0);
  ASSERT_EQ(stamps.size(), 336u);
  const TimestampFormat format = detect_format(stamps.front(), DateOrder::day_first);
  EXPECT_EQ(format.kind, TimestampKind::year_first);
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < stamps.size(); ++i) {
    const Timestamp t = parse_with(format, stamps[i]);
    ASSERT_TRUE(t.ok) << stamps[i];
    if (i > 0) EXPECT_EQ(t.seconds - previous, 3600) << stamps[i];
    previous = t.seconds;
  }
}

}  // namespace
}  // namespace skpi::time
