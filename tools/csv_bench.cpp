// csv_bench: native throughput of the CSV reader (skpi::csv::StreamReader).
// Usage: csv_bench [file] [--rows N] [--chunk BYTES] [--repeat N]
//   Without a file it generates ticket-like CSVs in memory (1M rows, ~110 MB): one unquoted, one
//   with every text field quoted (some with "" and embedded newlines), one Windows-1252.
//   Prints MB/s for a newline scan (the floor), the reader delivering every field, and
//   parse_number over the numeric columns.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/csv/number.hpp"
#include "core/csv/reader.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct CountingSink : skpi::csv::RecordSink {
  std::uint64_t records = 0, fields = 0, bytes = 0;
  void on_header(const std::vector<std::string>& names) override { fields += names.size(); }
  void on_record(const std::string_view* f, std::size_t count, std::uint64_t) override {
    ++records;
    fields += count;
    for (std::size_t i = 0; i < count; ++i) bytes += f[i].size();
  }
};

struct NumberSink : skpi::csv::RecordSink {
  char decimal = '.';
  double sum = 0;
  std::uint64_t parsed = 0;
  void on_dialect(const skpi::csv::Dialect& d) override { decimal = d.decimal; }
  void on_header(const std::vector<std::string>&) override {}
  void on_record(const std::string_view* f, std::size_t count, std::uint64_t) override {
    for (std::size_t i = 0; i < count; ++i) {
      if (const auto v = skpi::csv::parse_number(f[i], decimal)) {
        sum += *v;
        ++parsed;
      }
    }
  }
};

std::string generate(std::size_t rows, bool quoted, bool latin1) {
  static const char* statuses[] = {"open", "pending", "solved", "closed"};
  static const char* channels[] = {"email", "web", "chat", "phone", "api"};
  static const char* agents[] = {"Ann Smith", "Bob Jones", "Cy Young", "Dee Park", "Eve Stone", "Fay Lee"};
  static const char* subjects_plain[] = {"Cannot log in to the portal", "Refund request for order", "Delivery is late again",
                                         "Password reset link expired", "Invoice shows wrong amount"};
  static const char* subjects_quoted[] = {"Cannot log in, portal says \"\"error 42\"\"", "Refund request, order late",
                                          "Delivery late\nsecond line of text", "Password reset, link expired",
                                          "Invoice: wrong amount, please fix"};
  static const char* subjects_latin1[] = {"Probl\xE8me de connexion au portail", "Remboursement demand\xE9 pour la commande",
                                          "Livraison en retard \xE0 nouveau", "Lien de r\xE9initialisation expir\xE9",
                                          "Facture erron\xE9" "e \x80 corriger"};
  std::string out;
  out.reserve(rows * 120);
  out += "id,subject,status,priority,via,created_at,solved_at,assignee,group,satisfaction,replies,"
         "first_reply_minutes,full_resolution_minutes\n";
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  char line[512];
  for (std::size_t i = 0; i < rows; ++i) {
    const unsigned day = 1 + next() % 28, hour = next() % 24, minute = next() % 60;
    const char* subject = latin1 ? subjects_latin1[next() % 5] : (quoted ? subjects_quoted : subjects_plain)[next() % 5];
    const char* q = quoted ? "\"" : "";
    const int n = std::snprintf(line, sizeof line,
                                "%zu,%s%s%s,%s,%s,%s,2024-03-%02u %02u:%02u:00,2024-03-%02u %02u:%02u:00,"
                                "%s%s%s,%sTier %u%s,%u,%u,%u.%02u,%u\n",
                                100000 + i, q, subject, q, statuses[next() % 4], (next() % 3) ? "normal" : "high",
                                channels[next() % 5], day, hour, minute, day, (hour + 3) % 24, minute, q,
                                agents[next() % 6], q, q, 1 + next() % 3, q, 1 + next() % 5, next() % 9, next() % 600,
                                next() % 100, next() % 5000);
    out.append(line, static_cast<std::size_t>(n));
  }
  return out;
}

template <class Sink>
double run_reader(const std::string& data, std::size_t chunk, Sink& sink, skpi::csv::StreamReader& reader) {
  const auto start = Clock::now();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  for (std::size_t offset = 0; offset < data.size(); offset += chunk)
    reader.feed(bytes + offset, std::min(chunk, data.size() - offset), sink);
  reader.finish(sink);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double newline_scan(const std::string& data, std::uint64_t& lines) {
  const auto start = Clock::now();
  lines = 0;
  const char* p = data.data();
  const char* end = p + data.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++lines;
    ++p;
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void bench(const char* label, const std::string& data, std::size_t chunk, int repeat) {
  const double mb = static_cast<double>(data.size()) / 1e6;
  double best_scan = 1e9, best_read = 1e9, best_numbers = 1e9;
  std::uint64_t lines = 0;
  CountingSink counted;
  skpi::csv::Dialect dialect;
  std::string error = "none";
  for (int i = 0; i < repeat; ++i) {
    best_scan = std::min(best_scan, newline_scan(data, lines));
    CountingSink sink;
    skpi::csv::StreamReader reader;
    best_read = std::min(best_read, run_reader(data, chunk, sink, reader));
    counted = sink;
    dialect = reader.dialect();
    if (reader.error()) error = reader.error()->code;
    NumberSink numbers;
    skpi::csv::StreamReader number_reader;
    best_numbers = std::min(best_numbers, run_reader(data, chunk, numbers, number_reader));
  }
  std::printf("%-22s %6.1f MB, %llu lines | newline scan %5.0f MB/s | reader %7.0f MB/s (%llu records, %llu fields) | reader+parse_number %6.0f MB/s\n",
              label, mb, static_cast<unsigned long long>(lines), mb / best_scan, mb / best_read, static_cast<unsigned long long>(counted.records),
              static_cast<unsigned long long>(counted.fields), mb / best_numbers);
  std::printf("%-22s encoding=%s delimiter='%c' header_row=%d decimal=%c error=%s chunk=%zu\n", "", dialect.encoding.c_str(),
              dialect.delimiter == '\t' ? 'T' : dialect.delimiter, dialect.header_row, dialect.decimal, error.c_str(), chunk);
}

}  // namespace

int main(int argc, char** argv) {
  std::string file;
  std::size_t rows = 1000000, chunk = 1 << 16;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) rows = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--chunk" && i + 1 < argc) chunk = std::max<std::size_t>(1, std::strtoull(argv[++i], nullptr, 10));
    else if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--help" || arg == "-h") {
      std::printf("usage: csv_bench [file] [--rows N] [--chunk BYTES] [--repeat N]\n");
      return 0;
    } else file = arg;
  }
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", file.c_str());
      return 1;
    }
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bench(file.substr(file.find_last_of('/') + 1).substr(0, 22).c_str(), data, chunk, repeat);
    return 0;
  }
  bench("tickets unquoted", generate(rows, false, false), chunk, repeat);
  bench("tickets quoted", generate(rows, true, false), chunk, repeat);
  bench("tickets windows-1252", generate(rows, false, true), chunk, repeat);
  return 0;
}
