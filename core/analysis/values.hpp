// Per-cell value readers of the analysis hot path (numbers, durations, timestamps with a fixed
// per-column format) and the skip/issue bookkeeping that turns bad cells into counted reasons.
#pragma once

#include <array>
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
  count_
};
inline constexpr std::size_t reason_count = static_cast<std::size_t>(Reason::count_);
const char* reason_code(Reason reason);

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
    remember(reason, row, column);
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

/** A duration cell: a number of `unit_seconds` units, or h:mm[:ss] / d.hh:mm:ss. */
Read read_duration(std::string_view text, char decimal, double unit_seconds, double& out_seconds);

/** Interprets yes/no cells: true/false, yes/no, 1/0, y/n, met/violated, "within SLA"/"SLA violated". */
Read read_flag(std::string_view text, bool& out);

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
  const time::TimestampFormat& format() const { return format_; }

  Read read(std::string_view text, std::int64_t& utc_millis) {
    if (text.empty()) return Read::missing;
    std::int64_t seconds = 0;
    bool has_offset = false;
    if (fast_iso(text, seconds, has_offset)) {
      if (!has_offset) seconds = utc_ ? seconds - fixed_offset_ : zone_.local_to_utc(seconds);
      utc_millis = seconds * 1000;
      return Read::ok;
    }
    if (format_.kind == time::TimestampKind::invalid) {
      const std::string_view trimmed = trim(text);
      if (trimmed.empty() || is_missing(trimmed)) return Read::missing;
      format_ = time::detect_format(trimmed, order_);
      if (format_.kind == time::TimestampKind::invalid) return Read::bad;
    }
    const time::Timestamp stamp = time::parse_with(format_, text);
    if (!stamp.ok) return is_missing(trim(text)) ? Read::missing : Read::bad;
    seconds = stamp.seconds;
    if (!stamp.has_offset) seconds = utc_ ? seconds - fixed_offset_ : zone_.local_to_utc(seconds);
    utc_millis = seconds * 1000 + stamp.millis;
    return Read::ok;
  }

  static bool is_missing(std::string_view text);

  /** The common ISO layouts YYYY-MM-DD[( |T)HH:MM[:SS]][Z] read directly; false sends the text to
   *  time::parse_with (other layouts, fractions, offsets, anything out of range). */
  static bool fast_iso(std::string_view text, std::int64_t& seconds, bool& has_offset) {
    const std::size_t size = text.size();
    if (size != 19 && size != 20 && size != 10 && size != 16 && size != 17) return false;
    const char* p = text.data();
    auto digit = [p](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(p[i]) - '0'); };
    if (p[4] != '-' || p[7] != '-') return false;
    const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5), m1 = digit(6), d0 = digit(8), d1 = digit(9);
    if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9)) return false;
    const int year = static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
    const int month = static_cast<int>(m0 * 10 + m1);
    const int day = static_cast<int>(d0 * 10 + d1);
    if (month < 1 || month > 12 || day < 1 || day > time::days_in_month(year, month)) return false;
    std::int64_t time_of_day = 0;
    std::size_t end = 10;
    if (size > 10) {
      if ((p[10] != 'T' && p[10] != ' ') || p[13] != ':') return false;
      const unsigned h0 = digit(11), h1 = digit(12), n0 = digit(14), n1 = digit(15);
      if ((h0 > 9) | (h1 > 9) | (n0 > 9) | (n1 > 9)) return false;
      const unsigned hour = h0 * 10 + h1, minute = n0 * 10 + n1;
      if (hour > 23 || minute > 59) return false;
      unsigned second = 0;
      end = 16;
      if (size >= 19) {
        if (p[16] != ':') return false;
        const unsigned s0 = digit(17), s1 = digit(18);
        if ((s0 > 9) | (s1 > 9)) return false;
        second = s0 * 10 + s1;
        if (second > 59) return false;
        end = 19;
      }
      time_of_day = static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;
    }
    has_offset = false;
    if (size == end + 1) {
      if (p[end] != 'Z') return false;
      has_offset = true;
    } else if (size != end) {
      return false;
    }
    seconds = time::days_from_civil(year, month, day) * 86400 + time_of_day;
    return true;
  }

 private:
  int index_ = -1;
  time::TimestampFormat format_;
  time::DateOrder order_ = time::DateOrder::day_first;
  time::ZoneConverter zone_{time::utc_zone()};
  bool utc_ = true;
  int fixed_offset_ = 0;
};

/** Local day number and seconds-of-day of UTC instants in one time zone, with the offset cached. */
class LocalClock {
 public:
  explicit LocalClock(const time::Zone& zone) : zone_(zone), fixed_(time::is_fixed_offset(zone)) {
    if (fixed_) offset_ = time::utc_offset_seconds(0, zone);
  }
  std::int64_t local_seconds(std::int64_t utc_millis) {
    const std::int64_t seconds = floor_div(utc_millis, 1000);
    return fixed_ ? seconds + offset_ : zone_.utc_to_local(seconds);
  }
  std::int64_t day(std::int64_t utc_millis) { return floor_div(local_seconds(utc_millis), 86400); }

  static std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return quotient - ((value % divisor != 0) && (value < 0) ? 1 : 0);
  }

 private:
  time::ZoneConverter zone_;
  bool fixed_;
  int offset_ = 0;
};

inline constexpr std::int64_t no_time = INT64_MIN;

}  // namespace skpi::analysis
