// Chunk boundaries must change nothing: every tricky input is read whole and in chunks of every
// size 1..64 (plus jagged sizes), with a tiny sniff sample so the tokenizer and the decoders see
// the cuts, and with the default sample; all reads must describe the same result.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/csv/reader.hpp"
#include "tests/core/csv_test_support.hpp"

namespace skpi::csv {
namespace {

using testing::read_csv;
using testing::read_csv_jagged;

struct TrickyInput {
  std::string name;
  std::string bytes;
  ReaderOptions options;
};

ReaderOptions with(std::string delimiter, int header_row, std::size_t sniff_bytes = 65536, std::string encoding = "auto") {
  ReaderOptions o;
  o.delimiter = std::move(delimiter);
  o.header_row = header_row;
  o.sniff_bytes = sniff_bytes;
  o.encoding = std::move(encoding);
  return o;
}

std::string utf16le(const std::u16string& text, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (const char16_t unit : text) {
    out.push_back(static_cast<char>(unit & 0xFF));
    out.push_back(static_cast<char>(unit >> 8));
  }
  return out;
}

std::string utf16be(const std::u16string& text) {
  std::string out("\xFE\xFF", 2);
  for (const char16_t unit : text) {
    out.push_back(static_cast<char>(unit >> 8));
    out.push_back(static_cast<char>(unit & 0xFF));
  }
  return out;
}

std::vector<TrickyInput> tricky_inputs() {
  const std::string quoted =
      "id,text,n\r\n"
      "1,\"a, \"\"quoted\"\" word\",2\r\n"
      "2,\"multi\r\nline\nfield\r\",3\r\n"
      "\r\n"
      "3,\"\"\"\",4\r\n"
      "4, \"lead\" ,\"tail\"x,5\r\n"
      ",,\r\n"
      "5,\"é€😀\",6";
  const std::u16string utf16_text = u"name\tnote\r\nAnn\t\"caf\u00e9 \U0001F600\"\r\nBob\t\u20ac5\r\n";
  std::vector<TrickyInput> inputs = {
      {"quoted_crlf", quoted, {}},
      {"quoted_crlf_forced", quoted, with(",", 0)},
      {"cr_only", "a,b\r1,\"x\ry\"\r\r2,3\r", with(",", 0)},
      {"utf8_bom", "\xEF\xBB\xBFk\xC3\xBCsimus;vastus\n\xC3\xB5un;\xE2\x82\xAC\xF0\x9F\x98\x80\n", with(";", 0)},
      {"utf8_bom_sniffed", "\xEF\xBB\xBFk\xC3\xBCsimus;vastus\n\xC3\xB5un;\xE2\x82\xAC\xF0\x9F\x98\x80\n", {}},
      {"latin1", "id,comment\n1,\"tr\xE8s bien, d\xE9j\xE0\"\n2,\x80 \x92ok\x92\n", with(",", 0)},
      {"latin1_sniffed", "id,comment\n1,\"tr\xE8s bien, d\xE9j\xE0\"\n2,\x80 \x92ok\x92\n", {}},
      {"utf8_then_stray_latin1", "a,b\n\xC3\xA9,1\n\xE8,2\n\xE2\x82,3\n", with(",", 0, 4, "utf-8")},
      {"utf16le_bom", utf16le(utf16_text, true), with("\t", 0)},
      {"utf16le_bom_sniffed", utf16le(utf16_text, true), {}},
      {"utf16le_no_bom", utf16le(utf16_text, false), with("\t", 0)},
      {"utf16be_bom", utf16be(utf16_text), with("\t", 0)},
      {"utf16_lone_surrogate", utf16le(std::u16string(u"a,b\r\n") + char16_t(0xD83D) + u",x\r\n", true), with(",", 0)},
      {"whitespace", " 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n\r\n   \r\n 00003 \"a b\"  2   20.76", with("space", -1)},
      {"whitespace_sniffed", " 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n 00003 19970102  2   20.76\r\n", {}},
      {"chatwoot", "period,2024-01-01 - 2024-01-31\n\nAgent,Conversations,Avg\nAnn,12,1.5\nBob,9,2.25\n", {}},
      {"semicolon_decimal_comma", "Kuup\xC3\xA4" "ev;Summa\n01.02.2024;1.234,56\n02.02.2024;12,5\n", {}},
      {"unterminated", "a,b\n1,\"open\r\n2,3", with(",", 0)},
      {"quote_at_end", "a,b\n1,\"x\"", with(",", 0)},
      {"doubled_quote_at_end", "a,b\n1,\"x\"\"\"", with(",", 0)},
      {"no_trailing_newline_cr", "a,b\r1,2\r3,4", with(",", 0)},
  };
  // Too-large records with a small cap, so the carry path, the cut and the resync are all crossed.
  ReaderOptions small = with(",", 0);
  small.max_record_bytes = 24;
  small.max_fields = 5;
  inputs.push_back({"limits",
                    "a,b\n1,2\n" + std::string(40, 'x') + ",3\r\n4,5\n\"" + std::string(30, 'q') + "\r\n6,7\n1,2,3,4,5,6\n8,9\n" +
                        "\"ab\r\ncd\",\"" + std::string(30, 'r') + "\"\r\n10,11\n",
                    small});
  ReaderOptions small_ws = with("space", -1);
  small_ws.max_record_bytes = 20;
  small_ws.max_fields = 3;
  inputs.push_back({"limits_whitespace", "1 2\n" + std::string(30, 'w') + "\n3 4 5 6\n  7   8\n", small_ws});
  return inputs;
}

TEST(CsvChunks, EveryChunkSizeGivesTheWholeInputResult) {
  for (const TrickyInput& input : tricky_inputs()) {
    for (const std::size_t sniff : {std::size_t{65536}, std::size_t{4}, std::size_t{7}}) {
      ReaderOptions options = input.options;
      if (sniff != 65536) options.sniff_bytes = sniff;
      const std::string whole = read_csv(input.bytes, options).describe();
      for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
        ASSERT_EQ(read_csv(input.bytes, options, chunk).describe(), whole)
            << input.name << " sniff=" << sniff << " chunk=" << chunk;
      }
      for (std::uint32_t seed = 0; seed < 20; ++seed) {
        ASSERT_EQ(read_csv_jagged(input.bytes, options, seed, 13).describe(), whole) << input.name << " seed=" << seed;
      }
    }
  }
}

TEST(CsvChunks, ForcedAndSniffedDialectsAgreeOnContent) {
  // The tiny-sample reads above only prove consistency; these pin the content itself.
  const auto inputs = tricky_inputs();
  auto find = [&](const std::string& name) {
    for (const auto& input : inputs)
      if (input.name == name) return input;
    return inputs.front();
  };
  const auto quoted = read_csv(find("quoted_crlf").bytes);
  ASSERT_EQ(quoted.rows.size(), 5u);
  EXPECT_EQ(quoted.rows[0][1], "a, \"quoted\" word");
  EXPECT_EQ(quoted.rows[1][1], "multi\r\nline\nfield\r");
  EXPECT_EQ(quoted.rows[2][1], "\"");
  EXPECT_EQ(quoted.rows[3][1], "lead");
  EXPECT_EQ(quoted.rows[3][2], "tailx");
  EXPECT_EQ(quoted.rows[4][1], "é€😀");
  // "field\r" ends a physical line too (a lone CR is a line end), so record 2 spans lines 3-6.
  EXPECT_EQ(quoted.row_numbers, (std::vector<std::uint64_t>{2, 3, 8, 9, 11}));
  EXPECT_EQ(quoted.blank_records, 1u);
  EXPECT_EQ(quoted.empty_lines, 1u);

  ReaderOptions tiny = find("quoted_crlf_forced").options;
  tiny.sniff_bytes = 4;
  EXPECT_EQ(read_csv(find("quoted_crlf").bytes, tiny, 3).rows, quoted.rows);

  const auto limits = read_csv(find("limits").bytes, find("limits").options);
  EXPECT_EQ(limits.rows, (testing::Rows{{"1", "2"}, {"4", "5"}, {"6", "7"}, {"8", "9"}, {"10", "11"}}));
  EXPECT_EQ(limits.dropped, 4u);
  EXPECT_EQ(limits.row_numbers, (std::vector<std::uint64_t>{2, 4, 6, 8, 11}));

  const auto limits_ws = read_csv(find("limits_whitespace").bytes, find("limits_whitespace").options);
  EXPECT_EQ(limits_ws.rows, (testing::Rows{{"1", "2"}, {"7", "8"}}));
  EXPECT_EQ(limits_ws.dropped, 2u);
}

TEST(CsvChunks, RandomInputsAreChunkIndependent) {
  // Short random texts over the bytes that matter (quotes, CR, LF, delimiters, spaces, UTF-8 and
  // Latin-1 bytes), with small limits, in both modes: any disagreement between the parser and the
  // scanner that finds the end of a carried record shows up as a difference.
  static const std::string alphabet[] = {"a", "b", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " ", "  ", "\t", "\xC3\xA9", "\xE9", "1", "2.5"};
  std::uint32_t state = 7;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text = "h1,h2\n";
    const std::size_t pieces = 1 + next() % 60;
    for (std::size_t i = 0; i < pieces; ++i) text += alphabet[next() % (sizeof alphabet / sizeof alphabet[0])];
    ReaderOptions options;
    options.sniff_bytes = 4;
    options.header_row = 0;
    options.delimiter = (round % 3 == 0) ? "space" : ",";
    options.encoding = (round % 2 == 0) ? "utf-8" : "auto";
    options.max_record_bytes = 8 + next() % 24;
    options.max_fields = 2 + next() % 4;
    const std::string whole = read_csv(text, options).describe();
    for (std::size_t chunk = 1; chunk <= 16; ++chunk)
      ASSERT_EQ(read_csv(text, options, chunk).describe(), whole) << "round " << round << " chunk " << chunk << " text "
                                                                 << ::testing::PrintToString(text);
    ASSERT_EQ(read_csv_jagged(text, options, static_cast<std::uint32_t>(round), 5).describe(), whole) << "round " << round;
  }
}

}  // namespace
}  // namespace skpi::csv
