// StreamReader: bytes in chunks of any size -> sniffed dialect, header and records as string_views.
// Encoding, delimiter, header/preamble and decimal mark are guessed from the first sniff_bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/encoding.hpp"
#include "core/csv/error.hpp"
#include "core/csv/tokenizer.hpp"

namespace skpi::csv {

struct ReaderOptions {
  std::string encoding = "auto";   // "auto", "utf-8", "utf-16le", "utf-16be", "utf-16", "windows-1252" (aliases: cp1252, latin-1, iso-8859-1), "windows-1254" (cp1254, iso-8859-9, latin-5), "windows-1250", "windows-1256", "windows-1257" (cp1257)
  std::string delimiter = "auto";  // "auto", ",", ";", "\t", "|", "space" (runs of blanks); also "tab", "comma", "semicolon", "pipe", any one ASCII byte
  char decimal = 0;                // 0 = sniff, or ',' / '.'
  std::size_t sniff_bytes = 65536; // raw bytes held before the dialect is decided (min 4, max 16 MiB)
  int header_row = -2;             // -2 = sniff, -1 = no header, n >= 0 = the record with that index
  bool skip_blank_records = true;  // records whose fields are all empty and unquoted (",,,,") are counted, not delivered
  std::size_t max_record_bytes = std::size_t{16} << 20;  // larger records: csv.record_too_large, dropped
  std::size_t max_fields = 100000;                       // more fields in one record: same
};

struct Dialect {
  std::string encoding = "utf-8";  // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "windows-1250", "windows-1254", "windows-1256", "windows-1257"
  char delimiter = ',';            // ' ' when whitespace_delimited
  bool whitespace_delimited = false;
  char quote = '"';
  char decimal = '.';
  int header_row = 0;   // 0-based index of the header among the physical records (empty lines count); -1 = no header
  int preamble_rows = 0;  // non-empty records before the header, skipped (e.g. Chatwoot's "period,..." line)
  std::string line_ending = "lf";  // "lf", "crlf", "cr"; "none" for a single line without end

  std::size_t field_count = 0;     // header width, or the most common field count when there is no header
  std::uint64_t header_line = 0;   // 1-based line of the header, 0 when there is none
  std::vector<std::vector<std::string>> preamble;  // the skipped preamble records (first 16)
  bool delimiter_sniffed = true;   // false when the option set it
  bool header_sniffed = true;
  bool decimal_sniffed = true;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void on_dialect(const Dialect&) {}
  /// Called once, before the first record. Names are the header cells as written (not trimmed);
  /// "column_1".."column_N" when header_row == -1 (N = dialect.field_count).
  virtual void on_header(const std::vector<std::string>& names) = 0;
  /// fields: valid only during the call; count: the record's true field count (may differ from the
  /// header's: see StreamReader::ragged_records). row_number: 1-based line of the record's first
  /// physical line in the file.
  virtual void on_record(const std::string_view* fields, std::size_t count, std::uint64_t row_number) = 0;
};

/** Streaming CSV reader. Feed bytes, then finish. Never throws on bad input: problems go to
 *  error()/issues(). Fatal errors (csv.empty, csv.binary, csv.not_text) stop delivery; others are
 *  reported and reading goes on. Memory: the sniff sample until the dialect is decided, then only
 *  the record cut by a chunk boundary (at most max_record_bytes) and small transcoding buffers.
 *  Callback order: on_dialect, on_header, on_record... (nothing after a fatal error). */
class StreamReader : private TokenSink, private SpanSink {
 public:
  explicit StreamReader(ReaderOptions options = {});

  /// Buffers until the sniff sample is full, then decides the dialect and streams.
  void feed(const std::uint8_t* data, std::size_t size, RecordSink& sink);
  /// End of input: sniffs on whatever arrived if not done yet, delivers the last record.
  void finish(RecordSink& sink);

  const Dialect& dialect() const { return dialect_; }
  bool dialect_ready() const { return phase_ != Phase::sniffing; }
  std::uint64_t records() const { return records_; }       // delivered data records
  std::uint64_t bytes() const { return bytes_; }           // raw bytes fed
  std::uint64_t empty_lines() const { return empty_lines_; }
  std::uint64_t blank_records() const { return blank_records_; }  // ",,,," records (skipped unless the option says otherwise)
  std::uint64_t dropped_records() const { return dropped_records_; }  // too large, see csv.record_too_large
  /// Header width (or the common width without a header): what a record "should" have.
  std::size_t expected_fields() const { return expected_fields_; }
  /// Delivered records whose field count differs from expected_fields().
  std::uint64_t ragged_records() const { return ragged_records_; }
  bool is_ragged(std::size_t field_count) const { return field_count != expected_fields_; }
  /// Bytes that were invalid in the detected encoding and were repaired (UTF-8 read as Windows-1252, lone surrogates).
  std::uint64_t replaced_bytes() const { return decoder_.replaced(); }

  /// The fatal error if any, else the first reported problem.
  std::optional<ReaderError> error() const;
  bool failed() const { return phase_ == Phase::failed; }
  /// All reported problems in order (at most 100 kept; issue_count() counts them all).
  const std::vector<ReaderError>& issues() const { return issues_; }
  std::uint64_t issue_count() const { return issue_count_; }

 private:
  enum class Phase { sniffing, streaming, done, failed };

  void decide(bool complete);
  void fail(const char* code, std::string message);
  void report(const char* code, std::uint64_t row, std::string message);
  void deliver_numbered_header(std::size_t count);

  // TokenSink: records from the tokenizer, routed to preamble / header / data.
  void on_record(const std::string_view* fields, std::size_t count, std::uint64_t line, bool blank) override;
  void on_empty_line(std::uint64_t line) override;
  void on_record_too_large(std::uint64_t line) override;
  void on_unterminated_quote(std::uint64_t line) override;
  // SpanSink: decoded text from the decoder, on to the tokenizer.
  void on_span(const char* data, std::size_t size) override;

  ReaderOptions options_;
  Dialect dialect_;
  Phase phase_ = Phase::sniffing;
  std::string sample_;
  Decoder decoder_;
  Tokenizer tokenizer_;
  RecordSink* sink_ = nullptr;  // the sink of the feed/finish call in progress

  std::uint64_t record_index_ = 0;  // physical records so far, empty lines included
  bool header_delivered_ = false;
  std::size_t expected_fields_ = 0;
  std::uint64_t bytes_ = 0, records_ = 0, empty_lines_ = 0, blank_records_ = 0, dropped_records_ = 0, ragged_records_ = 0;

  std::optional<ReaderError> fatal_;
  std::vector<ReaderError> issues_;
  std::uint64_t issue_count_ = 0;
};

}  // namespace skpi::csv
