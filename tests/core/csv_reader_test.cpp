// Reader behaviour on hand-made inputs: RFC 4180 quoting, line ends, empty/blank/ragged rows,
// dialect sniffing, preamble + header detection, options, errors and limits.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/reader.hpp"
#include "tests/core/csv_test_support.hpp"

namespace skpi::csv {
namespace {

using testing::read_csv;
using testing::Rows;

TEST(CsvReader, SimpleCommaFile) {
  const auto r = read_csv("id,name,score\n1,Ann,9\n2,Bob,7\n");
  EXPECT_EQ(r.dialect_calls, 1);
  EXPECT_EQ(r.header_calls, 1);
  EXPECT_EQ(r.dialect.encoding, "utf-8");
  EXPECT_EQ(r.dialect.delimiter, ',');
  EXPECT_FALSE(r.dialect.whitespace_delimited);
  EXPECT_EQ(r.dialect.header_row, 0);
  EXPECT_EQ(r.dialect.preamble_rows, 0);
  EXPECT_EQ(r.dialect.line_ending, "lf");
  EXPECT_EQ(r.dialect.field_count, 3u);
  EXPECT_EQ(r.header, (std::vector<std::string>{"id", "name", "score"}));
  EXPECT_EQ(r.rows, (Rows{{"1", "Ann", "9"}, {"2", "Bob", "7"}}));
  EXPECT_EQ(r.row_numbers, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(r.records, 2u);
  EXPECT_FALSE(r.error.has_value());
}

TEST(CsvReader, QuotedFieldsWithDoubledQuotesDelimitersAndNewlines) {
  const auto r = read_csv("id,text,n\n1,\"say \"\"hi\"\", ok\",2\n2,\"line one\nline two\r\nline three\",3\n3,\"\",4\n");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0], (std::vector<std::string>{"1", "say \"hi\", ok", "2"}));
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"2", "line one\nline two\r\nline three", "3"}));
  EXPECT_EQ(r.rows[2], (std::vector<std::string>{"3", "", "4"}));
  // Row numbers are physical lines: the second record spans lines 3-5.
  EXPECT_EQ(r.row_numbers, (std::vector<std::uint64_t>{2, 3, 6}));
}

TEST(CsvReader, LineEndingsLfCrlfCr) {
  const Rows expected{{"1", "2"}, {"3", "4"}};
  for (const auto& [text, name] : std::vector<std::pair<std::string, std::string>>{
           {"a,b\n1,2\n3,4\n", "lf"}, {"a,b\r\n1,2\r\n3,4\r\n", "crlf"}, {"a,b\r1,2\r3,4\r", "cr"}}) {
    const auto r = read_csv(text);
    EXPECT_EQ(r.dialect.line_ending, name);
    EXPECT_EQ(r.rows, expected) << name;
    EXPECT_EQ(r.row_numbers, (std::vector<std::uint64_t>{2, 3})) << name;
    EXPECT_EQ(r.empty_lines, 0u) << name;
  }
}

TEST(CsvReader, FinalLineWithoutNewline) {
  const auto r = read_csv("a,b\n1,2\n3,\"x\"");
  EXPECT_EQ(r.rows, (Rows{{"1", "2"}, {"3", "x"}}));
  const auto trailing_delimiter = read_csv("a,b\n1,");
  EXPECT_EQ(trailing_delimiter.rows, (Rows{{"1", ""}}));
}

TEST(CsvReader, EmptyLinesAreSkippedAndCounted) {
  const auto r = read_csv("a,b\n\n1,2\r\n\r\n\r\n3,4\n\n");
  EXPECT_EQ(r.rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(r.row_numbers, (std::vector<std::uint64_t>{3, 6}));
  EXPECT_EQ(r.empty_lines, 4u);
}

TEST(CsvReader, BlankRecordsAreCountedAndSkippedByDefault) {
  const std::string text = "a,b,c\n1,2,3\n,,\n4,5,6\n,,\n";
  const auto r = read_csv(text);
  EXPECT_EQ(r.rows, (Rows{{"1", "2", "3"}, {"4", "5", "6"}}));
  EXPECT_EQ(r.blank_records, 2u);
  ReaderOptions keep;
  keep.skip_blank_records = false;
  const auto kept = read_csv(text, keep);
  EXPECT_EQ(kept.rows.size(), 4u);
  EXPECT_EQ(kept.blank_records, 2u);
  // Quoted empty fields are data, not a blank record.
  EXPECT_EQ(read_csv("a,b\n\"\",\"\"\n").rows, (Rows{{"", ""}}));
}

TEST(CsvReader, RaggedRowsKeepTheirTrueFieldCount) {
  const auto r = read_csv("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
  EXPECT_EQ(r.rows, (Rows{{"1", "2", "3"}, {"4", "5"}, {"6", "7", "8", "9"}, {"10", "11", "12"}}));
  EXPECT_EQ(r.ragged, 2u);
}

TEST(CsvReader, LenientQuoting) {
  // A quote after leading spaces opens a quoted field; spaces after the closing quote are dropped;
  // other text after it is kept; a quote inside an unquoted field is an ordinary character.
  const auto r = read_csv("a,b,c\n1, \"x, y\" ,z\n2,\"ab\"cd,5'10\"\n", [] {
    ReaderOptions o;
    o.delimiter = ",";
    o.header_row = 0;
    return o;
  }());
  EXPECT_EQ(r.rows, (Rows{{"1", "x, y", "z"}, {"2", "abcd", "5'10\""}}));
}

TEST(CsvReader, UnterminatedQuoteIsDeliveredAndReported) {
  const auto r = read_csv("a,b\n1,\"open\n2,3\n");
  EXPECT_EQ(r.rows, (Rows{{"1", "open\n2,3\n"}}));
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "csv.unterminated_quote");
  EXPECT_EQ(r.error->row, 2u);
}

TEST(CsvReader, EmptyInputIsAnError) {
  for (const std::string text : {"", "\n\n\r\n", "   \n  "}) {
    const auto r = read_csv(text);
    ASSERT_TRUE(r.error.has_value());
    EXPECT_EQ(r.error->code, "csv.empty");
    EXPECT_EQ(r.dialect_calls, 0);
    EXPECT_EQ(r.header_calls, 0);
  }
}

TEST(CsvReader, BinaryInputIsAnError) {
  const auto nul = read_csv(std::string("a,b\n1,\0\n", 8));
  ASSERT_TRUE(nul.error.has_value());
  EXPECT_EQ(nul.error->code, "csv.binary");
  EXPECT_TRUE(nul.rows.empty());
  const auto xlsx = read_csv(std::string("PK\x03\x04\x14\x00\x06\x00", 8));
  ASSERT_TRUE(xlsx.error.has_value());
  EXPECT_EQ(xlsx.error->code, "csv.binary");
  const auto controls = read_csv(std::string(200, '\x01') + "a,b\n");
  ASSERT_TRUE(controls.error.has_value());
  EXPECT_EQ(controls.error->code, "csv.not_text");
}

TEST(CsvReader, HeaderOnlyFileHasHeaderAndNoRecords) {
  const auto r = read_csv("id,name\n");
  EXPECT_EQ(r.header, (std::vector<std::string>{"id", "name"}));
  EXPECT_TRUE(r.rows.empty());
  EXPECT_FALSE(r.error.has_value());
}

TEST(CsvReader, SniffsSemicolonTabPipe) {
  const auto semicolon = read_csv("Kuupäev;Summa;Kanal\n01.02.2024;12,5;email\n02.02.2024;1.234,56;phone\n03.02.2024;7;chat\n");
  EXPECT_EQ(semicolon.dialect.delimiter, ';');
  EXPECT_EQ(semicolon.dialect.decimal, ',');
  EXPECT_EQ(semicolon.rows[1], (std::vector<std::string>{"02.02.2024", "1.234,56", "phone"}));

  const auto tab = read_csv("name\tcomment\tscore\nAnn\tgood, fast\t9\nBob\tslow, rude\t2\n");
  EXPECT_EQ(tab.dialect.delimiter, '\t');
  EXPECT_EQ(tab.rows[0], (std::vector<std::string>{"Ann", "good, fast", "9"}));

  const auto pipe = read_csv("a|b|c\n1|x, y|3\n4|z|6\n");
  EXPECT_EQ(pipe.dialect.delimiter, '|');
  EXPECT_EQ(pipe.rows.size(), 2u);
}

TEST(CsvReader, DecimalPointInCommaFile) {
  const auto r = read_csv("id,value\n1,12.5\n2,3.25\n");
  EXPECT_EQ(r.dialect.decimal, '.');
}

TEST(CsvReader, DecimalCommaInQuotedCommaFile) {
  const auto r = read_csv("id,value\n1,\"12,5\"\n2,\"3,25\"\n3,\"1,5\"\n");
  EXPECT_EQ(r.dialect.delimiter, ',');
  EXPECT_EQ(r.dialect.decimal, ',');
}

TEST(CsvReader, WhitespaceDelimitedWithoutHeader) {
  // CDNOW_master.txt layout: leading spaces, runs of spaces, CRLF, no header.
  const std::string text =
      " 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00002 19970112  5   77.00\r\n 00003 19970102  2   20.76\r\n";
  const auto r = read_csv(text);
  EXPECT_TRUE(r.dialect.whitespace_delimited);
  EXPECT_EQ(r.dialect.delimiter, ' ');
  EXPECT_EQ(r.dialect.header_row, -1);
  EXPECT_EQ(r.dialect.line_ending, "crlf");
  EXPECT_EQ(r.header, (std::vector<std::string>{"column_1", "column_2", "column_3", "column_4"}));
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0], (std::vector<std::string>{"00001", "19970101", "1", "11.77"}));
  EXPECT_EQ(r.row_numbers.front(), 1u);
}

TEST(CsvReader, WhitespaceDelimitedWithHeaderAndQuotes) {
  const auto r = read_csv("  id   city        n\n  1 \"New York\"   5\n  2   Tallinn    7  \n\n   \n");
  EXPECT_TRUE(r.dialect.whitespace_delimited);
  EXPECT_EQ(r.header, (std::vector<std::string>{"id", "city", "n"}));
  EXPECT_EQ(r.rows, (Rows{{"1", "New York", "5"}, {"2", "Tallinn", "7"}}));
  EXPECT_EQ(r.empty_lines, 2u);
}

TEST(CsvReader, HeaderBelowChatwootPreamble) {
  const std::string text =
      "period,2024-01-01 - 2024-01-31\n"
      "\n"
      "Agent name,Conversations count,Avg first response time (in hrs),Avg resolution time (in hrs)\n"
      "Ann Smith,120,1.5,10.25\n"
      "Bob Jones,98,2.25,12.5\n"
      "Cy Young,45,0.75,8\n";
  const auto r = read_csv(text);
  EXPECT_EQ(r.dialect.delimiter, ',');
  EXPECT_EQ(r.dialect.header_row, 2);
  EXPECT_EQ(r.dialect.preamble_rows, 1);
  EXPECT_EQ(r.dialect.header_line, 3u);
  ASSERT_EQ(r.dialect.preamble.size(), 1u);
  EXPECT_EQ(r.dialect.preamble[0], (std::vector<std::string>{"period", "2024-01-01 - 2024-01-31"}));
  EXPECT_EQ(r.header.front(), "Agent name");
  EXPECT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.row_numbers.front(), 4u);
  EXPECT_EQ(r.ragged, 0u);
}

TEST(CsvReader, PreambleOfTheSameWidthAsTheTable) {
  // The period line has two fields like the table: it looks like data (a date range), so the
  // header is the next row with clear header evidence.
  const auto r = read_csv("period,2024-01-01 - 2024-01-31\n\nAgent,Conversations\nAnn,12\nBob,9\nCy,30\nDee,4\n");
  EXPECT_EQ(r.dialect.header_row, 2);
  EXPECT_EQ(r.dialect.preamble_rows, 1);
  EXPECT_EQ(r.header, (std::vector<std::string>{"Agent", "Conversations"}));
  EXPECT_EQ(r.rows.size(), 4u);
}

TEST(CsvReader, NumericFirstRowMeansNoHeader) {
  const auto r = read_csv("1,2024-01-03,5.5\n2,2024-01-04,6\n3,2024-01-05,7.25\n");
  EXPECT_EQ(r.dialect.header_row, -1);
  EXPECT_EQ(r.header, (std::vector<std::string>{"column_1", "column_2", "column_3"}));
  EXPECT_EQ(r.rows.size(), 3u);
}

TEST(CsvReader, SingleColumnFile) {
  const auto r = read_csv("score\n9\n10\nNA\n7\n");
  EXPECT_EQ(r.dialect.field_count, 1u);
  EXPECT_EQ(r.header, (std::vector<std::string>{"score"}));
  EXPECT_EQ(r.rows.size(), 4u);
}

TEST(CsvReader, OptionsOverrideSniffing) {
  ReaderOptions options;
  options.delimiter = ";";
  options.decimal = ',';
  options.header_row = -1;
  const auto r = read_csv("a,b;c\n1,5;2\n", options);
  EXPECT_EQ(r.dialect.delimiter, ';');
  EXPECT_FALSE(r.dialect.delimiter_sniffed);
  EXPECT_FALSE(r.dialect.decimal_sniffed);
  EXPECT_EQ(r.dialect.header_row, -1);
  EXPECT_EQ(r.rows, (Rows{{"a,b", "c"}, {"1,5", "2"}}));

  ReaderOptions header_at_two;
  header_at_two.header_row = 2;
  const auto h = read_csv("title\nnotes\nx,y\n1,2\n", header_at_two);
  EXPECT_EQ(h.header, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(h.dialect.preamble_rows, 2);
  EXPECT_EQ(h.rows, (Rows{{"1", "2"}}));

  ReaderOptions spaces;
  spaces.delimiter = "space";
  EXPECT_TRUE(read_csv("a b\n1 2\n", spaces).dialect.whitespace_delimited);
}

TEST(CsvReader, UnknownOptionNamesAreReportedAndSniffed) {
  ReaderOptions options;
  options.delimiter = "weird";
  options.encoding = "ebcdic";
  const auto r = read_csv("a;b\n1;2\n", options);
  EXPECT_EQ(r.dialect.delimiter, ';');
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0], "csv.bad_option@0");
}

TEST(CsvReader, RecordTooLargeIsDroppedAndReadingResumes) {
  ReaderOptions options;
  options.max_record_bytes = 32;
  options.delimiter = ",";
  options.header_row = 0;
  const std::string text = "a,b\n1,2\n" + std::string(100, 'x') + ",3\n4,5\n\"" + std::string(80, 'q') + "\n6,7\n";
  const auto r = read_csv(text, options);
  // The unterminated quote swallows the rest until the cap, then reading resumes on the next line.
  EXPECT_EQ(r.rows, (Rows{{"1", "2"}, {"4", "5"}, {"6", "7"}}));
  EXPECT_EQ(r.dropped, 2u);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->code, "csv.record_too_large");
  EXPECT_EQ(r.error->row, 3u);
  EXPECT_EQ(r.row_numbers, (std::vector<std::uint64_t>{2, 4, 6}));
}

TEST(CsvReader, TooManyFieldsIsDropped) {
  ReaderOptions options;
  options.max_fields = 4;
  options.header_row = 0;
  const auto r = read_csv("a,b\n1,2,3,4\n1,2,3,4,5\n5,6\n", options);
  EXPECT_EQ(r.rows, (Rows{{"1", "2", "3", "4"}, {"5", "6"}}));
  EXPECT_EQ(r.dropped, 1u);
}

TEST(CsvReader, HugeRecordWithoutNewlinesDoesNotGrowMemory) {
  // 40 MiB of one line fed in 1 MiB chunks with a 1 MiB cap: dropped, then the next line is read.
  ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  testing::ReadResult result;
  testing::CollectingSink sink(result);
  StreamReader reader(options);
  const std::string head = "a,b\n1,2\n";
  reader.feed(reinterpret_cast<const std::uint8_t*>(head.data()), head.size(), sink);
  const std::string junk(1 << 20, 'z');
  for (int i = 0; i < 40; ++i) reader.feed(reinterpret_cast<const std::uint8_t*>(junk.data()), junk.size(), sink);
  const std::string tail = "\n3,4\n";
  reader.feed(reinterpret_cast<const std::uint8_t*>(tail.data()), tail.size(), sink);
  reader.finish(sink);
  EXPECT_EQ(result.rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(reader.dropped_records(), 1u);
  EXPECT_EQ(result.row_numbers.back(), 4u);
}

TEST(CsvReader, CountersAndBytes) {
  testing::ReadResult result;
  testing::CollectingSink sink(result);
  StreamReader reader;
  const std::string text = "a,b\n1,2\n\n3,4\n";
  reader.feed(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), sink);
  EXPECT_FALSE(reader.dialect_ready());  // still collecting the sniff sample
  reader.finish(sink);
  EXPECT_TRUE(reader.dialect_ready());
  EXPECT_EQ(reader.bytes(), text.size());
  EXPECT_EQ(reader.records(), 2u);
  EXPECT_EQ(reader.empty_lines(), 1u);
  EXPECT_EQ(reader.expected_fields(), 2u);
  EXPECT_FALSE(reader.is_ragged(2));
  EXPECT_TRUE(reader.is_ragged(3));
}

}  // namespace
}  // namespace skpi::csv
