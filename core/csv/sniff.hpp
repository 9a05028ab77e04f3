// Dialect sniffing on a decoded UTF-8 sample: delimiter (or runs of blanks), header row below a
// preamble, decimal mark, line ending. Pure functions, used by StreamReader before it streams.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/tokenizer.hpp"

namespace skpi::csv {

/// One record of the sample, in the same index space as the stream: empty lines and dropped
/// records take an index too, so header_row means the same thing in both.
struct SampleRecord {
  enum class Kind : std::uint8_t { record, empty_line, dropped };
  Kind kind = Kind::record;
  std::uint64_t line = 0;
  std::vector<std::string> fields;
};

/** Tokenizes a sample. When `complete` is false the text was cut at an arbitrary point and the
 *  last, unfinished record is left out. At most max_records records are returned. */
std::vector<SampleRecord> tokenize_sample(std::string_view text, char delimiter, bool whitespace, bool complete,
                                          std::size_t max_records = 2000, TokenizerLimits limits = {});

struct DelimiterGuess {
  char delimiter = ',';
  bool whitespace = false;      // fields separated by runs of spaces/tabs
  std::size_t field_count = 1;  // the most common field count with this delimiter
  double consistency = 0;       // share of non-empty records that have field_count fields
};

/** Tries ',' ';' tab '|' and runs of blanks; keeps the one whose most common field count (at least
 *  2) covers the largest share of records. Ties go to tab, then '|', ';', ',', blanks (a consistent
 *  ';' usually means ',' is the decimal mark). Blanks also pay a small penalty since text with spaces
 *  splits on them. Nothing with 2+ fields: ',' with field_count 1. */
DelimiterGuess sniff_delimiter(std::string_view text, bool complete);

/// Most common field count of non-empty records (preferring counts >= 2), 0 when there are none.
std::size_t dominant_field_count(const std::vector<SampleRecord>& records);

struct HeaderGuess {
  int header_row = 0;     // index into the records, -1 = no header
  int preamble_rows = 0;  // non-empty records before the header
};

/** Looks for the header among the first 32 non-empty records with field_count fields: the one with
 *  the strongest header evidence (text cells above columns of numbers or dates, minus number/date
 *  cells there and repeated values) wins, earliest on ties. Without positive evidence anywhere
 *  (all-text tables), the first such record is the header if it looks like one (mostly text,
 *  distinct values); otherwise there is no header (-1) and no preamble. Records before the header
 *  are the preamble. */
HeaderGuess sniff_header(const std::vector<SampleRecord>& records, std::size_t field_count);

/** A line of Qualtrics import ids below the header: every filled cell is {"ImportId":...} JSON. */
bool is_import_id_line(const std::string_view* fields, std::size_t count);
bool is_import_id_line(const std::vector<std::string>& fields);

/** ',' when the number-like cells of the data records (from first_data_record on) are written with a
 *  decimal comma ("12,5", "1.234,56") more often than with a decimal point; ties and cells that
 *  read both ways ("1.234") give ',' for ';'-separated files and '.' otherwise. */
char sniff_decimal(const std::vector<SampleRecord>& records, std::size_t first_data_record, char delimiter);

/// "crlf", "lf" or "cr" from the first line end in the text, "none" when there is none.
std::string sniff_line_ending(std::string_view text);

enum class CellKind : std::uint8_t { missing, number, date, text };
/// How a cell reads, for header and decimal detection: missing marker, number (either decimal
/// mark, '%' allowed), date/time-like (digits with - / . : T Z separators), or text.
CellKind classify_cell(std::string_view cell);

}  // namespace skpi::csv
