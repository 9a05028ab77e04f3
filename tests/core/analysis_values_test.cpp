// Cell readers of the analysis hot path: the SWAR ISO fast path agrees with time::parse_timestamp on
// every layout it accepts and leaves the rest to it; numbers, durations, flags; time zones.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/analysis/values.hpp"
#include "core/time/parse.hpp"
#include "core/time/zone.hpp"

using namespace skpi::analysis;

namespace {

std::string two(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

}  // namespace

TEST(AnalysisValues, FastIsoAgreesWithTheGeneralParser) {
  std::mt19937 random(17);
  TimeColumn::DateCache cache;
  TimeColumn::MonthCache months;
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const int year = 1990 + static_cast<int>(random() % 60);
    const int month = static_cast<int>(random() % 14);  // 0 and 13 are invalid
    const int day = static_cast<int>(random() % 33);
    const int hour = static_cast<int>(random() % 26);
    const int minute = static_cast<int>(random() % 62);
    const int second = static_cast<int>(random() % 62);
    std::string text = std::to_string(year) + "-" + two(month) + "-" + two(day);
    switch (random() % 6) {
      case 0: break;
      case 1: text += " " + two(hour) + ":" + two(minute); break;
      case 2: text += "T" + two(hour) + ":" + two(minute) + ":" + two(second); break;
      case 3: text += "T" + two(hour) + ":" + two(minute) + ":" + two(second) + "Z"; break;
      case 4: text += " " + two(hour) + ":" + two(minute) + ":" + two(second); break;
      default: text += "T" + two(hour) + ":" + two(minute) + "Z"; break;
    }
    if (random() % 10 == 0) text[4] = '/';                                                    // another separator
    if (random() % 10 == 0) text[static_cast<std::size_t>(random() % text.size())] = 'x';   // garbage
    std::int64_t seconds = 0;
    bool has_offset = false;
    // Both caches on every second value, the month cache alone on every fourth, none otherwise.
    const bool fast = TimeColumn::fast_iso(text, seconds, has_offset, (i % 2) ? &cache : nullptr, (i % 4 != 0) ? &months : nullptr);
    const skpi::time::Timestamp slow = skpi::time::parse_timestamp(text, skpi::time::DateOrder::day_first);
    if (fast) {
      ++accepted;
      ASSERT_TRUE(slow.ok) << text;
      EXPECT_EQ(seconds, slow.seconds) << text;
      EXPECT_EQ(has_offset, slow.has_offset) << text;
    }
  }
  EXPECT_GT(accepted, 2000);
  std::int64_t seconds = 0;
  bool has_offset = false;
  EXPECT_FALSE(TimeColumn::fast_iso("2024-02-30", seconds, has_offset));
  EXPECT_TRUE(TimeColumn::fast_iso("2024-02-29", seconds, has_offset));
  EXPECT_FALSE(TimeColumn::fast_iso("2023-02-29", seconds, has_offset));
  EXPECT_FALSE(TimeColumn::fast_iso("2024-03-01T24:00:00Z", seconds, has_offset));
  EXPECT_FALSE(TimeColumn::fast_iso("2024-03-01T10:00:00+02:00", seconds, has_offset));  // offsets: general parser
  // A cached month still checks the day against its length.
  TimeColumn::MonthCache february;
  EXPECT_TRUE(TimeColumn::fast_iso("2023-02-01", seconds, has_offset, nullptr, &february));
  EXPECT_FALSE(TimeColumn::fast_iso("2023-02-29", seconds, has_offset, nullptr, &february));
  EXPECT_FALSE(TimeColumn::fast_iso("2023-02-00", seconds, has_offset, nullptr, &february));
  EXPECT_TRUE(TimeColumn::fast_iso("2023-02-28T23:59:59Z", seconds, has_offset, nullptr, &february));
  EXPECT_EQ(seconds, 1677628799);
}

TEST(AnalysisValues, TimeColumnReadsNaiveTimesInTheZone) {
  const skpi::time::Zone* tallinn = skpi::time::find_zone("Europe/Tallinn");
  ASSERT_NE(tallinn, nullptr);
  TimeColumn column(0, skpi::time::detect_format("2024-07-01 12:00:00", skpi::time::DateOrder::day_first),
                    skpi::time::DateOrder::day_first, *tallinn);
  std::int64_t millis = 0;
  ASSERT_EQ(column.read("2024-07-01 12:00:00", millis), Read::ok);
  EXPECT_EQ(millis, (skpi::time::days_from_civil(2024, 7, 1) * 86400 + 9 * 3600) * 1000);  // EEST, +03:00
  ASSERT_EQ(column.read("2024-01-15 12:00:00", millis), Read::ok);
  EXPECT_EQ(millis, (skpi::time::days_from_civil(2024, 1, 15) * 86400 + 10 * 3600) * 1000);  // EET, +02:00
  ASSERT_EQ(column.read("2024-07-01T12:00:00Z", millis), Read::ok);
  EXPECT_EQ(millis, (skpi::time::days_from_civil(2024, 7, 1) * 86400 + 12 * 3600) * 1000);
  ASSERT_EQ(column.read("2024-07-01T12:00:00.250+02:00", millis), Read::ok);
  EXPECT_EQ(millis, (skpi::time::days_from_civil(2024, 7, 1) * 86400 + 10 * 3600) * 1000 + 250);
  EXPECT_EQ(column.read("", millis), Read::missing);
  EXPECT_EQ(column.read("NA", millis), Read::missing);
  EXPECT_EQ(column.read("?", millis), Read::missing);
  EXPECT_EQ(column.read("soon", millis), Read::bad);

  TimeColumn lazy(0, skpi::time::TimestampFormat{}, skpi::time::DateOrder::month_first, skpi::time::utc_zone());
  ASSERT_EQ(lazy.read("03/04/2024 10:00", millis), Read::ok);  // format found on the first value, month first
  EXPECT_EQ(millis, (skpi::time::days_from_civil(2024, 3, 4) * 86400 + 10 * 3600) * 1000);
}

TEST(AnalysisValues, Numbers) {
  double value = 0;
  EXPECT_EQ(read_number("12", '.', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 12);
  EXPECT_EQ(read_number("-3.25", '.', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, -3.25);
  EXPECT_EQ(read_number("12,85", ',', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 12.85);
  EXPECT_EQ(read_number("1.234,50", ',', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 1234.5);
  EXPECT_EQ(read_number("1,234.50", '.', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 1234.5);
  EXPECT_EQ(read_number(" 7 ", '.', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 7);
  EXPECT_EQ(read_number("0.1", '.', value), Read::ok);
  EXPECT_DOUBLE_EQ(value, 0.1);
  EXPECT_EQ(read_number("", '.', value), Read::missing);
  EXPECT_EQ(read_number("NA", '.', value), Read::missing);
  EXPECT_EQ(read_number("n/a", '.', value), Read::missing);
  EXPECT_EQ(read_number("null", '.', value), Read::missing);
  EXPECT_EQ(read_number("-", '.', value), Read::missing);
  EXPECT_EQ(read_number("abc", '.', value), Read::bad);
  EXPECT_EQ(read_number("1.2.3", '.', value), Read::bad);
}

TEST(AnalysisValues, DurationsAndFlags) {
  double seconds = 0;
  EXPECT_EQ(read_duration("90", '.', 60, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 5400);
  EXPECT_EQ(read_duration("1.5", '.', 3600, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 5400);
  EXPECT_EQ(read_duration("1,5", ',', 3600, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 5400);
  EXPECT_EQ(read_duration("1:30", '.', 60, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 5400);
  EXPECT_EQ(read_duration("01:02:03", '.', 1, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 3723);
  EXPECT_EQ(read_duration("1.02:00:00", '.', 1, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, 93600);
  EXPECT_EQ(read_duration("-5", '.', 60, seconds), Read::ok);
  EXPECT_DOUBLE_EQ(seconds, -300);
  EXPECT_EQ(read_duration("", '.', 60, seconds), Read::missing);
  EXPECT_EQ(read_duration("N/A", '.', 60, seconds), Read::missing);
  EXPECT_EQ(read_duration("1:2:3:4", '.', 1, seconds), Read::bad);
  EXPECT_EQ(read_duration("later", '.', 1, seconds), Read::bad);

  bool flag = false;
  EXPECT_EQ(read_flag("TRUE", flag), Read::ok);
  EXPECT_TRUE(flag);
  EXPECT_EQ(read_flag("no", flag), Read::ok);
  EXPECT_FALSE(flag);
  EXPECT_EQ(read_flag("Within SLA", flag), Read::ok);
  EXPECT_TRUE(flag);
  EXPECT_EQ(read_flag("SLA Violated", flag), Read::ok);
  EXPECT_FALSE(flag);
  EXPECT_EQ(read_flag("", flag), Read::missing);
  EXPECT_EQ(read_flag("maybe", flag), Read::bad);
}

TEST(AnalysisValues, IssuesCountSkipsAndCellsSeparately) {
  Issues issues;
  issues.skip(Reason::row_ragged, 3);
  issues.cell(Reason::value_bad_timestamp, 4, 1);
  for (int i = 0; i < 20; ++i) issues.cell(Reason::value_bad_number, 10 + i, 2);
  EXPECT_EQ(issues.skipped_rows(), 1u);
  EXPECT_EQ(issues.skipped(Reason::row_ragged), 1u);
  EXPECT_EQ(issues.cells(Reason::value_bad_number), 20u);
  ASSERT_EQ(issues.examples().size(), Issues::max_examples);
  EXPECT_EQ(issues.examples()[1].row, 4u);
  EXPECT_EQ(issues.examples()[1].column, 1);
  EXPECT_STREQ(reason_code(Reason::duration_negative), "duration.negative");
}
