#include "core/csv/number.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
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
  // Arabic spreadsheets: "غير متوفر" / "غير متاح" (not available), "لا يوجد" (none).
  static constexpr std::string_view arabic[] = {"\u063A\u064A\u0631 \u0645\u062A\u0648\u0641\u0631",
                                                "\u063A\u064A\u0631 \u0645\u062A\u0627\u062D",
                                                "\u0644\u0627 \u064A\u0648\u062C\u062F"};
  for (const std::string_view marker : arabic) {
    if (t == marker) return true;
  }
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

namespace {

// Currency signs and short local names written next to amounts in exports, longest first where one
// begins another ("R$" before "R"-less forms, "US$" before "$").
constexpr std::string_view currency_signs[] = {
    "US$", "CA$", "AU$", "NZ$", "HK$", "R$", "C$", "A$", "S$", "$", "\u20AC", "\u00A3", "\u00A5", "\u20BA", "\u20B9", "\u20BD",
    "\u20A9", "\u20AA", "\u20B4", "\u20A6", "\u0E3F", "\u20AB", "\u20B1", "\u20A8", "z\u0142", "kr.", "kr", "lei", "Lei", "TL",
    "Fr.", "CHF", "\u0631.\u0633", "\u062F.\u0625", "\uFDFC"};

bool is_iso_code(std::string_view text) {
  return text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The currency at the front (or back) of text: a sign from the list or a three-letter ISO code
// followed (or preceded) by a blank or a digit. Its length, or 0.
std::size_t leading_currency(std::string_view text) {
  for (std::string_view sign : currency_signs) {
    if (text.substr(0, sign.size()) == sign) return sign.size();
  }
  if (text.size() > 3 && is_iso_code(text.substr(0, 3)) && (is_ascii_space(text[3]) || unicode_space_at(text.data() + 3, text.data() + text.size()) > 0 || (text[3] >= '0' && text[3] <= '9') || text[3] == '-'))
    return 3;
  return 0;
}
std::size_t trailing_currency(std::string_view text) {
  for (std::string_view sign : currency_signs) {
    if (text.size() > sign.size() && text.substr(text.size() - sign.size()) == sign) return sign.size();
  }
  if (text.size() > 3 && is_iso_code(text.substr(text.size() - 3))) {
    const char before = text[text.size() - 4];
    if (before == ' ' || (before >= '0' && before <= '9') || static_cast<unsigned char>(before) >= 0x80) return 3;
  }
  return 0;
}

}  // namespace

std::optional<MoneyText> split_currency(std::string_view text) {
  std::string_view rest = trim_padding(text);
  MoneyText money;
  if (rest.size() > 2 && rest.front() == '(' && rest.back() == ')') {  // accounting negative
    money.negative = true;
    rest = trim_padding(rest.substr(1, rest.size() - 2));
  }
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {  // "-$5"
    money.negative = money.negative != (rest.front() == '-');
    rest = trim_padding(rest.substr(1));
  }
  if (const std::size_t length = leading_currency(rest)) {
    money.currency = rest.substr(0, length);
    rest = trim_padding(rest.substr(length));
  } else if (const std::size_t tail = trailing_currency(rest)) {
    money.currency = rest.substr(rest.size() - tail);
    rest = trim_padding(rest.substr(0, rest.size() - tail));
  }
  if (money.currency.empty() || rest.empty()) return std::nullopt;
  money.number = rest;
  return money;
}

}  // namespace skpi::csv
