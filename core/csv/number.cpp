#include "core/csv/number.hpp"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace skpi::csv {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Byte length of a Unicode space that spreadsheets put in numbers (NBSP U+00A0, narrow NBSP
// U+202F, thin space U+2009) starting at p, or 0.
std::size_t unicode_space_at(const char* p, const char* end) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const std::ptrdiff_t left = end - p;
  if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
  if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89)) return 3;
  return 0;
}

// Same, for a space ending at end.
std::size_t unicode_space_before(const char* begin, const char* end) {
  if (end - begin >= 2 && unicode_space_at(end - 2, end) == 2) return 2;
  if (end - begin >= 3 && unicode_space_at(end - 3, end) == 3) return 3;
  return 0;
}

std::string_view trim_padding(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  for (;;) {
    if (p < end && is_ascii_space(*p)) { ++p; continue; }
    const std::size_t u = unicode_space_at(p, end);
    if (u == 0) break;
    p += u;
  }
  for (;;) {
    if (end > p && is_ascii_space(end[-1])) { --end; continue; }
    const std::size_t u = unicode_space_before(p, end);
    if (u == 0) break;
    end -= u;
  }
  return {p, static_cast<std::size_t>(end - p)};
}

// Length of a thousands separator at p that is allowed with this decimal mark, or 0.
std::size_t group_separator_at(const char* p, const char* end, char decimal) {
  const char c = *p;
  if (c == ' ' || c == '\'') return 1;
  if (decimal == '.' ? c == ',' : c == '.') return 1;
  return unicode_space_at(p, end);
}

bool finite_result(double value) { return std::isfinite(value); }

// The common case ("12", "-3.5", "1e5"): fast_float straight on the text. Declines (nullopt)
// whenever the text is not a plain number so the careful path can decide.
std::optional<double> parse_plain(const char* p, const char* end, char decimal) {
  const char* digits = (*p == '-') ? p + 1 : p;
  if (digits == end || !(is_digit(*digits) || *digits == decimal)) return std::nullopt;  // rejects inf/nan
  // Whole numbers of up to 15 digits (ids, counts, scores) are exact in a double: read directly.
  // Text whose first non-digit is not the decimal mark or an exponent (dates, times, codes) is not
  // a plain number, which fast_float would say too, after more work.
  const char* q = digits;
  std::uint64_t whole = 0;
  while (q < end && is_digit(*q)) {
    whole = whole * 10 + static_cast<std::uint64_t>(*q - '0');
    if (++q - digits > 15) break;
  }
  if (q == end && q - digits <= 15) return digits == p ? static_cast<double>(whole) : -static_cast<double>(whole);
  if (q < end && q - digits <= 15 && *q != decimal && *q != 'e' && *q != 'E') return std::nullopt;
  double value = 0;
  const auto result = fast_float::from_chars_advanced(p, end, value, fast_float::parse_options{fast_float::chars_format::general, decimal});
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

// Sign, grouped digits, fraction, exponent -> normalised "[-]digits[.digits][e[-]digits]" for
// fast_float. Grouping rules in number.hpp.
std::optional<double> parse_grouped(const char* p, const char* end, char decimal) {
  char small[96];
  std::string large;
  std::size_t length = 0;
  const std::size_t capacity_hint = static_cast<std::size_t>(end - p) + 2;
  const bool use_small = capacity_hint <= sizeof small;
  if (!use_small) large.resize(capacity_hint);
  char* out = use_small ? small : large.data();

  if (*p == '-' || *p == '+') {
    if (*p == '-') out[length++] = '-';
    ++p;
  } else if (end - p >= 3 && static_cast<unsigned char>(p[0]) == 0xE2 && static_cast<unsigned char>(p[1]) == 0x88 &&
             static_cast<unsigned char>(p[2]) == 0x92) {
    out[length++] = '-';
    p += 3;
  }
  if (p == end) return std::nullopt;

  std::size_t integer_digits = 0;
  std::size_t digits_in_group = 0;
  std::size_t groups = 0;
  const char* first_separator = nullptr;
  std::size_t separator_length = 0;
  bool first_group_leading_zero = (*p == '0');
  while (p < end) {
    if (is_digit(*p)) {
      out[length++] = *p++;
      ++integer_digits;
      ++digits_in_group;
      continue;
    }
    if (*p == decimal) break;
    const std::size_t sep = group_separator_at(p, end, decimal);
    if (sep == 0) break;
    if (groups == 0) {
      if (digits_in_group == 0 || digits_in_group > 3 || first_group_leading_zero) return std::nullopt;
      first_separator = p;
      separator_length = sep;
    } else {
      if (digits_in_group != 3) return std::nullopt;
      if (sep != separator_length || std::string_view(p, sep) != std::string_view(first_separator, sep)) return std::nullopt;
    }
    ++groups;
    digits_in_group = 0;
    p += sep;
  }
  if (groups > 0 && digits_in_group != 3) return std::nullopt;

  std::size_t fraction_digits = 0;
  if (p < end && *p == decimal) {
    out[length++] = '.';
    ++p;
    while (p < end && is_digit(*p)) {
      out[length++] = *p++;
      ++fraction_digits;
    }
  }
  if (integer_digits + fraction_digits == 0) return std::nullopt;

  if (p < end && (*p == 'e' || *p == 'E')) {
    out[length++] = 'e';
    ++p;
    if (p < end && (*p == '-' || *p == '+')) {
      if (*p == '-') out[length++] = '-';
      ++p;
    }
    std::size_t exponent_digits = 0;
    while (p < end && is_digit(*p)) {
      out[length++] = *p++;
      ++exponent_digits;
    }
    if (exponent_digits == 0) return std::nullopt;
  }
  if (p != end) return std::nullopt;

  double value = 0;
  const auto result = fast_float::from_chars(out, out + length, value);
  if (result.ec != std::errc() || result.ptr != out + length) return std::nullopt;
  return value;
}

std::optional<double> parse_trimmed(std::string_view text, char decimal) {
  if (text.empty()) return std::nullopt;
  const char* p = text.data();
  const char* end = p + text.size();
  std::optional<double> value = parse_plain(p, end, decimal);
  if (!value) value = parse_grouped(p, end, decimal);
  if (value && !finite_result(*value)) return std::nullopt;
  return value;
}

char normalise_decimal(char decimal) { return decimal == ',' ? ',' : '.'; }

bool equals_ignore_ascii_case(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// "[-]digits[<decimal>digits]" with at most 15 digits in all, the bulk of real CSV numbers: the digits
// fit a double exactly and so does 10^k for k <= 22, so one division is the correctly rounded value
// (Clinger's fast path) and fast_float is not needed. Returns false to let the full parser decide.
bool parse_short_decimal(std::string_view text, char decimal, double& value) {
  static constexpr double powers_of_ten[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const char* p = text.data();
  const char* const end = p + text.size();
  if (p == end || end - p > 17) return false;
  const bool negative = *p == '-';
  p += negative;
  std::uint64_t mantissa = 0;
  const char* const integer_start = p;
  while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  std::size_t digits = static_cast<std::size_t>(p - integer_start);
  std::size_t fraction_digits = 0;
  if (p < end && *p == decimal) {
    const char* const fraction_start = ++p;
    while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    fraction_digits = static_cast<std::size_t>(p - fraction_start);
    digits += fraction_digits;
  }
  if (p != end || digits == 0 || digits > 15) return false;
  value = static_cast<double>(mantissa) / powers_of_ten[fraction_digits];
  if (negative) value = -value;
  return true;
}

}  // namespace

bool is_missing_marker(std::string_view text) {
  const std::string_view t = trim_padding(text);
  if (t.empty()) return true;
  if (t.size() > 6) return false;
  static constexpr std::string_view markers[] = {"na", "n/a", "#n/a", "n.a.", "nan", "null", "(null)", "-", "--", "?"};
  for (const std::string_view marker : markers) {
    if (equals_ignore_ascii_case(t, marker)) return true;
  }
  return false;
}

std::optional<double> parse_number(std::string_view text, char decimal) {
  decimal = normalise_decimal(decimal);
  double value;
  if (parse_short_decimal(text, decimal, value)) return value;
  return parse_trimmed(trim_padding(text), decimal);
}

std::optional<ParsedNumber> parse_number_or_percent(std::string_view text, char decimal) {
  std::string_view t = trim_padding(text);
  bool percent = false;
  if (!t.empty() && t.back() == '%') {
    percent = true;
    t = trim_padding(t.substr(0, t.size() - 1));
  }
  const std::optional<double> value = parse_trimmed(t, normalise_decimal(decimal));
  if (!value) return std::nullopt;
  return ParsedNumber{*value, percent};
}

}  // namespace skpi::csv
