// parse_number / parse_number_or_percent / is_missing_marker, table-driven.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/csv/number.hpp"

namespace skpi::csv {
namespace {

struct NumberCase {
  std::string text;
  char decimal;
  std::optional<double> expected;
};

TEST(CsvNumber, ParseTable) {
  const std::string nbsp = "\xC2\xA0", narrow_nbsp = "\xE2\x80\xAF", minus = "\xE2\x88\x92";
  const NumberCase cases[] = {
      // plain
      {"0", '.', 0.0}, {"42", '.', 42.0}, {"-3.5", '.', -3.5}, {"+7", '.', 7.0}, {"007", '.', 7.0},
      {".5", '.', 0.5}, {"5.", '.', 5.0}, {"-.25", '.', -0.25}, {"1e3", '.', 1000.0}, {"2.5E-3", '.', 0.0025},
      {"1e+2", '.', 100.0}, {"  12  ", '.', 12.0}, {"\t8\r", '.', 8.0}, {nbsp + "9" + nbsp, '.', 9.0},
      {minus + "4", '.', -4.0},
      // decimal comma
      {"12,5", ',', 12.5}, {"-0,75", ',', -0.75}, {",5", ',', 0.5}, {"3", ',', 3.0}, {"1,5e2", ',', 150.0},
      // thousands with a decimal point
      {"1,234", '.', 1234.0}, {"1,234,567.89", '.', 1234567.89}, {"1 234.5", '.', 1234.5},
      {"1" + nbsp + "234", '.', 1234.0}, {"1'234'567", '.', 1234567.0}, {"-12,345", '.', -12345.0},
      // thousands with a decimal comma
      {"1.234,56", ',', 1234.56}, {"1.234", ',', 1234.0}, {"12.345.678", ',', 12345678.0},
      {"1 234,5", ',', 1234.5}, {"1" + narrow_nbsp + "234,5", ',', 1234.5}, {"1" + nbsp + "234" + nbsp + "567", ',', 1234567.0},
      // ambiguous or malformed -> nothing
      {"1,2", '.', std::nullopt}, {"1,2345", '.', std::nullopt}, {"12,34,567", '.', std::nullopt},
      {"0,123", '.', std::nullopt}, {"1.234.5", '.', std::nullopt}, {"1,234.5", ',', std::nullopt},
      {"1.5", ',', std::nullopt}, {"1,234 567", '.', std::nullopt}, {"1.2.3", '.', std::nullopt},
      {"12%", '.', std::nullopt}, {"$5", '.', std::nullopt}, {"5 EUR", '.', std::nullopt},
      {"abc", '.', std::nullopt}, {"", '.', std::nullopt}, {"   ", '.', std::nullopt}, {"-", '.', std::nullopt},
      {"+", '.', std::nullopt}, {".", '.', std::nullopt}, {"1e", '.', std::nullopt}, {"e5", '.', std::nullopt},
      {"inf", '.', std::nullopt}, {"-inf", '.', std::nullopt}, {"nan", '.', std::nullopt}, {"NA", '.', std::nullopt},
      {"0x1A", '.', std::nullopt}, {"1e999", '.', std::nullopt}, {"1 2", '.', std::nullopt}, {"--5", '.', std::nullopt},
      {"- 5", '.', std::nullopt}, {"5-", '.', std::nullopt},
  };
  for (const NumberCase& c : cases) {
    const std::optional<double> got = parse_number(c.text, c.decimal);
    if (c.expected) {
      ASSERT_TRUE(got.has_value()) << "'" << c.text << "' decimal " << c.decimal;
      EXPECT_DOUBLE_EQ(*got, *c.expected) << "'" << c.text << "' decimal " << c.decimal;
    } else {
      EXPECT_FALSE(got.has_value()) << "'" << c.text << "' decimal " << c.decimal << " gave " << got.value_or(0);
    }
  }
}

TEST(CsvNumber, DefaultAndUnknownDecimalMeanPoint) {
  EXPECT_EQ(parse_number("2.5"), 2.5);
  EXPECT_EQ(parse_number("2.5", 0), 2.5);
  EXPECT_EQ(parse_number("1,000", 'x'), 1000.0);
}

TEST(CsvNumber, LongDigitStrings) {
  const std::string digits(300, '1');
  const auto value = parse_number(digits);
  ASSERT_TRUE(value.has_value());
  EXPECT_GT(*value, 1e299);
  EXPECT_EQ(parse_number("0." + std::string(200, '0') + "1").value_or(-1) > 0, true);
  EXPECT_EQ(parse_number("123,456,789,012,345,678,901.5").value_or(0), 123456789012345678901.5);
}

TEST(CsvNumber, PercentSuffix) {
  const auto a = parse_number_or_percent("12,5 %", ',');
  ASSERT_TRUE(a.has_value());
  EXPECT_DOUBLE_EQ(a->value, 12.5);
  EXPECT_TRUE(a->percent);
  const auto b = parse_number_or_percent("80%");
  ASSERT_TRUE(b.has_value());
  EXPECT_DOUBLE_EQ(b->value, 80.0);
  const auto c = parse_number_or_percent("7");
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->percent);
  EXPECT_FALSE(parse_number_or_percent("%").has_value());
  EXPECT_FALSE(parse_number_or_percent("5%%").has_value());
  EXPECT_FALSE(parse_number_or_percent("NA%").has_value());
}

TEST(CsvNumber, MissingMarkers) {
  for (const std::string text : {"", "  ", "NA", "na", "N/A", "n/a", "#N/A", "n.a.", "-", "--", "?", "null", "NULL", "Null",
                                 "NaN", "nan", "(null)", " NA ", "\xC2\xA0-\xC2\xA0"}) {
    EXPECT_TRUE(is_missing_marker(text)) << "'" << text << "'";
  }
  for (const std::string text : {"0", "none", "None", "n", "x", "---", "??", "NAN1", "-1", "Nathan", "nullable"}) {
    EXPECT_FALSE(is_missing_marker(text)) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace skpi::csv
