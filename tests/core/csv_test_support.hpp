// Helpers for the Csv* tests: read bytes through StreamReader in chunks of a given size and
// capture everything the sink sees, as one comparable text.
#pragma once

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv/reader.hpp"

namespace skpi::csv::testing {

struct ReadResult {
  Dialect dialect;
  int dialect_calls = 0;
  int header_calls = 0;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> row_numbers;
  std::uint64_t records = 0, empty_lines = 0, blank_records = 0, dropped = 0, ragged = 0, replaced = 0;
  std::optional<ReaderError> error;
  std::vector<std::string> issues;  // "code@row"

  // Everything above as text, so a chunked read can be compared with a whole read in one EXPECT_EQ
  // that prints a readable difference.
  std::string describe() const {
    std::ostringstream out;
    const Dialect& d = dialect;
    out << "dialect_calls=" << dialect_calls << " header_calls=" << header_calls << "\n"
        << "encoding=" << d.encoding << " delimiter=" << static_cast<int>(d.delimiter) << " ws=" << d.whitespace_delimited
        << " decimal=" << d.decimal << " header_row=" << d.header_row << " preamble_rows=" << d.preamble_rows
        << " line_ending=" << d.line_ending << " field_count=" << d.field_count << " header_line=" << d.header_line
        << " preamble=" << d.preamble.size() << "\n";
    out << "header:";
    for (const auto& name : header) out << " [" << name << "]";
    out << "\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out << "@" << row_numbers[i] << ":";
      for (const auto& field : rows[i]) out << " [" << field << "]";
      out << "\n";
    }
    out << "records=" << records << " empty=" << empty_lines << " blank=" << blank_records << " dropped=" << dropped
        << " ragged=" << ragged << " replaced=" << replaced << "\n";
    out << "error=" << (error ? error->code + "@" + std::to_string(error->row) : std::string("none")) << " issues:";
    for (const auto& issue : issues) out << " " << issue;
    out << "\n";
    return out.str();
  }
};

class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(ReadResult& result) : result_(result) {}
  void on_dialect(const Dialect& dialect) override {
    result_.dialect = dialect;
    ++result_.dialect_calls;
  }
  void on_header(const std::vector<std::string>& names) override {
    result_.header = names;
    ++result_.header_calls;
  }
  void on_record(const std::string_view* fields, std::size_t count, std::uint64_t row_number) override {
    result_.rows.emplace_back(fields, fields + count);
    result_.row_numbers.push_back(row_number);
  }

 private:
  ReadResult& result_;
};

inline ReadResult finish_result(StreamReader& reader, ReadResult result) {
  result.records = reader.records();
  result.empty_lines = reader.empty_lines();
  result.blank_records = reader.blank_records();
  result.dropped = reader.dropped_records();
  result.ragged = reader.ragged_records();
  result.replaced = reader.replaced_bytes();
  result.error = reader.error();
  for (const auto& issue : reader.issues()) result.issues.push_back(issue.code + "@" + std::to_string(issue.row));
  return result;
}

/// chunk == 0: the whole input in one feed call.
inline ReadResult read_csv(std::string_view bytes, const ReaderOptions& options = {}, std::size_t chunk = 0) {
  ReadResult result;
  CollectingSink sink(result);
  StreamReader reader(options);
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  if (chunk == 0) chunk = bytes.size() + 1;
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk)
    reader.feed(data + offset, std::min(chunk, bytes.size() - offset), sink);
  reader.finish(sink);
  return finish_result(reader, std::move(result));
}

/// Chunks of varying sizes from a fixed pseudo-random sequence (seeded), 1..max_chunk bytes.
inline ReadResult read_csv_jagged(std::string_view bytes, const ReaderOptions& options, std::uint32_t seed, std::size_t max_chunk) {
  ReadResult result;
  CollectingSink sink(result);
  StreamReader reader(options);
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::uint32_t state = seed * 2654435761u + 1;
  for (std::size_t offset = 0; offset < bytes.size();) {
    state = state * 1664525u + 1013904223u;
    const std::size_t size = std::min<std::size_t>(1 + (state >> 8) % max_chunk, bytes.size() - offset);
    reader.feed(data + offset, size, sink);
    offset += size;
  }
  reader.finish(sink);
  return finish_result(reader, std::move(result));
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace skpi::csv::testing
