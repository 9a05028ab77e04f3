#include "core/analysis/values.hpp"

#include <cmath>

#include "core/csv/number.hpp"

namespace skpi::analysis {

const char* reason_code(Reason reason) {
  switch (reason) {
    case Reason::row_ragged: return "row.ragged";
    case Reason::row_outside_period: return "row.outside_period";
    case Reason::row_no_key: return "row.no_key";
    case Reason::value_bad_timestamp: return "value.bad_timestamp";
    case Reason::value_bad_number: return "value.bad_number";
    case Reason::value_bad_duration: return "value.bad_duration";
    case Reason::value_out_of_scale: return "value.out_of_scale";
    case Reason::value_unknown_outcome: return "value.unknown_outcome";
    case Reason::duration_negative: return "duration.negative";
    case Reason::ticket_no_created: return "ticket.no_created";
    case Reason::survey_no_score: return "survey.no_score";
    case Reason::call_no_outcome: return "call.no_outcome";
    case Reason::transaction_no_customer: return "transaction.no_customer";
    case Reason::transaction_no_amount: return "transaction.no_amount";
    case Reason::qa_no_score: return "qa.no_score";
    case Reason::row_not_data: return "row.not_data";
    case Reason::call_outbound: return "call.outbound";
    case Reason::transaction_not_paid: return "transaction.not_paid";
    case Reason::row_test_response: return "row.test_response";
    case Reason::count_: break;
  }
  return "unknown";
}

const char* reason_text(Reason reason) {
  switch (reason) {
    case Reason::row_ragged: return "more fields than the header; the row was skipped";
    case Reason::row_outside_period: return "dated outside the period; the row was left out";
    case Reason::row_no_key: return "no id; the row was skipped";
    case Reason::value_bad_timestamp: return "not a date or time in this column's format; the cell was left out";
    case Reason::value_bad_number: return "not a number; the cell was left out";
    case Reason::value_bad_duration: return "not a duration; the cell was left out";
    case Reason::value_out_of_scale: return "outside the rating scale; the cell was left out";
    case Reason::value_unknown_outcome: return "an outcome word that is not known; the cell was left out";
    case Reason::duration_negative: return "ends before it starts; the duration was left out";
    case Reason::ticket_no_created: return "no creation time; the row was skipped";
    case Reason::survey_no_score: return "no score; the response was skipped";
    case Reason::call_no_outcome: return "no outcome; the call was skipped";
    case Reason::transaction_no_customer: return "no customer; the row was skipped";
    case Reason::transaction_no_amount: return "no amount; the row was skipped";
    case Reason::qa_no_score: return "no scored criterion; the review was skipped";
    case Reason::row_not_data: return "not a record (a footer or a second header line); left out";
    case Reason::call_outbound: return "an outbound call; left out";
    case Reason::transaction_not_paid: return "not paid (refunded, failed, voided or pending); left out";
    case Reason::row_test_response: return "a survey preview, test or spam response, not a respondent's answer; left out";
    case Reason::count_: break;
  }
  return "not usable";
}

namespace {

constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// [-]digits[.digits] with at most 15 significant digits: exact as integer / 10^k (one rounding).
bool fast_number(std::string_view text, char decimal, double& out) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool negative = false;
  if (p < end && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    ++p;
  }
  if (p == end) return false;
  std::uint64_t mantissa = 0;
  int digits = 0, fraction_digits = 0;
  bool seen_decimal = false;
  for (; p < end; ++p) {
    const unsigned digit = static_cast<unsigned char>(*p) - '0';
    if (digit < 10) {
      mantissa = mantissa * 10 + digit;
      ++digits;
      fraction_digits += seen_decimal;
    } else if (*p == decimal && !seen_decimal) {
      seen_decimal = true;
    } else {
      return false;
    }
  }
  if (digits == 0 || digits > 15) return false;
  double value = static_cast<double>(mantissa);
  if (fraction_digits) value /= powers_of_ten[fraction_digits];
  out = negative ? -value : value;
  return true;
}

bool ascii_equal_lower(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower_word[i]) return false;
  }
  return true;
}

bool contains_lower(std::string_view text, std::string_view lower_word) {
  if (lower_word.size() > text.size()) return false;
  for (std::size_t start = 0; start + lower_word.size() <= text.size(); ++start) {
    if (ascii_equal_lower(text.substr(start, lower_word.size()), lower_word)) return true;
  }
  return false;
}

}  // namespace

bool TimeColumn::is_missing(std::string_view text) { return csv::is_missing_marker(text); }

namespace {

// Timestamps of the forms the core time parser does not know: six-digit YYMMDD (only in columns the
// mapper marked; local civil time) and dates with month names (local, or an instant when they carry
// a zone, as Twitter's "Tue Oct 31 22:10:47 +0000 2017" does).
bool read_extra_form(std::string_view text, bool six_digit, time::Timestamp& stamp) {
  const std::string_view trimmed = trim(text);
  int year = 0, month = 0, day = 0;
  if (six_digit) {
    if (!read_yymmdd(trimmed, year, month, day)) return false;
    stamp = time::Timestamp{};
    stamp.seconds = time::days_from_civil(year, month, day) * 86400;
    stamp.ok = true;
    return true;
  }
  thread_local std::string rewritten;  // reused: a column of such dates allocates once, not per row
  if (!month_name_date(trimmed, rewritten)) return false;
  stamp = time::parse_timestamp(rewritten, time::DateOrder::day_first);
  return stamp.ok;
}

}  // namespace

Read TimeColumn::read_slow(std::string_view text, std::int64_t& utc_millis) {
  time::Timestamp stamp;
  if (six_digit_dates_ || format_.kind == time::TimestampKind::invalid) {
    const std::string_view trimmed = trim(text);
    if (trimmed.empty() || is_missing(trimmed)) return Read::missing;
    if (!six_digit_dates_ && format_.kind == time::TimestampKind::invalid) format_ = time::detect_format(trimmed, order_);
    if (six_digit_dates_ || format_.kind == time::TimestampKind::invalid) {
      if (!read_extra_form(trimmed, six_digit_dates_, stamp)) return Read::bad;
    } else {
      stamp = time::parse_with(format_, text);
    }
  } else {
    stamp = time::parse_with(format_, text);
  }
  if (!stamp.ok) {
    if (is_missing(trim(text))) return Read::missing;
    if (!read_extra_form(text, false, stamp)) return Read::bad;
  }
  std::int64_t seconds = stamp.seconds;
  if (!stamp.has_offset) seconds = utc_ ? seconds - fixed_offset_ : zone_.local_to_utc(seconds);
  utc_millis = seconds * 1000 + stamp.millis;
  return Read::ok;
}

Read read_number(std::string_view text, char decimal, double& out) {
  if (text.empty()) return Read::missing;
  if (fast_number(text, decimal, out)) return Read::ok;
  const auto parsed = csv::parse_number(text, decimal);
  if (parsed && std::isfinite(*parsed)) {
    out = *parsed;
    return Read::ok;
  }
  if (csv::is_missing_marker(text)) return Read::missing;
  // Arabic-Indic digits (U+0660-0669, Persian U+06F0-06F9) with the Arabic decimal and thousands
  // signs (U+066B, U+066C), as Arabic-locale spreadsheets write them: read as ASCII digits.
  // Text without their lead bytes (0xD9, 0xDB) is not copied: most bad cells are words or dates.
  bool arabic_lead = false;
  for (const char c : text) arabic_lead |= static_cast<unsigned char>(c) == 0xD9 || static_cast<unsigned char>(c) == 0xDB;
  if (!arabic_lead) return Read::bad;
  std::string ascii;
  bool arabic = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (byte == 0xD9 && next >= 0xA0 && next <= 0xA9) {
      ascii += static_cast<char>('0' + (next - 0xA0));
    } else if (byte == 0xDB && next >= 0xB0 && next <= 0xB9) {
      ascii += static_cast<char>('0' + (next - 0xB0));
    } else if (byte == 0xD9 && next == 0xAB) {
      ascii += decimal == ',' ? ',' : '.';
    } else if (byte == 0xD9 && next == 0xAC) {
      // thousands separator: dropped
    } else {
      ascii += text[i];
      continue;
    }
    arabic = true;
    ++i;
  }
  if (arabic) {
    const auto converted = csv::parse_number(ascii, decimal);
    if (converted && std::isfinite(*converted)) {
      out = *converted;
      return Read::ok;
    }
  }
  return Read::bad;
}

Read read_money(std::string_view text, char decimal, double& out, std::string* currency) {
  if (currency) currency->clear();
  const Read plain = read_number(text, decimal, out);
  if (plain != Read::bad) return plain;
  const auto money = csv::split_currency(text);
  double value = 0;
  if (!money || read_number(money->number, decimal, value) != Read::ok) return Read::bad;  // "$-5" carries its sign in the number
  out = money->negative ? -value : value;
  if (currency) currency->assign(money->currency);
  return Read::ok;
}

Read read_duration(std::string_view text, char decimal, double unit_seconds, double& out_seconds, bool minutes_first) {
  if (text.empty()) return Read::missing;
  double number = 0;
  if (fast_number(text, decimal, number)) {
    out_seconds = number * unit_seconds;
    return Read::ok;
  }
  const std::string_view trimmed = trim(text);
  // h:mm, h:mm:ss, d.hh:mm:ss (and [-] in front)
  if (trimmed.find(':') != std::string_view::npos) {
    bool negative = false;
    std::string_view rest = trimmed;
    if (!rest.empty() && rest.front() == '-') {
      negative = true;
      rest.remove_prefix(1);
    }
    double days = 0;
    const std::size_t dot = rest.find('.');
    const std::size_t colon = rest.find(':');
    if (dot != std::string_view::npos && dot < colon) {
      if (!fast_number(rest.substr(0, dot), '.', days)) return Read::bad;
      rest.remove_prefix(dot + 1);
    }
    double parts[3] = {0, 0, 0};
    int count = 0;
    std::size_t start = 0;
    while (true) {
      const std::size_t stop = rest.find(':', start);
      const std::string_view piece = rest.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
      double value = 0;
      if (count == 3 || !fast_number(piece, '.', value) || value < 0) return Read::bad;
      parts[count++] = value;
      if (stop == std::string_view::npos) break;
      start = stop + 1;
    }
    if (count < 2) return Read::bad;
    const double seconds = count == 2 && minutes_first ? days * 86400 + parts[0] * 60 + parts[1]
                                                       : days * 86400 + parts[0] * 3600 + parts[1] * 60 + (count == 3 ? parts[2] : 0);
    out_seconds = negative ? -seconds : seconds;
    return Read::ok;
  }
  const auto parsed = csv::parse_number(trimmed, decimal);
  if (parsed && std::isfinite(*parsed)) {
    out_seconds = *parsed * unit_seconds;
    return Read::ok;
  }
  if (csv::is_missing_marker(text)) return Read::missing;
  return read_worded_duration(trimmed, out_seconds) ? Read::ok : Read::bad;
}

Read read_flag(std::string_view text, bool& out) {
  const std::string_view value = trim(text);
  if (value.empty()) return Read::missing;
  static constexpr std::string_view yes[] = {"true", "yes", "y", "1", "t", "met", "achieved", "ok", "pass", "passed", "kyllä", "jah", "da", "evet", "نعم"};
  static constexpr std::string_view no[] = {"false", "no", "n", "0", "f", "breached", "violated", "missed", "fail", "failed", "ei", "nu", "hayır", "لا"};
  for (std::string_view word : yes) {
    if (ascii_equal_lower(value, word)) {
      out = true;
      return Read::ok;
    }
  }
  for (std::string_view word : no) {
    if (ascii_equal_lower(value, word)) {
      out = false;
      return Read::ok;
    }
  }
  // "Within SLA" / "SLA Violated" (Freshdesk), "Breached"
  if (contains_lower(value, "violat") || contains_lower(value, "breach") || contains_lower(value, "overdue") ||
      contains_lower(value, "missed") || contains_lower(value, "not met")) {
    out = false;
    return Read::ok;
  }
  if (contains_lower(value, "within") || contains_lower(value, "met") || contains_lower(value, "achieved")) {
    out = true;
    return Read::ok;
  }
  return csv::is_missing_marker(value) ? Read::missing : Read::bad;
}

// ------------------------------------------------------------------------ worded forms

namespace {

struct UnitWord {
  std::string_view word;
  double seconds;
};

// Unit words and letters of worded durations (English, as Chatwoot's reports and most tools write
// them, plus the short forms "1h 2m").
constexpr UnitWord duration_units[] = {
    {"d", 86400},     {"day", 86400},     {"days", 86400},   {"h", 3600},        {"hr", 3600},     {"hrs", 3600},
    {"hour", 3600},   {"hours", 3600},    {"m", 60},         {"min", 60},        {"mins", 60},     {"minute", 60},
    {"minutes", 60},  {"s", 1},           {"sec", 1},        {"secs", 1},        {"second", 1},    {"seconds", 1},
    {"w", 604800},    {"week", 604800},   {"weeks", 604800},
};

constexpr std::string_view month_names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view long_month_names[] = {"january", "february", "march",     "april",   "may",      "june",
                                                 "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int month_of_word(std::string_view word) {
  for (int m = 0; m < 12; ++m) {
    if (ascii_equal_lower(word, month_names[m]) || ascii_equal_lower(word, long_month_names[m])) return m + 1;
  }
  if (ascii_equal_lower(word, "sept")) return 9;
  return 0;
}

// ctime and Twitter's API write the year last, after the time and the zone: "Oct 31 22:10:47 +0000
// 2017", "Oct 31 22:10:47 2017" (the weekday already dropped). Rewritten as "31/10/2017 22:10:47
// +0000". False for anything else.
bool ctime_date(std::string_view t, std::string& day_first_text) {
  std::size_t i = 0;
  while (i < t.size() && is_alpha(t[i])) ++i;
  const int month = month_of_word(t.substr(0, i));
  if (month == 0) return false;
  auto blanks = [&] {
    const std::size_t start = i;
    while (i < t.size() && t[i] == ' ') ++i;
    return i > start;
  };
  auto digits = [&](std::size_t low, std::size_t high) {
    const std::size_t start = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    return i - start >= low && i - start <= high ? t.substr(start, i - start) : std::string_view();
  };
  if (!blanks()) return false;
  const std::string_view day = digits(1, 2);
  if (day.empty() || !blanks()) return false;
  const std::size_t time_start = i;
  if (digits(1, 2).empty() || i >= t.size() || t[i++] != ':' || digits(2, 2).empty()) return false;
  if (i < t.size() && t[i] == ':') {
    ++i;
    if (digits(2, 2).empty()) return false;
  }
  const std::string_view clock = t.substr(time_start, i - time_start);
  if (!blanks()) return false;
  std::string_view zone;
  if (i < t.size() && (t[i] == '+' || t[i] == '-' || is_alpha(t[i]))) {
    const std::size_t zone_start = i++;
    while (i < t.size() && t[i] != ' ') ++i;
    zone = t.substr(zone_start, i - zone_start);
    if (!blanks()) return false;
  }
  const std::string_view year = digits(4, 4);
  if (year.empty() || i != t.size()) return false;
  day_first_text.assign(day);
  day_first_text += month < 10 ? "/0" : "/";
  day_first_text += std::to_string(month);
  day_first_text += '/';
  day_first_text.append(year);
  day_first_text += ' ';
  day_first_text.append(clock);
  if (!zone.empty()) {
    day_first_text += ' ';
    day_first_text.append(zone);
  }
  return true;
}

}  // namespace

bool read_worded_duration(std::string_view text, double& out_seconds) {
  const std::string_view t = trim(text);
  std::size_t i = 0;
  double total = 0;
  int parts = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == ',')) ++i;
    if (i == t.size()) break;
    const std::size_t number_start = i;
    while (i < t.size() && (is_digit(t[i]) || t[i] == '.')) ++i;
    if (i == number_start) return false;
    double value = 0;
    if (!fast_number(t.substr(number_start, i - number_start), '.', value)) return false;
    while (i < t.size() && t[i] == ' ') ++i;
    const std::size_t unit_start = i;
    while (i < t.size() && is_alpha(t[i])) ++i;
    if (i == unit_start) return false;
    const std::string_view unit = t.substr(unit_start, i - unit_start);
    double unit_seconds = 0;
    for (const UnitWord& known : duration_units) {
      if (ascii_equal_lower(unit, known.word)) unit_seconds = known.seconds;
    }
    if (unit_seconds == 0) return false;
    total += value * unit_seconds;
    ++parts;
  }
  if (parts == 0) return false;
  out_seconds = total;
  return true;
}

bool month_name_date(std::string_view text, std::string& day_first_text) {
  std::string_view t = trim(text);
  // RFC 2822 (Twilio, e-mail headers): "Mon, 04 Mar 2024 09:00:02 +0000" starts with a weekday.
  if (t.size() > 5 && is_alpha(t[0])) {
    std::size_t w = 0;
    while (w < t.size() && is_alpha(t[w])) ++w;
    static constexpr std::string_view weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
                                                    "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "thur", "thurs"};
    bool weekday = false;
    for (std::string_view name : weekdays) weekday = weekday || ascii_equal_lower(t.substr(0, w), name);
    if (weekday && w < t.size() && (t[w] == ',' || t[w] == ' ')) {
      while (w < t.size() && (t[w] == ',' || t[w] == ' ')) ++w;
      t = t.substr(w);
    }
  }
  if (ctime_date(t, day_first_text)) return true;
  // Three leading tokens separated by '/', '-', '.', ' ' or ", ": day month year or month day year.
  std::string_view tokens[3];
  std::size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    const std::size_t start = i;
    if (i < t.size() && is_alpha(t[i])) {
      while (i < t.size() && is_alpha(t[i])) ++i;
      if (i < t.size() && t[i] == '.') ++i;  // "Sept."
    } else {
      while (i < t.size() && is_digit(t[i])) ++i;
    }
    if (i == start) return false;
    tokens[k] = t.substr(start, i - start);
    if (!tokens[k].empty() && tokens[k].back() == '.') tokens[k].remove_suffix(1);
    if (k < 2) {
      const std::size_t separators = i;
      while (i < t.size() && (t[i] == '/' || t[i] == '-' || t[i] == '.' || t[i] == ' ' || t[i] == ',')) ++i;
      if (i == separators || i - separators > 2) return false;
    }
  }
  std::string_view day, year;
  int month = 0;
  if ((month = month_of_word(tokens[1])) != 0) {
    day = tokens[0];
    year = tokens[2];
  } else if ((month = month_of_word(tokens[0])) != 0) {
    day = tokens[1];
    year = tokens[2];
  } else {
    return false;
  }
  auto digits = [](std::string_view s) {
    for (char c : s) {
      if (!is_digit(c)) return false;
    }
    return !s.empty();
  };
  if (!digits(day) || day.size() > 2 || !digits(year) || (year.size() != 2 && year.size() != 4)) return false;
  day_first_text.assign(day);
  day_first_text += '/';
  if (month < 10) day_first_text += '0';
  day_first_text += std::to_string(month);
  day_first_text += '/';
  day_first_text.append(year);
  const std::string_view rest = trim(t.substr(i));
  if (!rest.empty()) {
    // A time must follow a separator ("04/Mar/24 9:00 AM", "4 March 2024, 09:15").
    if (!is_digit(rest.front())) return false;
    day_first_text += ' ';
    day_first_text.append(rest);
  }
  return true;
}

bool read_yymmdd(std::string_view text, int& year, int& month, int& day) {
  if (text.size() != 6) return false;
  int v[6];
  for (int k = 0; k < 6; ++k) {
    if (!is_digit(text[static_cast<std::size_t>(k)])) return false;
    v[k] = text[static_cast<std::size_t>(k)] - '0';
  }
  const int yy = v[0] * 10 + v[1];
  year = yy <= 68 ? 2000 + yy : 1900 + yy;
  month = v[2] * 10 + v[3];
  day = v[4] * 10 + v[5];
  return month >= 1 && month <= 12 && day >= 1 && day <= time::days_in_month(year, month);
}

}  // namespace skpi::analysis
