#include "core/time/civil.hpp"

namespace skpi::time {
namespace {

char* write_padded(char* out, std::int64_t value, int width) noexcept {
  if (value < 0) {
    *out++ = '-';
    value = -value;
  }
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (int i = count; i < width; ++i) *out++ = '0';
  while (count > 0) *out++ = digits[--count];
  return out;
}

char* write_two(char* out, int value) noexcept {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
  return out + 2;
}

}  // namespace

std::size_t write_date(CivilDate date, char* out) noexcept {
  char* p = write_padded(out, date.year, 4);
  *p++ = '-';
  p = write_two(p, date.month);
  *p++ = '-';
  p = write_two(p, date.day);
  return static_cast<std::size_t>(p - out);
}

std::size_t write_month(CivilDate date, char* out) noexcept {
  char* p = write_padded(out, date.year, 4);
  *p++ = '-';
  p = write_two(p, date.month);
  return static_cast<std::size_t>(p - out);
}

std::size_t write_iso_week(IsoWeek week, char* out) noexcept {
  char* p = write_padded(out, week.year, 4);
  *p++ = '-';
  *p++ = 'W';
  p = write_two(p, week.week);
  return static_cast<std::size_t>(p - out);
}

std::size_t write_iso8601_utc(std::int64_t utc_seconds, int millis, char* out) noexcept {
  const std::int64_t days = day_number(utc_seconds);
  const auto second_of_day = static_cast<int>(utc_seconds - days * seconds_per_day);
  char* p = out + write_date(civil_from_days(days), out);
  *p++ = 'T';
  p = write_two(p, second_of_day / 3600);
  *p++ = ':';
  p = write_two(p, second_of_day / 60 % 60);
  *p++ = ':';
  p = write_two(p, second_of_day % 60);
  if (millis >= 0) {
    *p++ = '.';
    p = write_padded(p, millis % 1000, 3);
  }
  *p++ = 'Z';
  return static_cast<std::size_t>(p - out);
}

std::string format_date(CivilDate date) {
  char buffer[date_text_capacity];
  return std::string(buffer, write_date(date, buffer));
}

std::string format_month(CivilDate date) {
  char buffer[date_text_capacity];
  return std::string(buffer, write_month(date, buffer));
}

std::string format_iso_week(IsoWeek week) {
  char buffer[date_text_capacity];
  return std::string(buffer, write_iso_week(week, buffer));
}

std::string format_iso8601_utc(std::int64_t utc_seconds, int millis) {
  char buffer[iso8601_text_capacity];
  return std::string(buffer, write_iso8601_utc(utc_seconds, millis, buffer));
}

std::optional<CivilDate> parse_civil_date(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int widths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (int i = 0; i < widths[f]; ++i) {
      const char c = text[static_cast<std::size_t>(starts[f] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  if (!is_valid_date(fields[0], fields[1], fields[2])) return std::nullopt;
  return CivilDate{fields[0], fields[1], fields[2]};
}

}  // namespace skpi::time
