#include "core/csv/reader.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/csv/sniff.hpp"

namespace skpi::csv {
namespace {

constexpr std::size_t max_issues = 100;
constexpr std::size_t max_preamble_kept = 16;

struct DelimiterOption {
  bool sniff = true;
  char delimiter = ',';
  bool whitespace = false;
  bool valid = true;
};

DelimiterOption parse_delimiter_option(const std::string& option) {
  std::string n;
  for (const char c : option) n.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  if (n.empty() || n == "auto") return {};
  if (n == "space" || n == "spaces" || n == "whitespace" || n == " ") return {false, ' ', true, true};
  if (n == "tab" || n == "\\t") return {false, '\t', false, true};
  if (n == "comma") return {false, ',', false, true};
  if (n == "semicolon") return {false, ';', false, true};
  if (n == "pipe") return {false, '|', false, true};
  if (option.size() == 1) {
    const unsigned char c = static_cast<unsigned char>(option[0]);
    if (c < 0x80 && c != '"' && c != '\r' && c != '\n' && c != 0) return {false, option[0], false, true};
  }
  return {true, ',', false, false};
}

const char* binary_signature(const std::string& raw) {
  auto starts = [&](const char* magic, std::size_t length) { return raw.size() >= length && std::memcmp(raw.data(), magic, length) == 0; };
  if (starts("PK\x03\x04", 4)) return "a ZIP archive (an .xlsx or .ods spreadsheet?), not CSV text";
  if (starts("\xD0\xCF\x11\xE0", 4)) return "a legacy Office file (.xls?), not CSV text";
  if (starts("%PDF", 4)) return "a PDF document, not CSV text";
  if (starts("\x1F\x8B", 2)) return "gzip-compressed data, not CSV text";
  return nullptr;
}

class TextCollector final : public SpanSink {
 public:
  void on_span(const char* data, std::size_t size) override { text.append(data, size); }
  std::string text;
};

}  // namespace

StreamReader::StreamReader(ReaderOptions options) : options_(std::move(options)) {
  if (options_.sniff_bytes == 0) options_.sniff_bytes = 65536;
  options_.sniff_bytes = std::clamp<std::size_t>(options_.sniff_bytes, 4, std::size_t{16} << 20);
}

std::optional<ReaderError> StreamReader::error() const {
  if (fatal_) return fatal_;
  if (!issues_.empty()) return issues_.front();
  return std::nullopt;
}

void StreamReader::report(const char* code, std::uint64_t row, std::string message) {
  ++issue_count_;
  if (issues_.size() < max_issues) issues_.push_back({code, row, std::move(message)});
}

void StreamReader::fail(const char* code, std::string message) {
  fatal_ = ReaderError{code, 0, std::move(message)};
  phase_ = Phase::failed;
  std::string().swap(sample_);
}

void StreamReader::feed(const std::uint8_t* data, std::size_t size, RecordSink& sink) {
  bytes_ += size;
  if (phase_ == Phase::failed || phase_ == Phase::done || size == 0) return;
  sink_ = &sink;
  if (phase_ == Phase::sniffing) {
    const std::size_t take = std::min(size, options_.sniff_bytes - sample_.size());
    sample_.append(reinterpret_cast<const char*>(data), take);
    data += take;
    size -= take;
    if (sample_.size() < options_.sniff_bytes) return;
    decide(false);
    if (phase_ == Phase::failed) return;
  }
  decoder_.decode(data, size, *this);
}

void StreamReader::finish(RecordSink& sink) {
  if (phase_ == Phase::failed || phase_ == Phase::done) return;
  sink_ = &sink;
  if (phase_ == Phase::sniffing) {
    if (sample_.empty()) {
      fail(error_code::empty, "the file is empty");
      return;
    }
    decide(true);
    if (phase_ == Phase::failed) return;
  } else {
    decoder_.finish(*this);
  }
  tokenizer_.finish(*this);
  if (!header_delivered_) deliver_numbered_header(dialect_.field_count);
  phase_ = Phase::done;
}

namespace {

// What decide() needs to know of the sample's characters. A function of its own, out of line:
// V8 optimises a wasm function as a whole once its loops have run long enough, and this loop over
// the sample inside decide() made it compile all of decide() (a run-once function) in the
// background while the file's hot loop waited for the same compiler threads.
struct TextCensus {
  bool nul = false;
  bool has_content = false;
  std::size_t controls = 0;
};

[[gnu::noinline]] TextCensus take_census(const std::string& text) {
  TextCensus census;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0) {
      census.nul = true;
      return census;
    }
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && u != 0x1A) ++census.controls;
    if (!census.has_content && c != ' ' && c != '\t' && c != '\n' && c != '\r') census.has_content = true;
  }
  return census;
}

}  // namespace

void StreamReader::decide(bool complete) {
  const auto* raw = reinterpret_cast<const std::uint8_t*>(sample_.data());
  if (const char* what = binary_signature(sample_)) {
    fail(error_code::binary, std::string("this looks like ") + what);
    return;
  }

  EncodingGuess guess;
  const bool auto_encoding = options_.encoding.empty() || options_.encoding == "auto" || options_.encoding == "AUTO";
  const std::optional<Encoding> forced = auto_encoding ? std::nullopt : encoding_from_name(options_.encoding);
  if (!auto_encoding && !forced) report(error_code::bad_option, 0, "unknown encoding '" + options_.encoding + "', detected instead");
  if (forced) {
    guess.encoding = *forced;
    // "utf-16" without an endianness: the BOM decides, little-endian without one.
    if (guess.encoding == Encoding::utf16le && bom_length_for(Encoding::utf16be, raw, sample_.size()) == 2 &&
        bom_length_for(Encoding::utf16le, raw, sample_.size()) == 0 && options_.encoding.find_first_of("lL") == std::string::npos)
      guess.encoding = Encoding::utf16be;
    guess.bom_length = bom_length_for(guess.encoding, raw, sample_.size());
    switch (guess.encoding) {
      case Encoding::utf8: guess.name = guess.bom_length ? "utf-8-bom" : "utf-8"; break;
      case Encoding::utf16le: guess.name = "utf-16le"; break;
      case Encoding::utf16be: guess.name = "utf-16be"; break;
      case Encoding::windows1252: guess.name = "windows-1252"; break;
      case Encoding::windows1254: guess.name = "windows-1254"; break;
      case Encoding::windows1250: guess.name = "windows-1250"; break;
      case Encoding::windows1256: guess.name = "windows-1256"; break;
      case Encoding::windows1257: guess.name = "windows-1257"; break;
    }
  } else {
    guess = detect_encoding(raw, sample_.size(), complete);
  }
  dialect_.encoding = guess.name;
  decoder_ = Decoder(guess.encoding);

  TextCollector collector;
  decoder_.decode(raw + guess.bom_length, sample_.size() - guess.bom_length, collector);
  if (complete) decoder_.finish(collector);
  std::string().swap(sample_);
  const std::string& text = collector.text;

  const TextCensus census = take_census(text);
  if (census.nul) {
    fail(error_code::binary, "the file contains NUL bytes: it is not a text file");
    return;
  }
  const std::size_t controls = census.controls;
  const bool has_content = census.has_content;
  if (controls > text.size() / 100 + 2) {
    fail(error_code::not_text, "the file has too many control characters to be text");
    return;
  }
  if (complete && !has_content) {
    fail(error_code::empty, "the file has no data, only blank lines");
    return;
  }

  const TokenizerLimits limits{options_.max_record_bytes, options_.max_fields};
  const DelimiterOption delimiter_option = parse_delimiter_option(options_.delimiter);
  if (!delimiter_option.valid) report(error_code::bad_option, 0, "unknown delimiter '" + options_.delimiter + "', detected instead");
  if (delimiter_option.sniff) {
    const DelimiterGuess sniffed = sniff_delimiter(text, complete);
    dialect_.delimiter = sniffed.whitespace ? ' ' : sniffed.delimiter;
    dialect_.whitespace_delimited = sniffed.whitespace;
  } else {
    dialect_.delimiter = delimiter_option.whitespace ? ' ' : delimiter_option.delimiter;
    dialect_.whitespace_delimited = delimiter_option.whitespace;
    dialect_.delimiter_sniffed = false;
  }

  const std::vector<SampleRecord> records =
      tokenize_sample(text, dialect_.delimiter, dialect_.whitespace_delimited, complete, 2000, limits);
  const std::size_t common_width = dominant_field_count(records);

  if (options_.header_row >= -1) {
    dialect_.header_sniffed = false;
    dialect_.header_row = options_.header_row;
    dialect_.preamble_rows = 0;
    for (int i = 0; i < options_.header_row && static_cast<std::size_t>(i) < records.size(); ++i)
      dialect_.preamble_rows += records[static_cast<std::size_t>(i)].kind == SampleRecord::Kind::record;
  } else {
    const HeaderGuess header = sniff_header(records, common_width);
    dialect_.header_row = header.header_row;
    dialect_.preamble_rows = header.preamble_rows;
  }
  const auto header_index = static_cast<std::size_t>(dialect_.header_row);
  const bool header_in_sample = dialect_.header_row >= 0 && header_index < records.size() &&
                                records[header_index].kind == SampleRecord::Kind::record;
  dialect_.field_count = header_in_sample ? records[header_index].fields.size() : common_width;
  dialect_.header_line = header_in_sample ? records[header_index].line : 0;
  for (std::size_t i = 0; dialect_.header_row > 0 && i < header_index && i < records.size(); ++i) {
    if (records[i].kind == SampleRecord::Kind::record && dialect_.preamble.size() < max_preamble_kept)
      dialect_.preamble.push_back(records[i].fields);
  }

  if (options_.decimal == ',' || options_.decimal == '.') {
    dialect_.decimal = options_.decimal;
    dialect_.decimal_sniffed = false;
  } else {
    dialect_.decimal = sniff_decimal(records, dialect_.header_row >= 0 ? header_index + 1 : 0, dialect_.delimiter);
  }
  dialect_.line_ending = sniff_line_ending(text);
  expected_fields_ = dialect_.field_count;

  tokenizer_ = Tokenizer(dialect_.delimiter, dialect_.whitespace_delimited, limits);
  phase_ = Phase::streaming;
  sink_->on_dialect(dialect_);
  if (dialect_.header_row < 0 && dialect_.field_count > 0) deliver_numbered_header(dialect_.field_count);
  tokenizer_.consume(text.data(), text.size(), *this);
}

void StreamReader::deliver_numbered_header(std::size_t count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (std::size_t i = 1; i <= count; ++i) names.push_back("column_" + std::to_string(i));
  header_delivered_ = true;
  if (expected_fields_ == 0) expected_fields_ = count;
  sink_->on_header(names);
}

void StreamReader::on_span(const char* data, std::size_t size) { tokenizer_.consume(data, size, *this); }

void StreamReader::on_record(const std::string_view* fields, std::size_t count, std::uint64_t line, bool blank) {
  const std::uint64_t index = record_index_++;
  if (!header_delivered_) {
    const auto header_index = static_cast<std::uint64_t>(dialect_.header_row);
    if (dialect_.header_row < 0) {
      deliver_numbered_header(count);  // no record in the sniff sample told the width
    } else if (index < header_index) {
      return;  // preamble, already in dialect_.preamble
    } else if (index == header_index) {
      std::vector<std::string> names(fields, fields + count);
      header_delivered_ = true;
      expected_fields_ = count;
      sink_->on_header(names);
      return;
    } else {
      deliver_numbered_header(count);  // the chosen header index was not a record (option pointing at an empty line)
    }
  }
  if (blank) {
    ++blank_records_;
    if (options_.skip_blank_records) return;
  }
  ++records_;
  ragged_records_ += count != expected_fields_;
  sink_->on_record(fields, count, line);
}

void StreamReader::on_empty_line(std::uint64_t) {
  ++record_index_;
  ++empty_lines_;
}

void StreamReader::on_record_too_large(std::uint64_t line) {
  ++record_index_;
  ++dropped_records_;
  report(error_code::record_too_large, line,
         "a record is larger than " + std::to_string(options_.max_record_bytes) + " bytes or " +
             std::to_string(options_.max_fields) + " fields; it was skipped up to the next line");
}

void StreamReader::on_unterminated_quote(std::uint64_t line) {
  report(error_code::unterminated_quote, line, "a quoted field is not closed before the end of the file");
}

}  // namespace skpi::csv
