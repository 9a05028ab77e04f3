// Locale-aware number parsing for CSV cells: decimal mark ',' or '.', thousands separators,
// missing-value markers (NA, N/A, -, ?, null, ...). No allocation, no exceptions.
#pragma once

#include <optional>
#include <string_view>

namespace skpi::csv {

/** True for cells that mean "no value": empty or only spaces, NA, N/A, #N/A, n.a., NaN, null,
 *  (null), -, --, ?  (ASCII case-insensitive, surrounding spaces and NBSP ignored). */
bool is_missing_marker(std::string_view text);

/** Parses a number written with `decimal` (',' or '.'; anything else means '.') as decimal mark.
 *  Accepts: surrounding spaces/tabs/NBSP; a sign ('+', '-', U+2212 minus); digits with thousands
 *  separators when unambiguous given the decimal mark ('.'-decimal: ',' space NBSP U+202F
 *  apostrophe; ','-decimal: '.' space NBSP U+202F apostrophe; first group 1-3 digits not starting
 *  with 0, then groups of exactly 3, one separator kind); a fraction ("5.", ".5" allowed); an
 *  exponent (1e5, 2.5E-3).
 *  Returns nullopt for anything else: missing markers, '%' or currency signs, inf/nan, hex,
 *  two decimal marks, bad grouping ("1,2" with '.'-decimal), results that overflow a double. */
std::optional<double> parse_number(std::string_view text, char decimal = '.');

struct ParsedNumber {
  double value = 0;      // as written: "12,5 %" -> 12.5, not 0.125
  bool percent = false;  // a '%' suffix was present
};

/** Like parse_number, but also accepts one '%' suffix (optionally after a space or NBSP). */
std::optional<ParsedNumber> parse_number_or_percent(std::string_view text, char decimal = '.');

/** A number written with its currency. */
struct MoneyText {
  std::string_view number;    // the number's own text ("1,234.50"; "-5" for "$-5")
  std::string_view currency;  // the sign or ISO code as written ("$", "EUR", "kr")
  bool negative = false;      // a sign in front of the currency ("-$5") or accounting parentheses ("($5.00)")
};
/** Splits a currency sign or three-letter ISO code before or after a number off it: "$1,234.50",
 *  "USD 12.00", "1 234,50 \u20AC" (blanks may be no-break spaces), "-$5", "($5.00)". nullopt when
 *  the text has no currency at either end, or nothing else. The number text is not checked. */
std::optional<MoneyText> split_currency(std::string_view text);

}  // namespace skpi::csv
