// Business hours: open time between instants with two intervals per day, weekends, holidays,
// DST changes inside and outside open hours, midnight-spanning durations, and validation.
// Expected values come from an independent brute-force count in Python 3.11 (zoneinfo): step
// through the UTC range minute by minute and count minutes whose local time is open.
#include <gtest/gtest.h>

#include <string>

#include "core/time/business_hours.hpp"

namespace skpi::time {
namespace {

BusinessHours office_hours(const char* zone_name, std::vector<CivilDate> holidays = {}) {
  // Mon-Fri 09:00-12:00 and 13:00-17:00
  BusinessHours hours;
  for (int day = 0; day < 5; ++day) {
    hours.intervals.push_back({day, 9 * 60, 12 * 60});
    hours.intervals.push_back({day, 13 * 60, 17 * 60});
  }
  hours.holidays = std::move(holidays);
  hours.zone = find_zone(zone_name);
  return hours;
}

BusinessHours around_the_clock(const char* zone_name, std::vector<CivilDate> holidays = {}) {
  BusinessHours hours;
  for (int day = 0; day < 7; ++day) hours.intervals.push_back({day, 0, 1440});
  hours.holidays = std::move(holidays);
  hours.zone = find_zone(zone_name);
  return hours;
}

struct Case {
  const char* name;
  BusinessHours hours;
  std::int64_t start;
  std::int64_t end;
  double expected;
};

TEST(TimeBusinessHours, MatchesBruteForceCounts) {
  const Case cases[] = {
      // Fri 2024-03-29 16:00 -> Tue 04-02 10:30 Tallinn, the DST change falls on the Sunday
      {"two_intervals_weekend_dst", office_hours("Europe/Tallinn"), 1711720800, 1712043000, 34200},
      {"two_intervals_easter_holiday", office_hours("Europe/Tallinn", {{2024, 4, 1}}), 1711720800, 1712043000, 9000},
      // a 24/7 desk across a 23-hour and a 25-hour local day
      {"all_day_spring", around_the_clock("Europe/Tallinn"), 1711792800, 1711875600, 82800},
      {"all_day_autumn", around_the_clock("Europe/Tallinn"), 1729933200, 1730023200, 90000},
      // Sunday 00:00-06:00 open in New York: 5 real hours on the spring day, 7 on the autumn day
      {"ny_sunday_night_gap", BusinessHours{{{6, 0, 360}}, {}, find_zone("America/New_York")}, 1710003600, 1710129600,
       18000},
      {"ny_sunday_night_overlap", BusinessHours{{{6, 0, 360}}, {}, find_zone("America/New_York")}, 1730563200,
       1730696400, 25200},
      // night shift Mon 22:00-24:00 + Tue 00:00-06:00, duration Mon 23:00 -> Tue 05:00 UTC
      {"night_shift_midnight", BusinessHours{{{0, 1320, 1440}, {1, 0, 360}}, {}, nullptr}, 1709593200, 1709614800,
       21600},
      {"lunch_start", office_hours("UTC"), 1709555400, 1709559000, 1800},
      {"holiday_only", office_hours("UTC", {{2024, 12, 25}}), 1735117200, 1735146000, 0},
      {"start_in_holiday", office_hours("UTC", {{2024, 12, 25}, {2024, 12, 26}}), 1735120800, 1735293600, 3600},
      {"year_ny", office_hours("America/New_York", {{2024, 1, 1}, {2024, 7, 4}, {2024, 12, 25}}), 1704085200,
       1735707600, 6526800},
      {"year_tallinn_all_day", around_the_clock("Europe/Tallinn", {{2024, 2, 24}}), 1703973600, 1735768800, 31708800},
      // beyond the precomputed 1970-2100 change list: the zone's POSIX rule is used directly
      {"all_day_spring_2124", around_the_clock("Europe/Tallinn"), 4867034400, 4867203600, 169200},
      {"office_across_2100", office_hours("America/New_York", {{2100, 1, 1}}), 4102153200, 4102844400, 126000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(validate_business_hours(c.hours).has_value());
    const BusinessCalendar calendar(c.hours);
    EXPECT_EQ(calendar.business_seconds_between(c.start, c.end), c.expected);
    EXPECT_EQ(calendar.business_seconds_between(c.end, c.start), -c.expected);
    EXPECT_EQ(calendar.business_seconds_between(c.start, c.start), 0.0);
  }
}

TEST(TimeBusinessHours, WeekendsAndMidnightSpansInUtc) {
  const BusinessCalendar calendar(office_hours("UTC"));
  EXPECT_EQ(calendar.weekly_open_seconds(), 5 * 7 * 3600);
  const std::int64_t monday = 1709510400;  // 2024-03-04T00:00Z
  // whole week from Monday 00:00 = 35 open hours, whole fortnight 70
  EXPECT_EQ(calendar.business_seconds_between(monday, monday + 7 * 86400), 35 * 3600);
  EXPECT_EQ(calendar.business_seconds_between(monday, monday + 14 * 86400), 70 * 3600);
  // Saturday 10:00 -> Sunday 20:00: nothing open
  EXPECT_EQ(calendar.business_seconds_between(monday + 5 * 86400 + 36000, monday + 6 * 86400 + 72000), 0);
  // Friday 16:30 -> Monday 09:30: half an hour each side
  EXPECT_EQ(calendar.business_seconds_between(monday + 4 * 86400 + 59400, monday + 7 * 86400 + 34200), 3600);
  // Tuesday 18:00 -> Wednesday 08:00 spans midnight but no open time
  EXPECT_EQ(calendar.business_seconds_between(monday + 86400 + 64800, monday + 2 * 86400 + 28800), 0);
  // Tuesday 11:00 -> Wednesday 10:00: 1 + 4 + 1 hours
  EXPECT_EQ(calendar.business_seconds_between(monday + 86400 + 39600, monday + 2 * 86400 + 36000), 6 * 3600);
  // before 1970 works too: Monday 1969-12-29 09:00 -> 10:00
  EXPECT_EQ(calendar.business_seconds_between(-3 * 86400 + 32400, -3 * 86400 + 36000), 3600);
}

TEST(TimeBusinessHours, HolidaysSpreadOverCenturiesGiveTheSameAnswer) {
  // Holidays more than two centuries apart switch the holiday lookup from a week table to a
  // binary search; far-away holidays must not change a 2024 duration.
  const BusinessCalendar near(office_hours("Europe/Tallinn", {{2024, 4, 1}}));
  const BusinessCalendar far(office_hours("Europe/Tallinn", {{1850, 1, 1}, {2024, 4, 1}, {2300, 1, 1}}));
  for (std::int64_t start = 1711720800; start < 1711720800 + 10 * 86400; start += 3 * 3600 + 17 * 60) {
    for (const std::int64_t length : {600LL, 5 * 3600LL, 3 * 86400LL, 40 * 86400LL}) {
      ASSERT_EQ(near.business_seconds_between(start, start + length), far.business_seconds_between(start, start + length))
          << start << " " << length;
    }
  }
  EXPECT_EQ(far.business_seconds_between(1711720800, 1712043000), 9000);
}

TEST(TimeBusinessHours, LocalScheduleFollowsTheZone) {
  // 09:00 Tallinn is 07:00Z in winter and 06:00Z in summer.
  const BusinessCalendar calendar(office_hours("Europe/Tallinn"));
  const std::int64_t winter_monday_0700z = 1709535600;  // 2024-03-04T07:00Z
  EXPECT_EQ(calendar.business_seconds_between(winter_monday_0700z - 3600, winter_monday_0700z + 3600), 3600);
  const std::int64_t summer_monday_0600z = 1717999200;  // 2024-06-10T06:00Z
  EXPECT_EQ(calendar.business_seconds_between(summer_monday_0600z - 3600, summer_monday_0600z + 3600), 3600);
}

TEST(TimeBusinessHours, OverlappingIntervalsAreMergedWhenUsedUnvalidated) {
  BusinessHours hours{{{0, 540, 720}, {0, 600, 780}, {7, 0, 60}, {1, 900, 800}}, {}, nullptr};
  const BusinessCalendar calendar(hours);
  EXPECT_EQ(calendar.weekly_open_seconds(), 4 * 3600);  // Monday 09:00-13:00 only
}

TEST(TimeBusinessHours, ValidationCodes) {
  EXPECT_FALSE(validate_business_hours(office_hours("UTC")).has_value());

  const auto empty = validate_business_hours(BusinessHours{});
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->code, "options.business_hours.empty");

  for (const WeeklyInterval bad :
       {WeeklyInterval{7, 540, 600}, WeeklyInterval{-1, 540, 600}, WeeklyInterval{0, 600, 540},
        WeeklyInterval{0, 540, 540}, WeeklyInterval{0, -10, 540}, WeeklyInterval{0, 540, 1441},
        WeeklyInterval{0, 1320, 360}}) {
    BusinessHours hours = office_hours("UTC");
    hours.intervals.push_back(bad);
    const auto error = validate_business_hours(hours);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->code, "options.business_hours.invalid_interval");
    EXPECT_EQ(error->field, "options.business_hours.intervals[10]");
    EXPECT_FALSE(error->message.empty());
  }

  BusinessHours overlap = office_hours("UTC");
  overlap.intervals.push_back({2, 11 * 60, 14 * 60});
  const auto overlap_error = validate_business_hours(overlap);
  ASSERT_TRUE(overlap_error.has_value());
  EXPECT_EQ(overlap_error->code, "options.business_hours.overlapping_intervals");
  EXPECT_NE(overlap_error->message.find("Wednesday"), std::string::npos);

  BusinessHours adjacent = office_hours("UTC");
  adjacent.intervals.push_back({2, 12 * 60, 13 * 60});  // touching is not overlapping
  EXPECT_FALSE(validate_business_hours(adjacent).has_value());

  BusinessHours bad_holiday = office_hours("UTC", {{2024, 2, 30}});
  const auto holiday_error = validate_business_hours(bad_holiday);
  ASSERT_TRUE(holiday_error.has_value());
  EXPECT_EQ(holiday_error->code, "options.business_hours.invalid_holiday");
}

TEST(TimeBusinessHours, OptionTextHelpers) {
  EXPECT_EQ(parse_clock_minutes("09:00"), 540);
  EXPECT_EQ(parse_clock_minutes("9:30"), 570);
  EXPECT_EQ(parse_clock_minutes("24:00"), 1440);
  EXPECT_FALSE(parse_clock_minutes("24:01").has_value());
  EXPECT_FALSE(parse_clock_minutes("9").has_value());
  EXPECT_FALSE(parse_clock_minutes("09:60").has_value());
  EXPECT_FALSE(parse_clock_minutes("09:00:00").has_value());
  EXPECT_EQ(parse_weekday("Mon"), 0);
  EXPECT_EQ(parse_weekday("monday"), 0);
  EXPECT_EQ(parse_weekday("TU"), 1);
  EXPECT_EQ(parse_weekday("thu"), 3);
  EXPECT_EQ(parse_weekday("Sunday"), 6);
  EXPECT_EQ(parse_weekday("sa"), 5);
  EXPECT_FALSE(parse_weekday("s").has_value());
  EXPECT_FALSE(parse_weekday("Mondays").has_value());
  EXPECT_FALSE(parse_weekday("xyz").has_value());
}

}  // namespace
}  // namespace skpi::time
