// The sniffing functions on their own: cell kinds, delimiter choice, header/preamble, decimal mark.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/sniff.hpp"

namespace skpi::csv {
namespace {

TEST(CsvSniff, ClassifyCell) {
  EXPECT_EQ(classify_cell(""), CellKind::missing);
  EXPECT_EQ(classify_cell("NA"), CellKind::missing);
  EXPECT_EQ(classify_cell("?"), CellKind::missing);
  EXPECT_EQ(classify_cell("12"), CellKind::number);
  EXPECT_EQ(classify_cell("12,5"), CellKind::number);
  EXPECT_EQ(classify_cell(" 1.234,56 "), CellKind::number);
  EXPECT_EQ(classify_cell("45%"), CellKind::number);
  EXPECT_EQ(classify_cell("19970101"), CellKind::number);
  EXPECT_EQ(classify_cell("2018-01-01 00:00:00"), CellKind::date);
  EXPECT_EQ(classify_cell("29-02-2016 01:16"), CellKind::date);
  EXPECT_EQ(classify_cell("22/01/2014"), CellKind::date);
  EXPECT_EQ(classify_cell("2024-01-05T10:00:00Z"), CellKind::date);
  EXPECT_EQ(classify_cell("1/2/2020 3:04 PM"), CellKind::date);
  EXPECT_EQ(classify_cell("01.02.2024"), CellKind::date);
  EXPECT_EQ(classify_cell("Created at"), CellKind::text);
  EXPECT_EQ(classify_cell("INC0000045"), CellKind::text);
  EXPECT_EQ(classify_cell("TRUE"), CellKind::text);
  EXPECT_EQ(classify_cell("12 apples"), CellKind::text);
}

TEST(CsvSniff, DelimiterChoice) {
  struct Case {
    std::string text;
    char delimiter;
    bool whitespace;
    std::size_t fields;
  };
  const Case cases[] = {
      {"a,b,c\n1,2,3\n4,5,6\n", ',', false, 3},
      {"a;b\n1,5;2,5\n3;4\n", ';', false, 2},
      {"a;b\n1,5;2,5\n3,25;4,75\n", ';', false, 2},  // consistent decimal commas: ';' still wins
      {"a\tb\n1,2\t3\n", '\t', false, 2},
      {"a|b|c\n1|2|3\n", '|', false, 3},
      {"x y z\n1 2 3\n4  5   6\n", ' ', true, 3},
      {"timestamp,calls\n2018-01-01 00:00:00,256\n2018-01-01 01:00:00,180\n", ',', false, 2},
      {"a, b, c\n1, 2, 3\n", ',', false, 3},
      {"\"a;b\",c\n\"1;2\",3\n", ',', false, 2},  // delimiters inside quotes do not count
      {"justone\nvalue\n", ',', false, 1},
  };
  for (const Case& c : cases) {
    const DelimiterGuess guess = sniff_delimiter(c.text, true);
    EXPECT_EQ(guess.whitespace, c.whitespace) << c.text;
    if (!c.whitespace) {
      EXPECT_EQ(guess.delimiter, c.delimiter) << c.text;
    }
    EXPECT_EQ(guess.field_count, c.fields) << c.text;
  }
}

TEST(CsvSniff, HeaderAndPreamble) {
  auto guess = [](const std::string& text, char delimiter = ',', bool whitespace = false) {
    const auto records = tokenize_sample(text, delimiter, whitespace, true);
    return sniff_header(records, dominant_field_count(records));
  };
  auto h = guess("id,score\n1,9\n2,8\n");
  EXPECT_EQ(h.header_row, 0);
  EXPECT_EQ(h.preamble_rows, 0);
  h = guess("1,9\n2,8\n3,7\n");
  EXPECT_EQ(h.header_row, -1);
  h = guess("Report,ACME Ltd,,\nGenerated,2024-02-01,,\n\nagent,tickets,solved,csat\nAnn,10,9,4.5\nBob,12,10,4.1\nCy,7,7,4.9\n");
  EXPECT_EQ(h.header_row, 3);  // records: Report, Generated, (empty), header
  EXPECT_EQ(h.preamble_rows, 2);
  h = guess("name,city\nAnn,Paris\nBob,Rome\n");  // all text: nothing contradicts a header
  EXPECT_EQ(h.header_row, 0);
  h = guess("a,a,b\n1,2,3\n");  // repeated names still win when the columns below are numbers
  EXPECT_EQ(h.header_row, 0);
  h = guess("x,x\ny,y\n");  // repeats and no evidence: data
  EXPECT_EQ(h.header_row, -1);
  h = guess("\"\",id,nps\n\"1\",2368,10\n\"2\",2482,7\n");  // NPS file: empty first header cell
  EXPECT_EQ(h.header_row, 0);
  h = guess(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n", ' ', true);
  EXPECT_EQ(h.header_row, 0);
}

TEST(CsvSniff, DecimalMark) {
  auto decimal = [](const std::string& text, char delimiter) {
    return sniff_decimal(tokenize_sample(text, delimiter, false, true), 1, delimiter);
  };
  EXPECT_EQ(decimal("a;b\n1;12,5\n2;7\n", ';'), ',');
  EXPECT_EQ(decimal("a;b\n1;1.234,56\n", ';'), ',');
  EXPECT_EQ(decimal("a;b\n1;1 234,5\n", ';'), ',');
  EXPECT_EQ(decimal("a;b\n1;12.5\n2;3.75\n", ';'), '.');
  EXPECT_EQ(decimal("a;b\n1;1.234\n", ';'), ',');  // reads both ways: ';' files are usually European
  EXPECT_EQ(decimal("a,b\n1,1.234\n", ','), '.');
  EXPECT_EQ(decimal("a,b\n1,\"1,5\"\n2,\"2,25\"\n", ','), ',');
  EXPECT_EQ(decimal("a,b\n1,2\n", ','), '.');
  EXPECT_EQ(decimal("a;b\n01.02.2024;x\n", ';'), '.');  // dates are not numbers
}

TEST(CsvSniff, LineEnding) {
  EXPECT_EQ(sniff_line_ending("a\nb"), "lf");
  EXPECT_EQ(sniff_line_ending("a\r\nb"), "crlf");
  EXPECT_EQ(sniff_line_ending("a\rb"), "cr");
  EXPECT_EQ(sniff_line_ending("a"), "none");
}

TEST(CsvSniff, SampleRecordsKeepTheStreamIndexSpace) {
  const auto records = tokenize_sample("a\n\nb,c\n\"open", ',', false, false);
  ASSERT_EQ(records.size(), 3u);  // the cut record at the end is left out
  EXPECT_EQ(records[1].kind, SampleRecord::Kind::empty_line);
  EXPECT_EQ(records[2].line, 3u);
}

}  // namespace
}  // namespace skpi::csv
