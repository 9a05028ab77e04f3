#include "core/csv/sniff.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/csv/number.hpp"

namespace skpi::csv {
namespace {

class SampleCollector final : public TokenSink {
 public:
  explicit SampleCollector(std::size_t max_records) : max_records_(max_records) {}

  void on_record(const std::string_view* fields, std::size_t count, std::uint64_t line, bool) override {
    if (full()) return;
    SampleRecord record;
    record.line = line;
    record.fields.reserve(count);
    for (std::size_t i = 0; i < count; ++i) record.fields.emplace_back(fields[i]);
    records.push_back(std::move(record));
  }
  void on_empty_line(std::uint64_t line) override { push_marker(SampleRecord::Kind::empty_line, line); }
  void on_record_too_large(std::uint64_t line) override { push_marker(SampleRecord::Kind::dropped, line); }
  void on_unterminated_quote(std::uint64_t) override {}

  std::vector<SampleRecord> records;

 private:
  bool full() const { return records.size() >= max_records_; }
  void push_marker(SampleRecord::Kind kind, std::uint64_t line) {
    if (full()) return;
    SampleRecord record;
    record.kind = kind;
    record.line = line;
    records.push_back(std::move(record));
  }
  std::size_t max_records_;
};

// Only the kind and width of each record: what the delimiter vote needs, without copying five
// tokenizations' worth of fields into strings (most of the sniffing time in a fresh wasm engine).
struct RecordShape {
  SampleRecord::Kind kind;
  std::size_t fields;
};

class ShapeCollector final : public TokenSink {
 public:
  explicit ShapeCollector(std::size_t max_records) : max_records_(max_records) {}
  void on_record(const std::string_view*, std::size_t count, std::uint64_t, bool) override { push(SampleRecord::Kind::record, count); }
  void on_empty_line(std::uint64_t) override { push(SampleRecord::Kind::empty_line, 0); }
  void on_record_too_large(std::uint64_t) override { push(SampleRecord::Kind::dropped, 0); }
  void on_unterminated_quote(std::uint64_t) override {}
  std::vector<RecordShape> shapes;

 private:
  void push(SampleRecord::Kind kind, std::size_t fields) {
    if (shapes.size() < max_records_) shapes.push_back({kind, fields});
  }
  std::size_t max_records_;
};

std::size_t dominant_width(const std::vector<RecordShape>& shapes) {
  std::map<std::size_t, std::size_t> histogram;
  for (const RecordShape& shape : shapes) {
    if (shape.kind == SampleRecord::Kind::record) ++histogram[shape.fields];
  }
  if (histogram.empty()) return 0;
  std::size_t best = 0, best_frequency = 0;
  for (const auto& [count, frequency] : histogram) {
    if (count < 2) continue;
    if (frequency >= best_frequency) {  // equal frequency: the wider count
      best = count;
      best_frequency = frequency;
    }
  }
  return best != 0 ? best : 1;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool looks_like_date(std::string_view s) {
  if (s.empty() || !is_digit(s.front())) return false;
  // A trailing AM/PM marker is part of many US timestamps.
  if (s.size() > 2) {
    const char a = static_cast<char>(s[s.size() - 2] | 0x20);
    const char m = static_cast<char>(s.back() | 0x20);
    if ((a == 'a' || a == 'p') && m == 'm') s = trim_blanks(s.substr(0, s.size() - 2));
  }
  std::size_t digits = 0, separators = 0;
  for (const char c : s) {
    if (is_digit(c)) {
      ++digits;
    } else if (c == '-' || c == '/' || c == '.' || c == ':') {
      ++separators;
    } else if (c != ' ' && c != 'T' && c != 'Z' && c != '+' && c != ',') {
      return false;
    }
  }
  return digits >= 3 && separators >= 1;
}

struct Candidate {
  char delimiter;
  bool whitespace;
  int priority;  // lower wins a tie
};

}  // namespace

std::vector<SampleRecord> tokenize_sample(std::string_view text, char delimiter, bool whitespace, bool complete,
                                          std::size_t max_records, TokenizerLimits limits) {
  SampleCollector collector(max_records);
  Tokenizer tokenizer(delimiter, whitespace, limits);
  tokenizer.consume(text.data(), text.size(), collector);
  if (complete) tokenizer.finish(collector);
  return std::move(collector.records);
}

std::size_t dominant_field_count(const std::vector<SampleRecord>& records) {
  std::vector<RecordShape> shapes;
  shapes.reserve(records.size());
  for (const SampleRecord& record : records) shapes.push_back({record.kind, record.fields.size()});
  return dominant_width(shapes);
}

DelimiterGuess sniff_delimiter(std::string_view text, bool complete) {
  static constexpr Candidate candidates[] = {{'\t', false, 0}, {'|', false, 1}, {';', false, 2}, {',', false, 3}, {' ', true, 4}};
  DelimiterGuess best;
  double best_score = -1;
  int best_priority = 100;
  for (const Candidate& candidate : candidates) {
    // Runs of blanks score at most 0.9 (the 0.1 below) and lose ties: once a delimiter has scored
    // 0.9, they cannot win, and tokenizing the sample once more for them would only make V8
    // optimise the whitespace tokenizer, which the file never uses (tens of ms of compile CPU).
    if (candidate.whitespace && best_score >= 0.9) continue;
    ShapeCollector collector(1000);
    Tokenizer tokenizer(candidate.delimiter, candidate.whitespace, TokenizerLimits{});
    tokenizer.consume(text.data(), text.size(), collector);
    if (complete) tokenizer.finish(collector);
    const std::size_t field_count = dominant_width(collector.shapes);
    std::size_t total = 0, matching = 0;
    for (const RecordShape& shape : collector.shapes) {
      if (shape.kind != SampleRecord::Kind::record) continue;
      ++total;
      matching += shape.fields == field_count;
    }
    if (total == 0 || field_count < 2) continue;
    const double consistency = static_cast<double>(matching) / static_cast<double>(total);
    const double score = consistency - (candidate.whitespace ? 0.1 : 0.0);
    if (score > best_score + 1e-9 || (score > best_score - 1e-9 && candidate.priority < best_priority)) {
      best_score = score;
      best_priority = candidate.priority;
      best = {candidate.delimiter, candidate.whitespace, field_count, consistency};
    }
  }
  return best;
}

CellKind classify_cell(std::string_view cell) {
  const std::string_view t = trim_blanks(cell);
  if (is_missing_marker(t)) return CellKind::missing;
  if (parse_number_or_percent(t, '.') || parse_number_or_percent(t, ',')) return CellKind::number;
  if (looks_like_date(t)) return CellKind::date;
  return CellKind::text;
}

bool is_import_id_line(const std::string_view* fields, std::size_t count) {
  std::size_t filled = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view value = trim_blanks(fields[i]);
    if (value.empty()) continue;
    ++filled;
    if (value.size() < 12 || value.front() != '{' || value.back() != '}') return false;
    std::string head(value.substr(1, 10));
    for (char& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (head != "\"importid\"") return false;
  }
  return filled >= 2;
}

bool is_import_id_line(const std::vector<std::string>& fields) {
  std::vector<std::string_view> views(fields.begin(), fields.end());
  return is_import_id_line(views.data(), views.size());
}

HeaderGuess sniff_header(const std::vector<SampleRecord>& records, std::size_t field_count) {
  constexpr std::size_t search_limit = 32;    // preambles are a few lines
  constexpr std::size_t evidence_rows = 100;  // rows below a candidate looked at
  std::vector<std::size_t> rows;              // indices of non-empty records
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].kind == SampleRecord::Kind::record) rows.push_back(i);
  }
  if (rows.empty()) return {0, 0};

  const std::size_t typed_rows = std::min(rows.size(), search_limit + evidence_rows + 1);
  std::vector<std::vector<CellKind>> kinds(typed_rows);
  for (std::size_t r = 0; r < typed_rows; ++r) {
    for (const std::string& cell : records[rows[r]].fields) kinds[r].push_back(classify_cell(cell));
  }
  // Qualtrics writes three header rows: the short ids, the question texts and a line of
  // {"ImportId":...} JSON. The last two are part of the header: neither is a candidate, and neither
  // counts as data below the first (with few responses they would outweigh them).
  std::vector<bool> header_companion(typed_rows, false);
  for (std::size_t r = 1; r < typed_rows && r <= search_limit; ++r) {
    if (is_import_id_line(records[rows[r]].fields)) header_companion[r] = header_companion[r - 1] = true;
  }

  // > 0: text above number/date columns; < 0: numbers/dates where the data has them, or repeats.
  auto evidence = [&](std::size_t r) {
    int score = 0;
    for (std::size_t column = 0; column < field_count; ++column) {
      std::size_t numeric = 0, text = 0;
      std::size_t seen = 0;
      for (std::size_t below = r + 1; below < typed_rows && seen < evidence_rows; ++below) {
        if (kinds[below].size() != field_count || header_companion[below]) continue;
        ++seen;
        const CellKind kind = kinds[below][column];
        numeric += kind == CellKind::number || kind == CellKind::date;
        text += kind == CellKind::text;
      }
      if (numeric + text == 0 || numeric < 4 * text) continue;
      const CellKind own = kinds[r][column];
      if (own == CellKind::text) ++score;
      else if (own == CellKind::number || own == CellKind::date) --score;
    }
    std::set<std::string_view> distinct;
    for (std::size_t column = 0; column < field_count; ++column) {
      if (kinds[r][column] == CellKind::missing) continue;
      if (!distinct.insert(records[rows[r]].fields[column]).second) {
        --score;
        break;
      }
    }
    return score;
  };
  auto looks_like_header = [&](std::size_t r) {
    std::size_t numeric = 0, text = 0;
    for (const CellKind kind : kinds[r]) {
      numeric += kind == CellKind::number || kind == CellKind::date;
      text += kind == CellKind::text;
    }
    std::set<std::string_view> distinct;
    for (std::size_t column = 0; column < kinds[r].size(); ++column) {
      if (kinds[r][column] != CellKind::missing && !distinct.insert(records[rows[r]].fields[column]).second) return false;
    }
    return text > 0 && numeric * 4 <= numeric + text;
  };

  // The strongest evidence wins, so a preamble line that happens to have the table's width (Excel
  // pads report titles with empty cells) loses to the real header below it.
  const std::size_t limit = std::min(rows.size(), search_limit);
  std::size_t first_candidate = limit;
  std::size_t best = limit;
  int best_score = 0;
  for (std::size_t r = 0; r < limit; ++r) {
    if (records[rows[r]].fields.size() != field_count || header_companion[r]) continue;
    if (first_candidate == limit) first_candidate = r;
    const int score = evidence(r);
    if (score > best_score) {
      best_score = score;
      best = r;
    }
  }
  if (best == limit && first_candidate < limit && evidence(first_candidate) == 0 && looks_like_header(first_candidate))
    best = first_candidate;  // an all-text table: nothing contradicts a header
  if (best < limit) return {static_cast<int>(rows[best]), static_cast<int>(best)};
  if (first_candidate == limit) return {static_cast<int>(rows[0]), 0};  // no row of the common width: take the first
  return {-1, 0};
}

char sniff_decimal(const std::vector<SampleRecord>& records, std::size_t first_data_record, char delimiter) {
  std::size_t point = 0, comma = 0, ambiguous = 0;
  std::size_t examined = 0;
  for (std::size_t i = first_data_record; i < records.size() && examined < 1000; ++i) {
    if (records[i].kind != SampleRecord::Kind::record) continue;
    ++examined;
    for (const std::string& cell : records[i].fields) {
      const std::string_view t = trim_blanks(cell);
      if (t.empty() || t.size() > 40) continue;
      bool marks = false;  // a '.' or ','; find_first_of(".,") costs a memchr per character
      for (const char c : t) marks |= c == '.' || c == ',';
      if (!marks) continue;
      auto as_point = parse_number_or_percent(t, '.');
      auto as_comma = parse_number_or_percent(t, ',');
      if (!as_point && !as_comma) {  // amounts with a currency: "1 234,50 EUR", "$1,234.50"
        if (const auto money = split_currency(t)) {
          as_point = parse_number_or_percent(money->number, '.');
          as_comma = parse_number_or_percent(money->number, ',');
        }
      }
      if (as_point && !as_comma) ++point;
      else if (as_comma && !as_point) ++comma;
      else if (as_point && as_comma && as_point->value != as_comma->value) ++ambiguous;
    }
  }
  if (comma > point) return ',';
  if (point > comma) return '.';
  return (ambiguous > 0 && delimiter == ';') ? ',' : '.';
}

std::string sniff_line_ending(std::string_view text) {
  const std::size_t at = text.find_first_of("\r\n");
  if (at == std::string_view::npos) return "none";
  if (text[at] == '\n') return "lf";
  return (at + 1 < text.size() && text[at + 1] == '\n') ? "crlf" : "cr";
}

}  // namespace skpi::csv
