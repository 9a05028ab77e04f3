// Tokenizer: the resumable RFC 4180 state machine under StreamReader. It takes UTF-8 text in spans
// of any size and delivers records as string_views, copying only a record cut by a span boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace skpi::csv {

struct TokenizerLimits {
  std::size_t max_record_bytes = std::size_t{16} << 20;  // longer records are dropped (csv.record_too_large)
  std::size_t max_fields = 100000;                       // so a line of 16 M commas cannot ask for 256 MB of views
};

/// Receives what the tokenizer finds. Field views are valid only during the call.
class TokenSink {
 public:
  virtual ~TokenSink() = default;
  /// line: 1-based line of the record's first physical line. blank: all fields empty and unquoted (",,,").
  virtual void on_record(const std::string_view* fields, std::size_t count, std::uint64_t line, bool blank) = 0;
  /// A line with nothing on it (whitespace-delimited mode: nothing but blanks).
  virtual void on_empty_line(std::uint64_t line) = 0;
  /// A record that broke a limit was dropped; reading resumes at the first line end at or after
  /// max_record_bytes into it (or after its max_fields-th delimiter), ignoring quotes.
  virtual void on_record_too_large(std::uint64_t line) = 0;
  /// The input ended inside a quoted field; the record was still delivered, up to the end.
  virtual void on_unterminated_quote(std::uint64_t line) = 0;
};

/** Splits text into records.
 *  Delimited mode: fields end at `delimiter`; a field whose first non-space byte is '"' is quoted
 *  ("" inside means "); text after a closing quote up to the next delimiter is kept unless it is
 *  only spaces (so `"a" ,` gives a, `"a"b,` gives ab); a quote elsewhere is an ordinary byte.
 *  Whitespace mode: runs of spaces/tabs separate fields; leading and trailing blanks are ignored.
 *  Lines end at LF, CRLF or CR; empty lines are reported, not delivered. The result does not
 *  depend on how the input is cut into spans. */
class Tokenizer {
 public:
  explicit Tokenizer(char delimiter = ',', bool whitespace = false, TokenizerLimits limits = {});

  void consume(const char* data, std::size_t size, TokenSink& sink);
  /// End of input: delivers a last record that has no line end.
  void finish(TokenSink& sink);

  /// 1-based number of the line the next record starts on.
  std::uint64_t line() const { return line_; }

 private:
  enum class Scan : std::uint8_t { field_start, unquoted, quoted, quote_in_quoted };
  enum class ScanStop : std::uint8_t { none, record_end, field_overflow };
  struct ScanResult {
    ScanStop stop;
    std::size_t offset;  // record_end: offset of the CR/LF; field_overflow: of the byte that broke the limit
  };
  struct Patch {  // a field whose text lives in scratch_ (it had "" or text after the closing quote)
    std::size_t index, offset, length;
  };

  const char* parse(const char* p, const char* end, bool final, TokenSink& sink);
  const char* parse_delimited(const char* p, const char* end, bool final, TokenSink& sink);
  const char* parse_whitespace(const char* p, const char* end, bool final, TokenSink& sink);
  const char* parse_quoted(const char* quote, const char* end, bool final, std::uint64_t record_line, TokenSink& sink);
  const char* hand_off(const char* record_start, const char* end, std::uint64_t record_line, TokenSink& sink);
  const char* drop_record(const char* record_start, const char* cut, std::uint64_t record_line, TokenSink& sink);
  const char* continue_carry(const char* p, const char* end, TokenSink& sink);
  const char* skip_line(const char* p, const char* end);
  ScanResult scan(const char* p, std::size_t size);
  void reset_carry();
  void begin_record() {
    field_count_ = 0;
    if (!patches_.empty()) {
      patches_.clear();
      scratch_.clear();
    }
  }
  void push_field(const char* begin, std::size_t length) {
    if (field_count_ == field_capacity_) grow_fields();
    fields_[field_count_++] = std::string_view(begin, length);
  }
  void grow_fields();
  void emit(std::uint64_t line, bool blank, TokenSink& sink);

  char delimiter_;
  bool whitespace_;
  TokenizerLimits limits_;

  std::uint64_t line_ = 1;
  bool pending_lf_ = false;     // the last span ended with a CR: a LF opening the next one belongs to it
  bool skipping_ = false;       // dropping the rest of a too-large record up to the next line end
  bool skip_after_cr_ = false;  // the dropped part ended with a CR: a LF right after it is not a new line end

  std::string carry_;  // the partial record cut by the end of the previous span
  Scan scan_ = Scan::field_start;
  std::size_t scan_fields_ = 0;  // delimiters (delimited mode) or fields started (whitespace mode) in carry_

  // A plain array rather than a vector: push_field must inline into the hot loop.
  std::unique_ptr<std::string_view[]> fields_;
  std::size_t field_count_ = 0, field_capacity_ = 0;
  std::string scratch_;
  std::vector<Patch> patches_;
};

}  // namespace skpi::csv
