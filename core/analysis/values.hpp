// Per-cell value readers of the analysis hot path (numbers, durations, timestamps with a fixed
// per-column format) and the skip/issue bookkeeping that turns bad cells into counted reasons.
#pragma once

#include <array>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/civil.hpp"
#include "core/time/parse.hpp"
#include "core/time/zone.hpp"

namespace skpi::analysis {

/** Reason codes of skipped rows and bad cells (stable; the page translates by code). */
enum class Reason : std::uint8_t {
  row_ragged,
  row_outside_period,
  row_no_key,
  value_bad_timestamp,
  value_bad_number,
  value_bad_duration,
  value_out_of_scale,
  value_unknown_outcome,
  duration_negative,
  ticket_no_created,
  survey_no_score,
  call_no_outcome,
  transaction_no_customer,
  transaction_no_amount,
  qa_no_score,
  row_not_data,   // a report footer ("Grand Totals (14 records)", copyright) or a second header line
  call_outbound,  // an outbound call: not an offered contact
  transaction_not_paid,  // a refunded, failed, voided or pending payment: no revenue
  row_test_response,     // a survey preview, test or spam response (Qualtrics' response type)
  count_
};
inline constexpr std::size_t reason_count = static_cast<std::size_t>(Reason::count_);
const char* reason_code(Reason reason);
/** What a reason means, for a person: "not a number; the cell was left out". */
const char* reason_text(Reason reason);

struct BadCell {
  std::uint64_t row = 0;  // 1-based line in the file
  int column = -1;        // 0-based column index, -1 for the whole row
  Reason reason = Reason::row_ragged;
};

/** Counts of skipped rows (the row is not used) and of bad cells (the row is used without the cell),
 *  by reason, and the first few examples of each for the report. */
class Issues {
 public:
  static constexpr std::size_t max_examples = 10;
  void skip(Reason reason, std::uint64_t row, int column = -1) {
    ++skipped_[static_cast<std::size_t>(reason)];
    ++skipped_rows_;
    // Rows left out on purpose (outside the period, outbound calls, unpaid orders, survey previews,
    // tests and spam) are counted and summed up in a warning of their own, not listed as bad rows.
    if (reason != Reason::row_outside_period && reason != Reason::call_outbound && reason != Reason::transaction_not_paid &&
        reason != Reason::row_test_response)
      remember(reason, row, column);
  }
  // A line that is part of the header (a second header line of question texts, a line of import
  // ids) is counted as not a record, but it is no bad row: it is not listed.
  void skip_header_line(std::uint64_t row) {
    (void)row;
    ++skipped_[static_cast<std::size_t>(Reason::row_not_data)];
    ++skipped_rows_;
  }
  void cell(Reason reason, std::uint64_t row, int column) {
    ++cells_[static_cast<std::size_t>(reason)];
    remember(reason, row, column);
  }
  std::uint64_t skipped_rows() const { return skipped_rows_; }
  std::uint64_t skipped(Reason reason) const { return skipped_[static_cast<std::size_t>(reason)]; }
  std::uint64_t cells(Reason reason) const { return cells_[static_cast<std::size_t>(reason)]; }
  const std::vector<BadCell>& examples() const { return examples_; }

 private:
  void remember(Reason reason, std::uint64_t row, int column) {
    if (examples_.size() < max_examples) examples_.push_back(BadCell{row, column, reason});
  }
  std::array<std::uint64_t, reason_count> skipped_{};
  std::array<std::uint64_t, reason_count> cells_{};
  std::uint64_t skipped_rows_ = 0;
  std::vector<BadCell> examples_;
};

enum class Read : std::uint8_t { missing, ok, bad };

/** Trims ASCII blanks (and a trailing CR some exports leave inside quotes). */
inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

/** A number cell with `decimal` as decimal mark; plain numbers take a fast exact path, anything else
 *  (thousands separators, exponents, NBSP) goes through csv::parse_number. Missing markers are missing. */
Read read_number(std::string_view text, char decimal, double& out);

/** A duration cell: a number of `unit_seconds` units, or h:mm[:ss] / d.hh:mm:ss. With
 *  `minutes_first`, two parts are m:ss, as call-centre tools write waits and talk times ("4:05"). */
Read read_duration(std::string_view text, char decimal, double unit_seconds, double& out_seconds, bool minutes_first = false);

/** An amount of money: a number, or a number with a currency sign or ISO code before or after it
 *  ("$1,234.50", "USD 12.00", "1 234,50 €", "12,00 kr", "-$5", "$-5", accounting "($5.00)" = -5).
 *  `currency`, when given, receives the sign or code as written (empty for a plain number). */
Read read_money(std::string_view text, char decimal, double& out, std::string* currency = nullptr);

/** Interprets yes/no cells: true/false, yes/no, 1/0, y/n, met/violated, "within SLA"/"SLA violated". */
Read read_flag(std::string_view text, bool& out);

/** Durations written in words or unit letters, as report exports write them: "1 day 2 hours",
 *  "5 minutes 30 seconds", "1h 2m", "2d 3h 4m 5s", "45 sec". The unit words are a table in
 *  values.cpp. False when any part is not a number followed by a known unit. */
bool read_worded_duration(std::string_view text, double& out_seconds);

/** Dates with an English month name, as Jira writes them ("04/Mar/24 9:00 AM", "4-Mar-2024",
 *  "4 March 2024 09:15", "Mar 4, 2024 9:15 PM"): rewritten to "dd/mm/yyyy[ rest]", which
 *  time::parse_timestamp reads day-first. False when the text has no month name in a date position. */
bool month_name_date(std::string_view text, std::string& day_first_text);

/** Six-digit YYMMDD dates ("240315" = 2024-03-15; years 00-68 are 20xx, 69-99 19xx as POSIX %y).
 *  False unless the text is exactly six digits forming a valid date. */
bool read_yymmdd(std::string_view text, int& year, int& month, int& day);

/** One timestamp column: a format fixed from the sample (or from the first value, when the sample
 *  had none), read into UTC milliseconds. Naive values are local time in `zone`. */
class TimeColumn {
 public:
  TimeColumn() = default;
  TimeColumn(int index, time::TimestampFormat format, time::DateOrder order, const time::Zone& zone)
      : index_(index), format_(format), order_(order), zone_(zone), utc_(time::is_fixed_offset(zone)) {
    if (utc_) fixed_offset_ = time::utc_offset_seconds(0, zone);
  }

  int index() const { return index_; }
  bool valid() const { return index_ >= 0; }
  /** The column holds six-digit YYMMDD dates (decided by the mapper from a date header and values). */
  void read_six_digit_dates() { six_digit_dates_ = true; }
  bool six_digit_dates() const { return six_digit_dates_; }
  const time::TimestampFormat& format() const { return format_; }

  [[gnu::always_inline]] Read read(std::string_view text, std::int64_t& utc_millis) {
    if (text.empty()) return Read::missing;
    std::int64_t seconds = 0;
    bool has_offset = false;
    // The date cache pays off on columns sorted by time (creation dates); on others it is a coin
    // toss for the branch predictor, so it switches itself off after a trial.
    if (fast_iso(text, seconds, has_offset, use_cache_ ? &date_cache_ : nullptr, &month_cache_)) {
      if (use_cache_ && ++cache_trials_ == 4096) use_cache_ = date_cache_.hits * 10 >= cache_trials_ * 9;
      if (!has_offset) seconds = utc_ ? seconds - fixed_offset_ : zone_.local_to_utc(seconds);
      utc_millis = seconds * 1000;
      return Read::ok;
    }
    return read_slow(text, utc_millis);
  }

  static bool is_missing(std::string_view text);
  /** Every form time::parse_with knows, and the format detection of a column that had no value in the sample. */
  Read read_slow(std::string_view text, std::int64_t& utc_millis);

  /** The common ISO layouts YYYY-MM-DD[( |T)HH:MM[:SS]][Z] read directly (eight bytes at a time);
   *  false sends the text to time::parse_with (other layouts, fractions, offsets, out of range).
   *  `cache` remembers the last date part: exports list many tickets per day. */
  struct DateCache {
    std::uint64_t first8 = 0;
    std::uint16_t last2 = 0;
    std::int64_t day_seconds = 0;
    bool valid = false;
    std::uint32_t hits = 0;
  };
  /** The last "YYYY-MM-" prefix read, with the day number of its first day and its length: dates
   *  of one month share it even where the exact date changes from row to row (first-response and
   *  resolution columns), and it saves the calendar arithmetic. */
  struct MonthCache {
    std::uint64_t first8 = 0;  // 0 never equals a valid prefix
    std::int64_t first_day = 0;
    int days = 0;
  };
  [[gnu::always_inline]] static bool fast_iso(std::string_view text, std::int64_t& seconds, bool& has_offset, DateCache* cache = nullptr,
                                              MonthCache* months = nullptr) {
    const std::size_t size = text.size();
    if (size != 19 && size != 20 && size != 10 && size != 16 && size != 17) return false;
    const char* p = text.data();
    std::uint64_t date_word;
    std::uint16_t date_tail;
    std::memcpy(&date_word, p, 8);
    std::memcpy(&date_tail, p + 8, 2);
    std::int64_t day_seconds;
    if (cache && cache->valid && cache->first8 == date_word && cache->last2 == date_tail) {
      day_seconds = cache->day_seconds;
      ++cache->hits;
    } else {
      const unsigned d0 = static_cast<unsigned char>(p[8]) - '0', d1 = static_cast<unsigned char>(p[9]) - '0';
      if (d0 > 9 || d1 > 9) return false;
      const int day = static_cast<int>(d0 * 10 + d1);
      if (months && months->first8 == date_word) {  // the prefix was checked when it was cached
        if (day < 1 || day > months->days) return false;
        day_seconds = (months->first_day + day - 1) * 86400;
      } else {
        // "YYYY-MM-": digits at bytes 0-3 and 5-6, '-' at 4 and 7 (little-endian lanes).
        constexpr std::uint64_t digit_lanes = 0x00FF'FF00'FFFF'FFFFull;
        constexpr std::uint64_t dash_lanes = 0x2D00'002D'0000'0000ull;
        if ((date_word & ~digit_lanes) != dash_lanes || !all_digits(date_word, digit_lanes)) return false;
        const std::uint64_t v = date_word - (0x3030303030303030ull & digit_lanes);
        const int year = static_cast<int>((v & 0xFF) * 1000 + ((v >> 8) & 0xFF) * 100 + ((v >> 16) & 0xFF) * 10 + ((v >> 24) & 0xFF));
        const int month = static_cast<int>(((v >> 40) & 0xFF) * 10 + ((v >> 48) & 0xFF));
        if (month < 1 || month > 12) return false;
        const int length = time::days_in_month(year, month);
        if (day < 1 || day > length) return false;
        const std::int64_t first_day = time::days_from_civil(year, month, 1);
        day_seconds = (first_day + day - 1) * 86400;
        if (months) *months = MonthCache{date_word, first_day, length};
      }
      if (cache) *cache = DateCache{date_word, date_tail, day_seconds, true, cache->hits};
    }
    std::int64_t time_of_day = 0;
    std::size_t end = 10;
    if (size > 10) {
      if (p[10] != 'T' && p[10] != ' ') return false;
      if (size >= 19) {
        // "HH:MM:SS": digits at 0-1, 3-4, 6-7 and ':' at 2 and 5.
        std::uint64_t word;
        std::memcpy(&word, p + 11, 8);
        constexpr std::uint64_t digit_lanes = 0xFFFF'00FF'FF00'FFFFull;
        constexpr std::uint64_t colon_lanes = 0x0000'3A00'003A'0000ull;
        if ((word & ~digit_lanes) != colon_lanes || !all_digits(word, digit_lanes)) return false;
        const std::uint64_t v = word - (0x3030303030303030ull & digit_lanes);
        const unsigned hour = static_cast<unsigned>((v & 0xFF) * 10 + ((v >> 8) & 0xFF));
        const unsigned minute = static_cast<unsigned>(((v >> 24) & 0xFF) * 10 + ((v >> 32) & 0xFF));
        const unsigned second = static_cast<unsigned>(((v >> 48) & 0xFF) * 10 + ((v >> 56) & 0xFF));
        if (hour > 23 || minute > 59 || second > 59) return false;
        time_of_day = static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;
        end = 19;
      } else {
        if (p[13] != ':') return false;
        const unsigned h0 = static_cast<unsigned char>(p[11]) - '0', h1 = static_cast<unsigned char>(p[12]) - '0';
        const unsigned n0 = static_cast<unsigned char>(p[14]) - '0', n1 = static_cast<unsigned char>(p[15]) - '0';
        if ((h0 > 9) | (h1 > 9) | (n0 > 9) | (n1 > 9)) return false;
        const unsigned hour = h0 * 10 + h1, minute = n0 * 10 + n1;
        if (hour > 23 || minute > 59) return false;
        time_of_day = static_cast<std::int64_t>(hour) * 3600 + minute * 60;
        end = 16;
      }
    }
    has_offset = false;
    if (size == end + 1) {
      if (p[end] != 'Z') return false;
      has_offset = true;
    } else if (size != end) {
      return false;
    }
    seconds = day_seconds + time_of_day;
    return true;
  }

 private:
  // Every byte in `lanes` of `word` is an ASCII digit.
  static bool all_digits(std::uint64_t word, std::uint64_t lanes) {
    const std::uint64_t bytes = word & lanes;
    const std::uint64_t high_nibbles = 0xF0F0F0F0F0F0F0F0ull & lanes;
    const std::uint64_t threes = 0x3030303030303030ull & lanes;
    const std::uint64_t sixes = 0x0606060606060606ull & lanes;
    return (bytes & high_nibbles) == threes && ((bytes + sixes) & high_nibbles) == threes;
  }

  int index_ = -1;
  time::TimestampFormat format_;
  time::DateOrder order_ = time::DateOrder::day_first;
  time::ZoneConverter zone_{time::utc_zone()};
  DateCache date_cache_;
  MonthCache month_cache_;
  bool use_cache_ = true;
  std::uint32_t cache_trials_ = 0;
  bool utc_ = true;
  int fixed_offset_ = 0;
  bool six_digit_dates_ = false;
};

/** Local day number and seconds-of-day of UTC instants in one time zone, with the offset cached. */
class LocalClock {
 public:
  explicit LocalClock(const time::Zone& zone) : zone_(zone), fixed_(time::is_fixed_offset(zone)) {
    if (fixed_) offset_ = time::utc_offset_seconds(0, zone);
    offset_millis_ = static_cast<std::int64_t>(offset_) * 1000;
  }
  std::int64_t local_seconds(std::int64_t utc_millis) {
    const std::int64_t seconds = floor_div(utc_millis, 1000);
    return fixed_ ? seconds + offset_ : zone_.utc_to_local(seconds);
  }
  std::int64_t day(std::int64_t utc_millis) {
    if (fixed_) return floor_div(utc_millis + offset_millis_, 86400000);
    return floor_div(local_seconds(utc_millis), 86400);
  }

  static std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return quotient - ((value % divisor != 0) && (value < 0) ? 1 : 0);
  }

 private:
  time::ZoneConverter zone_;
  bool fixed_;
  int offset_ = 0;
  std::int64_t offset_millis_ = 0;
};

inline constexpr std::int64_t no_time = INT64_MIN;

}  // namespace skpi::analysis
