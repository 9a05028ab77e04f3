// Timestamp parsing for the date forms found in exports (ISO 8601, dd/mm/yyyy and mm/dd/yyyy,
// dd.mm.yyyy, YYYYMMDD, Unix seconds/milliseconds, Excel serials) and the column-level detectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

// Typical use for one timestamp column (see also core/time/zone.hpp for the zone step):
//   DateOrderDetector detector; for (sample value v) detector.observe(v);
//   const DateOrder order = detector.order(user_option_or(default_date_order(locale)));
//   (report detector.decided() / deciding_value(), or warn when detector.ambiguous())
//   const TimestampFormat format = detect_column_format(sample, order);
//   ZoneConverter zone(*find_zone(time_zone_option));
//   per row: Timestamp t = parse_with(format, cell);
//            if (t.ok) utc = t.has_offset ? t.seconds : zone.local_to_utc(t.seconds);

namespace skpi::time {

// Order of the first two fields in slash/dot/dash dates whose year comes last.
enum class DateOrder : std::uint8_t { day_first, month_first };

struct Timestamp {
  // Seconds since 1970-01-01T00:00: a UTC instant when has_offset, otherwise local civil time
  // (the wall clock read as if it were UTC; convert with local_to_utc and the column's zone).
  std::int64_t seconds = 0;
  std::int16_t millis = 0;  // 0..999; finer digits are truncated
  bool has_offset = false;  // text carried Z or +hh:mm, or it is a Unix time
  bool has_time = false;    // false for a bare date (then seconds is local midnight)
  bool ok = false;
};

enum class TimestampKind : std::uint8_t {
  invalid,
  year_first,    // 2024-03-01[T ]09:15[:00[.123]][Z|+02:00|+0200|+02], 2024/03/01, 2024.03.01, 20240301T091500Z
  day_first,     // 01/03/2024, 01.03.2024, 01-03-2024 [09:15[:00]] [AM|PM]; two-digit years allowed
  month_first,   // 03/01/2024 9:15 PM and the like
  compact_ymd,   // 20240301
  unix_seconds,  // 1709284500[.123], accepted in [1e8, 1e10): 1973..2286
  unix_millis,   // 1709284500123, accepted in [1e11, 1e13): 1973..2286
  excel_serial,  // 45352.385416 days since 1899-12-30, accepted in [20000, 80000]: 1954..2119
};

// A column's format, detected from one sample value. Besides the kind it keeps the sample's exact
// layout (field positions and separators): values of the same shape are read at fixed positions,
// others fall back to the general parser for the kind, so a column may mix shapes.
struct TimestampFormat {
  TimestampKind kind = TimestampKind::invalid;
  DateOrder order = DateOrder::day_first;

  struct Field {
    std::uint8_t position = 0;
    std::uint8_t digits = 0;  // 0: the field is absent
  };
  static constexpr std::size_t max_layout_length = 40;
  std::uint8_t length = 0;  // 0: no fixed layout
  Field year, month, day, hour, minute, second, fraction, offset_hour, offset_minute;
  std::uint8_t meridiem_position = 0xff;  // AM/PM
  std::uint8_t offset_sign_position = 0xff;
  bool utc_designator = false;  // Z, UTC or GMT at the end
  // The sample's shape, 8 bytes per word (bytes in memory order), checked a word at a time:
  // 0x80 in digit_bytes where a digit must be, 0xff in literal_mask where literal_bytes must
  // match exactly; AM/PM letters are in neither and checked when read.
  static constexpr std::size_t layout_words = max_layout_length / 8;
  std::uint64_t digit_bytes[layout_words] = {};
  std::uint64_t literal_mask[layout_words] = {};
  std::uint64_t literal_bytes[layout_words] = {};
};

// Per-value detection: the layout is recognised from the text, DateOrder settles dd/mm vs mm/dd
// (a value that contradicts it, such as month 13, is not ok). Bare numbers are read by magnitude:
// 8 digits forming a date 1900..2199 -> YYYYMMDD, else the unix_seconds / unix_millis /
// excel_serial ranges above; prefer classify_numeric_timestamp for whole columns.
// Leading and trailing blanks are ignored. Years 1..9999; two-digit years: 00..68 -> 20xx,
// 69..99 -> 19xx (POSIX %y). No allocation, no locale, no exceptions.
Timestamp parse_timestamp(std::string_view text, DateOrder order) noexcept;

// Format of a column from its first non-empty value (kind invalid when it does not parse).
TimestampFormat detect_format(std::string_view sample, DateOrder order) noexcept;

// A format for a kind without a fixed layout, e.g. from classify_numeric_timestamp.
TimestampFormat format_of_kind(TimestampKind kind, DateOrder order = DateOrder::day_first) noexcept;

// Format of a column from a sample of its values (empty ones skipped), order already decided:
// a numeric column gets the classify_numeric_timestamp kind; otherwise, among the layouts of the
// first 16 parsable values, the one that reads the most sample values at fixed positions.
// Kind invalid when no value parses.
TimestampFormat detect_column_format(const std::string_view* values, std::size_t count, DateOrder order) noexcept;

// Fast path for a column whose format is known. Numeric kinds read only numbers of that kind;
// textual kinds accept any textual form (with the format's order) when the fixed layout misses.
Timestamp parse_with(const TimestampFormat& format, std::string_view text) noexcept;

// Decides dd/mm vs mm/dd for a column from a sample of values. Only values whose year comes last
// (01/03/2024, 1.3.24, 29-02-2016 01:16) count; a first field > 12 is evidence for day-first,
// a second field > 12 for month-first.
class DateOrderDetector {
 public:
  void observe(std::string_view text) noexcept;

  // Some value had a field > 12. If both orders have evidence (mixed data), the majority wins.
  bool decided() const noexcept { return day_first_evidence_ + month_first_evidence_ > 0; }
  // Year-last dates were seen but every one had both fields <= 12: order() is the fallback,
  // and the caller should warn.
  bool ambiguous() const noexcept { return !decided() && ambiguous_values_ > 0; }
  bool conflicting() const noexcept { return day_first_evidence_ > 0 && month_first_evidence_ > 0; }
  // Every undecided value was written with dots (01.03.2024): dd.mm.yyyy is the convention wherever
  // dates are written so (German, Nordic, Baltic, Romanian, Turkish locales); mm.dd.yyyy is not used.
  bool only_dotted_ambiguity() const noexcept { return ambiguous() && dotted_ambiguous_ == ambiguous_values_; }
  DateOrder order(DateOrder fallback = DateOrder::day_first) const noexcept;

  std::size_t day_first_evidence() const noexcept { return day_first_evidence_; }
  std::size_t month_first_evidence() const noexcept { return month_first_evidence_; }
  std::size_t ambiguous_values() const noexcept { return ambiguous_values_; }
  std::size_t year_last_values() const noexcept {
    return day_first_evidence_ + month_first_evidence_ + ambiguous_values_ + invalid_values_;
  }
  // The first value that decided for the winning order ("22/01/2014"), for the report; empty if none.
  // Points into the detector: copy it before the detector goes away.
  std::string_view deciding_value() const noexcept;

 private:
  static constexpr std::size_t max_kept_length = 32;
  std::size_t day_first_evidence_ = 0;
  std::size_t month_first_evidence_ = 0;
  std::size_t ambiguous_values_ = 0;
  std::size_t dotted_ambiguous_ = 0;  // ambiguous values written d.m.y
  std::size_t invalid_values_ = 0;  // both fields > 12
  char day_first_example_[max_kept_length] = {};
  char month_first_example_[max_kept_length] = {};
  std::uint8_t day_first_example_length_ = 0;
  std::uint8_t month_first_example_length_ = 0;
};

// Default order for ambiguous data from a BCP 47 / POSIX locale tag ("en-US", "en_US.UTF-8", "et"):
// month-first for the United States and the few regions that follow it (PH, FM, MH, PW, also
// "en-US-POSIX"), day-first otherwise.
DateOrder default_date_order(std::string_view locale_tag) noexcept;

struct NumericTimestampClass {
  TimestampKind kind = TimestampKind::invalid;  // compact_ymd, unix_seconds, unix_millis, excel_serial
  std::size_t numeric_values = 0;               // non-empty values that are plain numbers
  std::size_t matching_values = 0;              // of those, how many fit kind
  std::size_t other_values = 0;                 // non-empty values that are not numbers
};

// Column-level decision over sample values (empty strings skipped). Decides only when every
// non-empty value is a number and at least 98% of them fit one kind, tried in this order:
// YYYYMMDD (8-digit integers forming dates 1900..2199), Unix milliseconds, Unix seconds, Excel
// serial. Money amounts and counts can look like Excel serials: only apply this to columns that
// the mapper already takes for timestamps.
NumericTimestampClass classify_numeric_timestamp(const std::string_view* values, std::size_t count) noexcept;
inline NumericTimestampClass classify_numeric_timestamp(const std::vector<std::string_view>& values) noexcept {
  return classify_numeric_timestamp(values.data(), values.size());
}
inline TimestampFormat detect_column_format(const std::vector<std::string_view>& values, DateOrder order) noexcept {
  return detect_column_format(values.data(), values.size(), order);
}

}  // namespace skpi::time
