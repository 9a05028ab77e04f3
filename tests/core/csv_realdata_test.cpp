// The reader on the real third-party files in /work/shared/realdata (see its README).
// Expected counts and byte totals were computed independently with Python 3:
//   csv.reader over the file decoded as UTF-8, or for the NPS file as cp1252 with undefined bytes
//   (0x81 0x8D 0x8F 0x90 0x9D) taken as Latin-1; "field bytes" = sum of len(field.encode("utf-8"))
//   over the data records. CDNOW_master.txt: str.split() per line (69,660 lines, the first is a header).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/csv/reader.hpp"
#include "tests/core/csv_test_support.hpp"

namespace skpi::csv {
namespace {

using testing::read_csv;

std::string realdata_path(const std::string& name) { return std::string(SKPI_SOURCE_DIR) + "/../shared/realdata/" + name; }

bool load(const std::string& name, std::string& bytes) {
  std::ifstream in(realdata_path(name), std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::size_t field_bytes(const testing::ReadResult& r) {
  std::size_t total = 0;
  for (const auto& row : r.rows)
    for (const auto& field : row) total += field.size();
  return total;
}

std::size_t field_total(const testing::ReadResult& r) {
  std::size_t total = 0;
  for (const auto& row : r.rows) total += row.size();
  return total;
}

struct RealFile {
  std::string name;
  std::string encoding;
  char delimiter;
  bool whitespace;
  std::string line_ending;
  std::size_t fields;
  std::string first_header;
  std::size_t records;
  std::size_t bytes;  // field bytes, see above
  std::size_t field_count_total;
};

TEST(CsvRealData, FilesReadWithIndependentlyComputedCounts) {
  const RealFile files[] = {
      {"AndriiLatysh__ml_4__call_center.csv", "utf-8", ',', false, "lf", 2, "timestamp", 336, 7309, 672},
      {"BenaventC__NPSgame__nps.csv", "windows-1252", ',', false, "lf", 9, "", 13954, 764120, 125586},
      {"CamDavidsonPilon__lifetimes__cdnow_customers_summary_with_transactions.csv", "utf-8", ',', false, "crlf", 5, "ID",
       2357, 42928, 11785},
      {"chinthan11shah__Incident-Management-System__incident_event_log.csv", "utf-8", ',', false, "crlf", 36, "number", 5998,
       1782200, 215928},
      {"elokudzo__elastix-call-center-report__call_center.csv", "utf-8", ',', false, "lf", 3, "End Date", 349, 11962, 1047},
      {"CamDavidsonPilon__lifetimes__CDNOW_master.txt", "utf-8", ' ', true, "crlf", 4, "customer_id", 69659, 1323985,
       69659 * 4},
  };
  for (const RealFile& file : files) {
    std::string bytes;
    if (!load(file.name, bytes)) GTEST_SKIP() << "real data not found at " << realdata_path(file.name);
    const auto r = read_csv(bytes);
    EXPECT_EQ(r.dialect.encoding, file.encoding) << file.name;
    EXPECT_EQ(r.dialect.delimiter, file.delimiter) << file.name;
    EXPECT_EQ(r.dialect.whitespace_delimited, file.whitespace) << file.name;
    EXPECT_EQ(r.dialect.line_ending, file.line_ending) << file.name;
    EXPECT_EQ(r.dialect.decimal, '.') << file.name;
    EXPECT_EQ(r.dialect.header_row, 0) << file.name;
    EXPECT_EQ(r.dialect.preamble_rows, 0) << file.name;
    ASSERT_EQ(r.header.size(), file.fields) << file.name;
    EXPECT_EQ(r.header.front(), file.first_header) << file.name;
    EXPECT_EQ(r.records, file.records) << file.name;
    EXPECT_EQ(r.rows.size(), file.records) << file.name;
    EXPECT_EQ(r.ragged, 0u) << file.name;
    EXPECT_EQ(field_bytes(r), file.bytes) << file.name;
    EXPECT_EQ(field_total(r), file.field_count_total) << file.name;
    EXPECT_FALSE(r.error.has_value()) << file.name << ": " << r.error->code;
    // Chunked reads give the same result (odd sizes, so cuts land everywhere).
    const std::string whole = r.describe();
    for (const std::size_t chunk : {std::size_t{1} << 12, std::size_t{65537}, std::size_t{999983}})
      EXPECT_EQ(read_csv(bytes, {}, chunk).describe(), whole) << file.name << " chunk " << chunk;
  }
}

TEST(CsvRealData, NpsLatin1CommentsComeOutAsUtf8) {
  std::string bytes;
  if (!load("BenaventC__NPSgame__nps.csv", bytes)) GTEST_SKIP() << "real data not found";
  const auto r = read_csv(bytes);
  ASSERT_GE(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[1][1], "2482");
  EXPECT_EQ(r.rows[1][5].rfind("Il y a très peu de caisse ouverte", 0), 0u) << r.rows[1][5];
  EXPECT_EQ(r.rows[0][5], "NA");
  EXPECT_EQ(r.row_numbers[1], 3u);
}

TEST(CsvRealData, CdnowWithoutItsHeaderLineHasNoHeader) {
  // The README describes CDNOW_master as header-less; the stored copy has a header line, so drop it.
  std::string bytes;
  if (!load("CamDavidsonPilon__lifetimes__CDNOW_master.txt", bytes)) GTEST_SKIP() << "real data not found";
  bytes.erase(0, bytes.find('\n') + 1);
  const auto r = read_csv(bytes);
  EXPECT_TRUE(r.dialect.whitespace_delimited);
  EXPECT_EQ(r.dialect.header_row, -1);
  EXPECT_EQ(r.header, (std::vector<std::string>{"column_1", "column_2", "column_3", "column_4"}));
  EXPECT_EQ(r.records, 69659u);
  EXPECT_EQ(r.rows.front(), (std::vector<std::string>{"00001", "19970101", "1", "11.77"}));
  EXPECT_EQ(r.rows.back(), (std::vector<std::string>{"23570", "19970326", "2", "42.96"}));
}

TEST(CsvRealData, IncidentLogKeepsQuestionMarksForTheConsumer) {
  std::string bytes;
  if (!load("chinthan11shah__Incident-Management-System__incident_event_log.csv", bytes)) GTEST_SKIP() << "real data not found";
  const auto r = read_csv(bytes);
  ASSERT_FALSE(r.rows.empty());
  EXPECT_EQ(r.rows[0][9], "29-02-2016 01:16");
  std::size_t question_marks = 0;
  for (const auto& row : r.rows)
    for (const auto& field : row) question_marks += field == "?";
  EXPECT_GT(question_marks, 0u);
}

}  // namespace
}  // namespace skpi::csv
