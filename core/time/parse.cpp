#include "core/time/parse.hpp"

#include <cmath>
#include <cstring>

#include "core/time/civil.hpp"

namespace skpi::time {
namespace {

constexpr std::uint8_t no_position = 0xff;

inline bool is_digit(char c) noexcept { return static_cast<unsigned char>(c - '0') < 10; }
inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
inline char lower(char c) noexcept { return static_cast<char>(c | 0x20); }

// Everything a textual timestamp can carry, before validation.
struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  int offset_seconds = 0;
  int meridiem = 0;  // 0 none, 1 AM, 2 PM
  bool has_time = false;
  bool has_offset = false;
};

inline int expand_two_digit_year(int year) noexcept { return year < 69 ? 2000 + year : 1900 + year; }

// days_from_civil for years 1..65535 in unsigned arithmetic: the divisions by constants become
// multiplications, and this runs once per parsed value.
inline std::int64_t days_from_positive_civil(unsigned year, unsigned month, unsigned day) noexcept {
  year -= month <= 2 ? 1u : 0u;
  const unsigned era = year / 400;
  const unsigned year_of_era = year - era * 400;
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

inline bool is_valid_day(int year, int month, int day) noexcept {
  // Most days are <= 28: skip the leap-year arithmetic for them.
  return static_cast<unsigned>(month - 1) < 12u && day >= 1 && (day <= 28 || day <= days_in_month(year, month));
}

Timestamp assemble(const Fields& f) noexcept {
  Timestamp result;
  if (f.year < 1 || !is_valid_day(f.year, f.month, f.day)) return result;
  int hour = f.hour;
  if (f.meridiem != 0) {
    if (hour < 1 || hour > 12) return result;
    hour = hour % 12 + (f.meridiem == 2 ? 12 : 0);
  }
  // 24:00 (end of day) and a leap second :60 are valid ISO 8601; both roll over arithmetically.
  if (hour > 24 || f.minute > 59 || f.second > 60) return result;
  if (hour == 24 && (f.minute | f.second | f.millis) != 0) return result;
  result.seconds = days_from_positive_civil(static_cast<unsigned>(f.year), static_cast<unsigned>(f.month),
                                            static_cast<unsigned>(f.day)) *
                       seconds_per_day +
                   hour * 3600 + f.minute * 60 + f.second - f.offset_seconds;
  result.millis = static_cast<std::int16_t>(f.millis);
  result.has_offset = f.has_offset;
  result.has_time = f.has_time;
  result.ok = true;
  return result;
}

// ------------------------------------------------------------------ numbers

struct Number {
  std::uint64_t integer = 0;
  int integer_digits = 0;
  std::uint64_t fraction = 0;  // first fraction_digits digits after the point
  int fraction_digits = 0;
  bool ok = false;
};

Number parse_number(const char* p, const char* end) noexcept {
  Number n;
  while (p < end && is_digit(*p)) {
    if (n.integer_digits == 18) return n;
    n.integer = n.integer * 10 + static_cast<std::uint64_t>(*p - '0');
    ++n.integer_digits;
    ++p;
  }
  if (n.integer_digits == 0) return n;
  if (p < end && *p == '.') {
    ++p;
    if (p == end) return n;
    while (p < end && is_digit(*p)) {
      if (n.fraction_digits < 18) {
        n.fraction = n.fraction * 10 + static_cast<std::uint64_t>(*p - '0');
        ++n.fraction_digits;
      }
      ++p;
    }
  }
  n.ok = p == end;
  return n;
}

int first_three_fraction_digits(const Number& n) noexcept {
  std::uint64_t f = n.fraction;
  int digits = n.fraction_digits;
  while (digits > 3) {
    f /= 10;
    --digits;
  }
  while (digits < 3) {
    f *= 10;
    ++digits;
  }
  return static_cast<int>(f);
}

constexpr double powers_of_ten[19] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8, 1e9,
                                      1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

bool fits_kind(const Number& n, TimestampKind kind) noexcept {
  switch (kind) {
    case TimestampKind::compact_ymd: {
      if (n.integer_digits != 8 || n.fraction_digits != 0) return false;
      const int year = static_cast<int>(n.integer / 10000);
      const int month = static_cast<int>(n.integer / 100 % 100);
      const int day = static_cast<int>(n.integer % 100);
      return year >= 1900 && year <= 2199 && is_valid_date(year, month, day);
    }
    case TimestampKind::unix_millis:
      return n.integer >= 100000000000ULL && n.integer < 10000000000000ULL;
    case TimestampKind::unix_seconds:
      return n.integer >= 100000000ULL && n.integer < 10000000000ULL;
    case TimestampKind::excel_serial:
      return n.integer >= 20000 && (n.integer < 80000 || (n.integer == 80000 && n.fraction == 0));
    default:
      return false;
  }
}

// Assumes fits_kind(n, kind).
Timestamp timestamp_from_number(const Number& n, TimestampKind kind) noexcept {
  Timestamp t;
  t.ok = true;
  switch (kind) {
    case TimestampKind::compact_ymd: {
      const int year = static_cast<int>(n.integer / 10000);
      const int month = static_cast<int>(n.integer / 100 % 100);
      const int day = static_cast<int>(n.integer % 100);
      t.seconds = days_from_civil(year, month, day) * seconds_per_day;
      break;
    }
    case TimestampKind::unix_millis:
      t.seconds = static_cast<std::int64_t>(n.integer / 1000);
      t.millis = static_cast<std::int16_t>(n.integer % 1000);
      t.has_offset = true;
      t.has_time = true;
      break;
    case TimestampKind::unix_seconds:
      t.seconds = static_cast<std::int64_t>(n.integer);
      t.millis = static_cast<std::int16_t>(first_three_fraction_digits(n));
      t.has_offset = true;
      t.has_time = true;
      break;
    case TimestampKind::excel_serial: {
      // Day 25569 is 1970-01-01. Excel keeps no zone: the result is local civil time. The day
      // fraction is rounded to the millisecond, so 0.385416666... reads back as 09:15:00.000.
      const std::int64_t days = static_cast<std::int64_t>(n.integer) - 25569;
      std::int64_t millis_of_day = 0;
      if (n.fraction_digits > 0) {
        const double fraction = static_cast<double>(n.fraction) / powers_of_ten[n.fraction_digits];
        millis_of_day = std::llround(fraction * 86400000.0);
        t.has_time = true;
      }
      t.seconds = days * seconds_per_day + millis_of_day / 1000;
      t.millis = static_cast<std::int16_t>(millis_of_day % 1000);
      break;
    }
    default:
      t.ok = false;
      break;
  }
  return t;
}

TimestampKind kind_by_magnitude(const Number& n) noexcept {
  for (const TimestampKind kind : {TimestampKind::compact_ymd, TimestampKind::unix_millis, TimestampKind::unix_seconds,
                                   TimestampKind::excel_serial}) {
    if (fits_kind(n, kind)) return kind;
  }
  return TimestampKind::invalid;
}

// ------------------------------------------------------------------ text

// Reads between 1 and max_digits digits; returns how many (0 = none).
inline int read_digits(const char*& p, const char* end, int max_digits, int& value) noexcept {
  int count = 0;
  int v = 0;
  while (count < max_digits && p < end && is_digit(*p)) {
    v = v * 10 + (*p - '0');
    ++p;
    ++count;
  }
  value = v;
  return count;
}

struct Layout {
  using Field = TimestampFormat::Field;
  Field year, month, day, hour, minute, second, fraction, offset_hour, offset_minute;
  std::uint8_t meridiem_position = no_position;
  std::uint8_t offset_sign_position = no_position;
};

inline TimestampFormat::Field field_at(const char* start, const char* base, int digits) noexcept {
  return TimestampFormat::Field{static_cast<std::uint8_t>(start - base), static_cast<std::uint8_t>(digits)};
}

// The time of day and zone after a date: [T| +]H[H]:MM[:SS[.fff]] [AM|PM] [Z|UTC|GMT|±HH[[:]MM]|GMT±H[H][:MM]].
// basic = ISO basic format (HHMM[SS], ±HHMM) after a compact date with 'T'.
template <bool record>
bool parse_time_part(const char*& p, const char* end, const char* base, bool basic, Fields& f,
                     Layout* layout) noexcept {
  const char* start = p;
  int count = 0;
  if (basic) {
    count = read_digits(p, end, 2, f.hour);
    if (count != 2) return false;
    if (record) layout->hour = field_at(start, base, 2);
    start = p;
    if (read_digits(p, end, 2, f.minute) != 2) return false;
    if (record) layout->minute = field_at(start, base, 2);
    start = p;
    if (p < end && is_digit(*p)) {
      if (read_digits(p, end, 2, f.second) != 2) return false;
      if (record) layout->second = field_at(start, base, 2);
    }
  } else {
    count = read_digits(p, end, 2, f.hour);
    if (count == 0 || p == end || *p != ':') return false;
    if (record) layout->hour = field_at(start, base, count);
    ++p;
    start = p;
    if (read_digits(p, end, 2, f.minute) != 2) return false;
    if (record) layout->minute = field_at(start, base, 2);
    if (p < end && *p == ':') {
      ++p;
      start = p;
      if (read_digits(p, end, 2, f.second) != 2) return false;
      if (record) layout->second = field_at(start, base, 2);
    }
  }
  f.has_time = true;
  if (p < end && (*p == '.' || *p == ',') && p + 1 < end && is_digit(p[1])) {
    ++p;
    start = p;
    int millis = 0;
    int digits = 0;
    while (p < end && is_digit(*p)) {
      if (digits < 3) millis = millis * 10 + (*p - '0');
      ++digits;
      ++p;
    }
    for (int i = digits; i < 3; ++i) millis *= 10;
    f.millis = millis;
    if (record) {
      layout->fraction = field_at(start, base, digits > 255 ? 255 : digits);
    }
  }
  while (p < end && *p == ' ') ++p;
  if (p + 1 < end && (lower(*p) == 'a' || lower(*p) == 'p') && lower(p[1]) == 'm' &&
      (p + 2 == end || !((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'z'))) {
    f.meridiem = lower(*p) == 'a' ? 1 : 2;
    if (record) layout->meridiem_position = static_cast<std::uint8_t>(p - base);
    p += 2;
    while (p < end && *p == ' ') ++p;
  }
  if (p == end) return true;
  if (*p == 'Z' || *p == 'z') {
    f.has_offset = true;
    ++p;
    return p == end;
  }
  if (end - p == 3 && ((p[0] == 'U' && p[1] == 'T' && p[2] == 'C') || (p[0] == 'G' && p[1] == 'M' && p[2] == 'T'))) {
    f.has_offset = true;
    p = end;
    return true;
  }
  // Google Forms and JavaScript write the offset after the zone's name: "GMT+2", "GMT+05:30", "UTC-5".
  bool named = false;
  if (end - p > 4 && ((p[0] == 'U' && p[1] == 'T' && p[2] == 'C') || (p[0] == 'G' && p[1] == 'M' && p[2] == 'T')) &&
      (p[3] == '+' || p[3] == '-')) {
    p += 3;
    named = true;
  }
  if (*p == '+' || *p == '-') {
    const int sign = *p == '-' ? -1 : 1;
    if (record) layout->offset_sign_position = static_cast<std::uint8_t>(p - base);
    ++p;
    start = p;
    int hours = 0;
    int minutes = 0;
    const int hour_digits = read_digits(p, end, 2, hours);
    if ((hour_digits != 2 && !(named && hour_digits == 1)) || hours > 23) return false;
    if (record) layout->offset_hour = field_at(start, base, hour_digits);
    if (p < end && *p == ':') ++p;
    if (p < end) {
      start = p;
      if (read_digits(p, end, 2, minutes) != 2 || minutes > 59) return false;
      if (record) layout->offset_minute = field_at(start, base, 2);
    }
    f.offset_seconds = sign * (hours * 3600 + minutes * 60);
    f.has_offset = true;
    return p == end;
  }
  return false;
}

// Textual forms; kind receives what the value looked like.
template <bool record>
Timestamp parse_text(const char* begin, const char* end, DateOrder order, TimestampKind& kind,
                     Layout* layout) noexcept {
  Fields f;
  const char* p = begin;
  const char* start = p;
  int first = 0;
  const int first_digits = read_digits(p, end, 8, first);
  if (first_digits == 0 || p == end) return Timestamp{};
  const char separator = *p;
  const bool date_separator = separator == '-' || separator == '/' || separator == '.';
  bool basic = false;
  if (first_digits == 4 && date_separator) {
    f.year = first;
    if (record) layout->year = field_at(start, begin, 4);
    ++p;
    start = p;
    int count = read_digits(p, end, 2, f.month);
    if (count == 0 || p == end || *p != separator) return Timestamp{};
    if (record) layout->month = field_at(start, begin, count);
    ++p;
    start = p;
    count = read_digits(p, end, 2, f.day);
    if (count == 0) return Timestamp{};
    if (record) layout->day = field_at(start, begin, count);
    kind = TimestampKind::year_first;
  } else if (first_digits <= 2 && date_separator) {
    const char* first_start = start;
    ++p;
    start = p;
    int second = 0;
    const int second_digits = read_digits(p, end, 2, second);
    if (second_digits == 0 || p == end || *p != separator) return Timestamp{};
    const char* second_start = start;
    ++p;
    start = p;
    int year = 0;
    const int year_digits = read_digits(p, end, 4, year);
    if (year_digits != 2 && year_digits != 4) return Timestamp{};
    if (p < end && is_digit(*p)) return Timestamp{};
    f.year = year_digits == 2 ? expand_two_digit_year(year) : year;
    if (order == DateOrder::day_first) {
      f.day = first;
      f.month = second;
      kind = TimestampKind::day_first;
    } else {
      f.month = first;
      f.day = second;
      kind = TimestampKind::month_first;
    }
    if (record) {
      const TimestampFormat::Field first_field = field_at(first_start, begin, first_digits);
      const TimestampFormat::Field second_field = field_at(second_start, begin, second_digits);
      layout->day = order == DateOrder::day_first ? first_field : second_field;
      layout->month = order == DateOrder::day_first ? second_field : first_field;
      layout->year = field_at(start, begin, year_digits);
    }
  } else if (first_digits == 8 && (separator == 'T' || separator == 't')) {
    f.year = first / 10000;
    f.month = first / 100 % 100;
    f.day = first % 100;
    if (record) {
      layout->year = field_at(begin, begin, 4);
      layout->month = field_at(begin + 4, begin, 2);
      layout->day = field_at(begin + 6, begin, 2);
    }
    basic = true;
    kind = TimestampKind::year_first;
  } else {
    return Timestamp{};
  }

  if (p < end) {
    if (basic) {
      ++p;  // the 'T'
    } else if (*p == 'T' || *p == 't') {
      ++p;
    } else if (*p == ' ') {
      while (p < end && *p == ' ') ++p;
    } else {
      return Timestamp{};
    }
    if (!parse_time_part<record>(p, end, begin, basic, f, layout)) return Timestamp{};
  }
  return assemble(f);
}

const char* skip_leading_blanks(const char* p, const char* end) noexcept {
  while (p < end && is_blank(*p)) ++p;
  return p;
}

const char* skip_trailing_blanks(const char* begin, const char* end) noexcept {
  while (end > begin && is_blank(end[-1])) --end;
  return end;
}

bool is_numeric_kind(TimestampKind kind) noexcept {
  return kind == TimestampKind::unix_seconds || kind == TimestampKind::unix_millis ||
         kind == TimestampKind::excel_serial || kind == TimestampKind::compact_ymd;
}

inline bool starts_like_number(const char* p, const char* end) noexcept {
  // A plain number: only digits up to the end or up to a '.' followed by digits to the end.
  while (p < end && is_digit(*p)) ++p;
  if (p == end) return true;
  if (*p != '.') return false;
  ++p;
  while (p < end && is_digit(*p)) ++p;
  return p == end;
}

// Digits checked 8 bytes at a time: a byte is a digit iff its low 7 bits + 0x50 reach 0x80
// (>= '0') and its low 7 bits + 0x46 stay below 0x80 (<= '9') with the top bit clear.
// No sum crosses a byte, so the lanes never interfere. Word w starts at layout_word_offset(w):
// the last word overlaps the previous one so every load is a whole 8 bytes inside the text
// (a partial copy would defeat store-to-load forwarding and cost more than the check).
inline std::size_t layout_word_offset(std::size_t word, std::size_t length) noexcept {
  return word * 8 + 8 <= length ? word * 8 : length - 8;
}

inline bool fits_layout(const TimestampFormat& format, const char* p) noexcept {
  constexpr std::uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
  constexpr std::uint64_t add_50 = 0x5050505050505050ULL;
  constexpr std::uint64_t add_46 = 0x4646464646464646ULL;
  std::uint64_t bad = 0;
  const std::size_t length = format.length;
  const std::size_t words = (length + 7) / 8;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t x;
    std::memcpy(&x, p + layout_word_offset(w, length), 8);
    const std::uint64_t low = x & low7;
    bad |= (~(low + add_50) | (low + add_46) | x) & format.digit_bytes[w];
    bad |= (x ^ format.literal_bytes[w]) & format.literal_mask[w];
  }
  return bad == 0;
}

// The digits were checked by fits_layout; the switch is predicted per column.
inline int read_fixed(const char* p, TimestampFormat::Field field) noexcept {
  const char* q = p + field.position;
  switch (field.digits) {
    case 0:
      return 0;
    case 1:
      return q[0] - '0';
    case 2:
      return (q[0] - '0') * 10 + (q[1] - '0');
    case 4:
      return (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
    default: {
      int value = 0;
      for (int i = 0; i < field.digits; ++i) value = value * 10 + (q[i] - '0');
      return value;
    }
  }
}

}  // namespace

Timestamp parse_timestamp(std::string_view text, DateOrder order) noexcept {
  const char* begin = skip_leading_blanks(text.data(), text.data() + text.size());
  const char* end = skip_trailing_blanks(begin, text.data() + text.size());
  if (begin == end) return Timestamp{};
  if (starts_like_number(begin, end)) {
    const Number number = parse_number(begin, end);
    if (!number.ok) return Timestamp{};
    return timestamp_from_number(number, kind_by_magnitude(number));
  }
  TimestampKind kind = TimestampKind::invalid;
  return parse_text<false>(begin, end, order, kind, nullptr);
}

TimestampFormat format_of_kind(TimestampKind kind, DateOrder order) noexcept {
  TimestampFormat format;
  format.kind = kind;
  format.order = order;
  return format;
}

TimestampFormat detect_format(std::string_view sample, DateOrder order) noexcept {
  TimestampFormat format;
  format.order = order;
  const char* begin = skip_leading_blanks(sample.data(), sample.data() + sample.size());
  const char* end = skip_trailing_blanks(begin, sample.data() + sample.size());
  if (begin == end) return format;
  if (starts_like_number(begin, end)) {
    const Number number = parse_number(begin, end);
    if (number.ok) format.kind = kind_by_magnitude(number);
    return format;
  }
  Layout layout;
  TimestampKind kind = TimestampKind::invalid;
  const Timestamp parsed = parse_text<true>(begin, end, order, kind, &layout);
  if (!parsed.ok) return format;
  format.kind = kind;
  const auto length = static_cast<std::size_t>(end - begin);
  // Shorter than one word ("1/3/24") or longer than the layout: the general parser serves.
  if (length < 8 || length > TimestampFormat::max_layout_length || layout.fraction.digits > 9) return format;
  format.length = static_cast<std::uint8_t>(length);
  format.year = layout.year;
  format.month = layout.month;
  format.day = layout.day;
  format.hour = layout.hour;
  format.minute = layout.minute;
  format.second = layout.second;
  format.fraction = layout.fraction;
  format.offset_hour = layout.offset_hour;
  format.offset_minute = layout.offset_minute;
  format.meridiem_position = layout.meridiem_position;
  format.offset_sign_position = layout.offset_sign_position;
  format.utc_designator = parsed.has_offset && layout.offset_sign_position == no_position;
  unsigned char digit_bytes[TimestampFormat::max_layout_length] = {};
  unsigned char literal_mask[TimestampFormat::max_layout_length] = {};
  unsigned char literal_bytes[TimestampFormat::max_layout_length] = {};
  for (std::size_t i = 0; i < length; ++i) {
    if (is_digit(begin[i])) {
      digit_bytes[i] = 0x80;
    } else {
      literal_mask[i] = 0xff;
      literal_bytes[i] = static_cast<unsigned char>(begin[i]);
    }
  }
  if (layout.meridiem_position != no_position) {
    for (std::size_t i = layout.meridiem_position; i < layout.meridiem_position + 2u; ++i) {
      literal_mask[i] = 0;
      literal_bytes[i] = 0;
    }
  }
  for (std::size_t w = 0; w < (length + 7) / 8; ++w) {
    const std::size_t offset = layout_word_offset(w, length);
    std::memcpy(&format.digit_bytes[w], digit_bytes + offset, 8);
    std::memcpy(&format.literal_mask[w], literal_mask + offset, 8);
    std::memcpy(&format.literal_bytes[w], literal_bytes + offset, 8);
  }
  return format;
}

namespace {

bool same_layout(const TimestampFormat& a, const TimestampFormat& b) noexcept {
  if (a.kind != b.kind || a.length != b.length) return false;
  for (std::size_t w = 0; w < TimestampFormat::layout_words; ++w) {
    if (a.digit_bytes[w] != b.digit_bytes[w] || a.literal_mask[w] != b.literal_mask[w] ||
        a.literal_bytes[w] != b.literal_bytes[w]) {
      return false;
    }
  }
  return true;
}

}  // namespace

TimestampFormat detect_column_format(const std::string_view* values, std::size_t count, DateOrder order) noexcept {
  const NumericTimestampClass numeric = classify_numeric_timestamp(values, count);
  if (numeric.kind != TimestampKind::invalid) return format_of_kind(numeric.kind, order);
  constexpr std::size_t max_candidates = 16;
  TimestampFormat candidates[max_candidates];
  std::size_t candidate_count = 0;
  TimestampFormat first_kind_only;  // a parsable value without a fixed layout ("1/3/24")
  for (std::size_t i = 0; i < count && candidate_count < max_candidates; ++i) {
    const TimestampFormat format = detect_format(values[i], order);
    if (format.kind == TimestampKind::invalid) continue;
    if (format.length == 0) {
      if (first_kind_only.kind == TimestampKind::invalid) first_kind_only = format;
      continue;
    }
    bool known = false;
    for (std::size_t c = 0; c < candidate_count && !known; ++c) known = same_layout(candidates[c], format);
    if (!known) candidates[candidate_count++] = format;
  }
  if (candidate_count == 0) return first_kind_only;
  std::size_t best = 0;
  std::size_t best_hits = 0;
  for (std::size_t c = 0; c < candidate_count; ++c) {
    std::size_t hits = 0;
    for (std::size_t i = 0; i < count; ++i) {
      hits += values[i].size() == candidates[c].length && fits_layout(candidates[c], values[i].data()) ? 1 : 0;
    }
    if (hits > best_hits) {
      best = c;
      best_hits = hits;
    }
  }
  return candidates[best];
}

namespace {

// Kept out of line: inlined, the general parser made parse_with so large that the fixed-layout
// path lost its registers (measured 1.5-3x slower under V8).
[[gnu::noinline]] Timestamp parse_without_layout(const TimestampFormat& format, std::string_view text) noexcept {
  if (is_numeric_kind(format.kind)) {
    const char* begin = skip_leading_blanks(text.data(), text.data() + text.size());
    const char* end = skip_trailing_blanks(begin, text.data() + text.size());
    const Number number = parse_number(begin, end);
    if (!number.ok || !fits_kind(number, format.kind)) return Timestamp{};
    return timestamp_from_number(number, format.kind);
  }
  if (format.kind == TimestampKind::invalid) return Timestamp{};
  return parse_timestamp(text, format.order);
}

}  // namespace

Timestamp parse_with(const TimestampFormat& format, std::string_view text) noexcept {
  if (format.length != 0 && text.size() == format.length) {
    const char* p = text.data();
    bool matches = fits_layout(format, p);
    if (matches) {
      Fields f;
      f.year = read_fixed(p, format.year);
      if (format.year.digits == 2) f.year = expand_two_digit_year(f.year);
      f.month = read_fixed(p, format.month);
      f.day = read_fixed(p, format.day);
      if (format.hour.digits != 0) {
        f.has_time = true;
        f.hour = read_fixed(p, format.hour);
        f.minute = read_fixed(p, format.minute);
        f.second = read_fixed(p, format.second);
        if (format.fraction.digits != 0) {
          TimestampFormat::Field millis_field = format.fraction;
          if (millis_field.digits > 3) millis_field.digits = 3;
          f.millis = read_fixed(p, millis_field);
          for (int i = millis_field.digits; i < 3; ++i) f.millis *= 10;
        }
      }
      if (format.meridiem_position != no_position) {
        const char letter = lower(p[format.meridiem_position]);
        if (lower(p[format.meridiem_position + 1]) == 'm' && (letter == 'a' || letter == 'p')) {
          f.meridiem = letter == 'a' ? 1 : 2;
        } else {
          matches = false;
        }
      }
      if (format.offset_sign_position != no_position) {
        const int seconds = read_fixed(p, format.offset_hour) * 3600 + read_fixed(p, format.offset_minute) * 60;
        if (read_fixed(p, format.offset_hour) > 23 || read_fixed(p, format.offset_minute) > 59) matches = false;
        f.offset_seconds = p[format.offset_sign_position] == '-' ? -seconds : seconds;
        f.has_offset = true;
      } else {
        f.has_offset = format.utc_designator;
      }
      if (matches) return assemble(f);
    }
  }
  return parse_without_layout(format, text);
}

// ------------------------------------------------------------------ DateOrderDetector

void DateOrderDetector::observe(std::string_view text) noexcept {
  const char* begin = skip_leading_blanks(text.data(), text.data() + text.size());
  const char* end = skip_trailing_blanks(begin, text.data() + text.size());
  const char* p = begin;
  int first = 0;
  int second = 0;
  int year = 0;
  const int first_digits = read_digits(p, end, 3, first);
  if (first_digits == 0 || first_digits > 2 || p == end) return;
  const char separator = *p;
  if (separator != '/' && separator != '.' && separator != '-') return;
  ++p;
  const int second_digits = read_digits(p, end, 3, second);
  if (second_digits == 0 || second_digits > 2 || p == end || *p != separator) return;
  ++p;
  const int year_digits = read_digits(p, end, 5, year);
  if (year_digits != 2 && year_digits != 4) return;
  if (first == 0 || second == 0 || first > 31 || second > 31) {
    ++invalid_values_;
    return;
  }
  const auto keep = [&](char* buffer, std::uint8_t& length) {
    if (length != 0) return;
    const auto size = static_cast<std::size_t>(end - begin);
    const std::size_t kept = size < max_kept_length ? size : max_kept_length;
    for (std::size_t i = 0; i < kept; ++i) buffer[i] = begin[i];
    length = static_cast<std::uint8_t>(kept);
  };
  if (first > 12 && second <= 12) {
    ++day_first_evidence_;
    keep(day_first_example_, day_first_example_length_);
  } else if (second > 12 && first <= 12) {
    ++month_first_evidence_;
    keep(month_first_example_, month_first_example_length_);
  } else if (first <= 12 && second <= 12) {
    ++ambiguous_values_;
    dotted_ambiguous_ += separator == '.';
  } else {
    ++invalid_values_;
  }
}

DateOrder DateOrderDetector::order(DateOrder fallback) const noexcept {
  if (day_first_evidence_ > month_first_evidence_) return DateOrder::day_first;
  if (month_first_evidence_ > day_first_evidence_) return DateOrder::month_first;
  return fallback;
}

std::string_view DateOrderDetector::deciding_value() const noexcept {
  if (day_first_evidence_ > month_first_evidence_)
    return std::string_view(day_first_example_, day_first_example_length_);
  if (month_first_evidence_ > day_first_evidence_) {
    return std::string_view(month_first_example_, month_first_example_length_);
  }
  return std::string_view();
}

DateOrder default_date_order(std::string_view locale_tag) noexcept {
  // The region is the first 2-letter subtag after the language ("en-US", "es_US.UTF-8").
  std::size_t i = 0;
  while (i < locale_tag.size() && locale_tag[i] != '-' && locale_tag[i] != '_') {
    if (locale_tag[i] == '.' || locale_tag[i] == '@') return DateOrder::day_first;
    ++i;
  }
  while (i < locale_tag.size()) {
    ++i;  // the separator
    std::size_t j = i;
    while (j < locale_tag.size() && locale_tag[j] != '-' && locale_tag[j] != '_' && locale_tag[j] != '.' &&
           locale_tag[j] != '@') {
      ++j;
    }
    if (j - i == 2) {
      const char a = static_cast<char>(locale_tag[i] & ~0x20);
      const char b = static_cast<char>(locale_tag[i + 1] & ~0x20);
      const bool month_first = (a == 'U' && b == 'S') || (a == 'P' && b == 'H') || (a == 'F' && b == 'M') ||
                               (a == 'M' && b == 'H') || (a == 'P' && b == 'W');
      return month_first ? DateOrder::month_first : DateOrder::day_first;
    }
    if (j >= locale_tag.size() || locale_tag[j] == '.' || locale_tag[j] == '@') break;
    i = j;
  }
  return DateOrder::day_first;
}

// ------------------------------------------------------------------ numeric classification

NumericTimestampClass classify_numeric_timestamp(const std::string_view* values, std::size_t count) noexcept {
  constexpr TimestampKind candidates[] = {TimestampKind::compact_ymd, TimestampKind::unix_millis,
                                          TimestampKind::unix_seconds, TimestampKind::excel_serial};
  std::size_t fitting[4] = {0, 0, 0, 0};
  NumericTimestampClass result;
  for (std::size_t i = 0; i < count; ++i) {
    const char* begin = skip_leading_blanks(values[i].data(), values[i].data() + values[i].size());
    const char* end = skip_trailing_blanks(begin, values[i].data() + values[i].size());
    if (begin == end) continue;
    const Number number = parse_number(begin, end);
    if (!number.ok) {
      ++result.other_values;
      continue;
    }
    ++result.numeric_values;
    for (int k = 0; k < 4; ++k) fitting[k] += fits_kind(number, candidates[k]) ? 1 : 0;
  }
  if (result.other_values != 0 || result.numeric_values == 0) return result;
  for (int k = 0; k < 4; ++k) {
    // 98%: tolerate a stray placeholder such as 0 without letting a mixed column through.
    if (fitting[k] * 100 >= result.numeric_values * 98) {
      result.kind = candidates[k];
      result.matching_values = fitting[k];
      return result;
    }
  }
  return result;
}

}  // namespace skpi::time
