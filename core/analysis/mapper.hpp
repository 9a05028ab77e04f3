// Column mapping of file analysis: sample profiling (what the values look like), header names →
// roles with value checks, inference from values when there is no header, and the kind choice.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/options.hpp"
#include "core/analysis/roles.hpp"
#include "core/common/error.hpp"
#include "core/time/parse.hpp"

namespace skpi::analysis {

/** The first records of a file, held while the mapping is decided. */
struct Sample {
  std::vector<std::string> names;
  // A second header line below the names (Qualtrics: the question texts under Q1, Q2, ...), when
  // the file has one; empty otherwise. It is evidence for the mapping, not a record.
  std::vector<std::string> labels;
  bool has_header = true;
  std::string text;                                  // field bytes, back to back
  std::vector<std::uint32_t> field_offsets;          // begin of each field in text (+ one past the last)
  std::vector<std::uint32_t> record_first_field;     // index into field_offsets per record
  std::vector<std::uint64_t> row_numbers;

  void add(const std::string_view* fields, std::size_t count, std::uint64_t row);
  std::size_t records() const { return row_numbers.size(); }
  std::size_t fields_in(std::size_t record) const { return record_first_field[record + 1] - record_first_field[record]; }
  std::string_view field(std::size_t record, std::size_t column) const {
    if (column >= fields_in(record)) return {};
    const std::size_t index = record_first_field[record] + column;
    return std::string_view(text.data() + field_offsets[index], field_offsets[index + 1] - field_offsets[index]);
  }
  void clear();
};

struct ColumnProfile {
  std::size_t values = 0;      // non-missing
  std::size_t numbers = 0;
  std::size_t integers = 0;
  std::size_t zero_to_ten = 0;    // numbers within 0..10 (rating scales)
  std::size_t leading_zeros = 0;  // integers written with a leading 0 ("00017"): identifiers
  std::size_t timestamps = 0;  // text timestamps (either date order)
  std::size_t year_first = 0;
  std::size_t durations = 0;   // h:mm[:ss]
  std::size_t verdicts = 0;    // good/bad, yes/no words
  std::size_t outcomes = 0;    // call outcome words
  std::size_t ticket_states = 0;  // open/solved/... words
  std::size_t outcome_only = 0;   // call outcome words that are no ticket state ("no-answer", "busy")
  std::size_t state_only = 0;     // ticket states that are no call outcome ("open", "closed")
  std::size_t payments = 0;       // payment outcome words that are no ticket state ("paid", "refunded")
  std::size_t response_types = 0;      // Qualtrics response types: words ("IP Address", "Spam") or codes (0, 1, 2, 4, 8, 16, 17)
  std::size_t response_type_words = 0;  // the words only
  double min = 0, max = 0;
  bool any_number = false;
  std::size_t distinct = 0;    // distinct values among the first 256 kinds seen
  bool distinct_overflow = false;
  std::size_t repeated = 0;    // values equal to one seen before
  time::NumericTimestampClass numeric_time;  // for columns of plain numbers
  std::string first_value;     // first non-missing value (for formats and examples)
  std::size_t month_names = 0;    // timestamps written with a month name ("04/Mar/24 9:00 AM")
  std::size_t worded_durations = 0;  // "1 hour 5 minutes", "1h 2m"
  std::size_t percents = 0;       // "85%", "85 %"
  std::size_t money = 0;          // amounts with a currency sign or code ("$1,234.50", "12,00 EUR")
  std::size_t six_digit_dates = 0;  // exactly six digits forming a valid YYMMDD date
  std::size_t lead_pairs = 0, tail_pairs = 0;  // distinct first / last two digits of six-digit values
};

/** A column of six-digit YYMMDD dates: every value is one, and the last two digits (the day) vary at
 *  least as much as the first two (the year); DDMMYY data varies the other way round and is not read
 *  as YYMMDD. Only used for columns whose header already says they hold dates. */
bool six_digit_date_column(const ColumnProfile& profile);

std::vector<ColumnProfile> profile_columns(const Sample& sample, char decimal);

/** A scale written in a header: "Tone (1-5)", "Accuracy 0–10", "Greeting out of 5", "Empathy /4". */
bool scale_from_header(const std::string& header, double& low, double& high);

struct MappedColumn {
  int index = -1;
  std::string name;
  Role role = Role::none;
  double unit_seconds = 1;
  std::string source;   // "header", "option", "values"
  std::string note;     // why a recognised name was not used, or what the values looked like
  std::string type;     // "timestamp", "number", "text", "empty"
  std::string label;    // the column's text on a second header line (a question), if any
};

/** One criterion column of a wide QA file (one row per review, one column per criterion): raw
 *  values low..high become 0-100; pass/fail and yes/no words are 100/0. */
struct WideCriterion {
  int index = -1;
  double low = 0, high = 100;
  std::string scale;  // "1-5", "0-1", "0-100", "pass/fail", ...
  std::string scale_source;  // "header" or "values"
};

struct Mapping {
  std::vector<MappedColumn> columns;
  std::vector<WideCriterion> criteria;  // wide QA files only
  std::array<int, role_count> column_of{};  // column index per role, -1 when none
  Kind kind = Kind::table;
  std::string kind_reason;
  std::vector<std::string> warnings;  // recognised names not used, and why
  std::vector<std::string> notes;     // assumptions the figures rest on (a duration unit no header states)

  int column(Role role) const { return column_of[static_cast<std::size_t>(role)]; }
  bool has(Role role) const { return column(role) >= 0; }
  double unit(Role role) const {
    const int index = column(role);
    return index >= 0 ? columns[static_cast<std::size_t>(index)].unit_seconds : 1;
  }
};

/** Roles from header names (or values without a header), checked against the sample; the explicit
 *  mapping option wins. An error when the option names a column that does not exist. */
std::optional<Error> map_columns(const Sample& sample, const std::vector<ColumnProfile>& profiles, const Options& options,
                                 Mapping& mapping);

/** A message log linked by replies: message ids, the message each row answers, and who wrote it
 *  (an inbound flag or an author type), as Customer Support on Twitter. */
bool reply_log(const Mapping& mapping);

/** Kind from the mapped roles (or the option), with the reason in words. */
void choose_kind(const std::vector<ColumnProfile>& profiles, const Options& options, Mapping& mapping);

/** Call outcome words: 1 answered, 2 abandoned, 3 other (phantom, busy, failed), 0 not an outcome. */
int classify_outcome(std::string_view value);
/** Call direction words: 1 inbound (inbound, incoming, in), 2 outbound (outbound, outgoing, out,
 *  Twilio's outbound-api / outbound-dial), 0 unknown. */
int classify_direction(std::string_view value);
/** Payment outcome words (Shopify "Financial Status", Stripe "Status"): 1 money received (paid,
 *  succeeded, partially refunded), 2 no revenue (refunded, failed, voided, pending, authorized, declined),
 *  0 unknown. */
int classify_payment(std::string_view value);
/** Ticket status words: 1 resolved (solved, closed, done, resolved...), 2 open (new, open, pending,
 *  on hold, in progress, awaiting...), 0 unknown. */
int classify_status(std::string_view value);
/** Text CSAT verdicts: 1 good/satisfied, 2 bad/unsatisfied, 3 offered/unoffered (no answer), 0 none. */
int classify_verdict(std::string_view value);
/** NPS answers written as labels: the end points "Not at all likely" (0) and "Extremely likely" (10),
 *  and "<n> - <label>" forms such as "10 - Extremely likely" or "0 = Not likely at all" (n within 0..10).
 *  -1 when the text is neither. */
int nps_label(std::string_view value);
/** Worded rating scales as numbers: the five-point satisfaction scale ("Extremely satisfied" 5 ...
 *  "Neutral" 3 ... "Extremely dissatisfied" 1, Freshdesk's current survey) and the three-point one
 *  ("Awesome" 3, "Just okay" 2, "Not good" 1, Freshdesk's classic survey). 0 when the text is neither. */
int worded_rating(std::string_view value);

}  // namespace skpi::analysis
