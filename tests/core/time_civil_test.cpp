// Civil-date helpers: day numbers, weekdays, ISO weeks (year-boundary cases), month keys and
// the text forms used as group keys in reports.
#include <gtest/gtest.h>

#include "core/time/civil.hpp"

namespace skpi::time {
namespace {

TEST(TimeCivil, DaysRoundTripOverFourCenturies) {
  std::int64_t days = days_from_civil(1800, 1, 1);
  for (int year = 1800; year < 2200; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= days_in_month(year, month); ++day) {
        ASSERT_EQ(days_from_civil(year, month, day), days) << year << "-" << month << "-" << day;
        ASSERT_EQ(civil_from_days(days), (CivilDate{year, month, day}));
        ++days;
      }
    }
  }
}

TEST(TimeCivil, KnownDayNumbersAndWeekdays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(weekday_from_days(0), 3);                             // Thursday
  EXPECT_EQ(weekday_from_days(days_from_civil(2024, 3, 4)), 0);   // Monday
  EXPECT_EQ(weekday_from_days(days_from_civil(2024, 3, 10)), 6);  // Sunday
  EXPECT_EQ(weekday_from_days(-3), 0);                            // 1969-12-29 Monday
  EXPECT_EQ(weekday_from_days(-4), 6);
  EXPECT_EQ(day_number(-1), -1);  // 1969-12-31T23:59:59
  EXPECT_EQ(civil_from_seconds(1709284500), (CivilDate{2024, 3, 1}));
  EXPECT_EQ(second_of_day(1709284500), 9 * 3600 + 15 * 60);
  EXPECT_EQ(hour_of_day(1709284500), 9);
  EXPECT_EQ(hour_of_day(-1), 23);
  EXPECT_TRUE(is_valid_date(2024, 2, 29));
  EXPECT_FALSE(is_valid_date(2023, 2, 29));
  EXPECT_FALSE(is_valid_date(1900, 2, 29));
  EXPECT_TRUE(is_valid_date(2000, 2, 29));
}

TEST(TimeCivil, IsoWeekEdgeCases) {
  EXPECT_EQ(iso_week(CivilDate{2020, 12, 31}), (IsoWeek{2020, 53}));
  EXPECT_EQ(iso_week(CivilDate{2021, 1, 3}), (IsoWeek{2020, 53}));
  EXPECT_EQ(iso_week(CivilDate{2021, 1, 4}), (IsoWeek{2021, 1}));
  EXPECT_EQ(iso_week(CivilDate{2024, 12, 30}), (IsoWeek{2025, 1}));
  EXPECT_EQ(iso_week(CivilDate{2024, 12, 29}), (IsoWeek{2024, 52}));
  EXPECT_EQ(iso_week(CivilDate{2024, 2, 29}), (IsoWeek{2024, 9}));
  EXPECT_EQ(iso_week(CivilDate{2024, 1, 1}), (IsoWeek{2024, 1}));
  EXPECT_EQ(iso_week(CivilDate{2027, 1, 1}), (IsoWeek{2026, 53}));
  EXPECT_EQ(iso_week(CivilDate{2015, 12, 31}), (IsoWeek{2015, 53}));
  EXPECT_EQ(iso_week(CivilDate{2008, 12, 29}), (IsoWeek{2009, 1}));
  EXPECT_EQ(format_iso_week(iso_week(CivilDate{2024, 2, 29})), "2024-W09");
  EXPECT_EQ(format_iso_week(iso_week(CivilDate{2021, 1, 3})), "2020-W53");
}

TEST(TimeCivil, MonthKeysSortAndRoundTrip) {
  const CivilDate march{2024, 3, 17};
  EXPECT_EQ(format_month(march), "2024-03");
  EXPECT_LT(month_key(CivilDate{2023, 12, 31}), month_key(CivilDate{2024, 1, 1}));
  EXPECT_EQ(month_from_key(month_key(march)), (CivilDate{2024, 3, 1}));
  EXPECT_EQ(month_from_key(month_key(CivilDate{1969, 12, 5})), (CivilDate{1969, 12, 1}));
  EXPECT_LT(iso_week_key(IsoWeek{2020, 53}), iso_week_key(IsoWeek{2021, 1}));
}

TEST(TimeCivil, TextForms) {
  EXPECT_EQ(format_date(CivilDate{2024, 3, 1}), "2024-03-01");
  EXPECT_EQ(format_date(CivilDate{999, 1, 2}), "0999-01-02");
  EXPECT_EQ(format_iso8601_utc(1709284500), "2024-03-01T09:15:00Z");
  EXPECT_EQ(format_iso8601_utc(1709284500, 7), "2024-03-01T09:15:00.007Z");
  EXPECT_EQ(format_iso8601_utc(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_iso8601_utc(0, 0), "1970-01-01T00:00:00.000Z");
}

TEST(TimeCivil, ParseCivilDate) {
  EXPECT_EQ(parse_civil_date("2024-12-25"), (CivilDate{2024, 12, 25}));
  EXPECT_FALSE(parse_civil_date("2024-02-30").has_value());
  EXPECT_FALSE(parse_civil_date("2024-2-3").has_value());
  EXPECT_FALSE(parse_civil_date("25.12.2024").has_value());
}

}  // namespace
}  // namespace skpi::time
