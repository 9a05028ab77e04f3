// Civil (proleptic Gregorian) dates on day numbers since 1970-01-01, and the calendar keys the
// analysis groups by: weekday, ISO week, month, plus "YYYY-MM-DD" / ISO 8601 UTC text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skpi::time {

inline constexpr std::int64_t seconds_per_day = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

constexpr bool operator==(CivilDate a, CivilDate b) noexcept {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}
constexpr bool operator!=(CivilDate a, CivilDate b) noexcept { return !(a == b); }
constexpr bool operator<(CivilDate a, CivilDate b) noexcept {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// Rounds toward negative infinity, so instants before 1970 land on the right day.
constexpr std::int64_t floor_div(std::int64_t value, std::int64_t divisor) noexcept {
  const std::int64_t quotient = value / divisor;
  return quotient - ((value % divisor != 0) && ((value < 0) != (divisor < 0)) ? 1 : 0);
}

constexpr bool is_leap_year(int year) noexcept { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

constexpr int days_in_month(int year, int month) noexcept {
  constexpr unsigned char lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 ? (is_leap_year(year) ? 29 : 28) : lengths[month - 1];
}

constexpr bool is_valid_date(int year, int month, int day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil: branch-light, exact for every Gregorian date.
constexpr std::int64_t days_from_civil(int year, int month, int day) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

constexpr std::int64_t days_from_civil(CivilDate date) noexcept {
  return days_from_civil(date.year, date.month, date.day);
}

constexpr CivilDate civil_from_days(std::int64_t days) noexcept {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return CivilDate{year, month, day};
}

// Day number (days since 1970-01-01) of the day holding the given seconds since 1970-01-01.
// Works on UTC seconds and on local civil seconds alike.
constexpr std::int64_t day_number(std::int64_t seconds) noexcept { return floor_div(seconds, seconds_per_day); }

constexpr CivilDate civil_from_seconds(std::int64_t seconds) noexcept { return civil_from_days(day_number(seconds)); }

constexpr int second_of_day(std::int64_t seconds) noexcept {
  return static_cast<int>(seconds - day_number(seconds) * seconds_per_day);
}
constexpr int hour_of_day(std::int64_t seconds) noexcept { return second_of_day(seconds) / 3600; }

// 0 = Monday .. 6 = Sunday (ISO order; 1970-01-01 was a Thursday).
constexpr int weekday_from_days(std::int64_t days) noexcept {
  return static_cast<int>(days + 3 - 7 * floor_div(days + 3, 7));
}

struct IsoWeek {
  int year = 1970;  // ISO week-numbering year: may differ from the calendar year near New Year
  int week = 1;     // 1..53
};

constexpr bool operator==(IsoWeek a, IsoWeek b) noexcept { return a.year == b.year && a.week == b.week; }

// The ISO week is the one holding that week's Thursday.
constexpr IsoWeek iso_week_from_days(std::int64_t days) noexcept {
  const std::int64_t thursday = days - weekday_from_days(days) + 3;
  const int year = civil_from_days(thursday).year;
  const int week = static_cast<int>((thursday - days_from_civil(year, 1, 1)) / 7 + 1);
  return IsoWeek{year, week};
}

constexpr IsoWeek iso_week(CivilDate date) noexcept { return iso_week_from_days(days_from_civil(date)); }

// Sortable integer keys for grouping without building strings per row.
constexpr int month_key(CivilDate date) noexcept { return date.year * 12 + (date.month - 1); }
constexpr CivilDate month_from_key(int key) noexcept {
  const int year = static_cast<int>(floor_div(key, 12));
  return CivilDate{year, key - year * 12 + 1, 1};
}
constexpr int iso_week_key(IsoWeek week) noexcept { return week.year * 100 + week.week; }

// Text forms. Each writer fills `out` (no terminating NUL) and returns the number of characters;
// years outside 0..9999 are written with a sign or more digits.
inline constexpr std::size_t date_text_capacity = 16;     // "YYYY-MM-DD"
inline constexpr std::size_t iso8601_text_capacity = 40;  // "YYYY-MM-DDTHH:MM:SS.mmmZ"

std::size_t write_date(CivilDate date, char* out) noexcept;    // 2024-03-01
std::size_t write_month(CivilDate date, char* out) noexcept;   // 2024-03
std::size_t write_iso_week(IsoWeek week, char* out) noexcept;  // 2024-W09
// 2024-03-01T09:15:00Z; with millis >= 0 also ".123" before the Z.
std::size_t write_iso8601_utc(std::int64_t utc_seconds, int millis, char* out) noexcept;

std::string format_date(CivilDate date);
std::string format_month(CivilDate date);
std::string format_iso_week(IsoWeek week);
std::string format_iso8601_utc(std::int64_t utc_seconds, int millis = -1);

// Strict "YYYY-MM-DD" (as used for holiday lists in options).
std::optional<CivilDate> parse_civil_date(std::string_view text) noexcept;

}  // namespace skpi::time
