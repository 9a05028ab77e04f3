// Native command-line front end of the file analysis: streams a file through analysis::Session in
// 1 MiB chunks and prints the report JSON (used by scripts/bench for the native run, and to debug).
//
//   skpi_analyze FILE [OPTIONS_JSON] [--timing] [--compact]
//
// --timing prints "seconds bytes MB/s peak_rss_kb" to stderr after the report.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"

#if defined(__linux__)
#include <sys/resource.h>
#endif

int main(int argc, char** argv) {
  std::string path, options_text;
  bool timing = false, compact = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--timing") == 0) timing = true;
    else if (std::strcmp(argv[i], "--compact") == 0) compact = true;
    else if (path.empty()) path = argv[i];
    else options_text = argv[i];
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: skpi_analyze FILE [OPTIONS_JSON] [--timing] [--compact]\n");
    return 2;
  }
  nlohmann::json options = nlohmann::json::object();
  if (!options_text.empty()) {
    try {
      options = nlohmann::json::parse(options_text);
    } catch (const std::exception& problem) {
      std::fprintf(stderr, "options are not valid JSON: %s\n", problem.what());
      return 2;
    }
  }
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  skpi::analysis::Session session(options);
  std::vector<std::uint8_t> buffer(std::size_t{1} << 20);
  std::uint64_t bytes = 0;
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    if (got == 0) break;
    session.feed(buffer.data(), got);
    bytes += got;
  }
  if (file != stdin) std::fclose(file);
  const nlohmann::json report = session.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << report.dump(compact ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  if (timing) {
    long peak_kb = 0;
#if defined(__linux__)
    struct rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0) peak_kb = usage.ru_maxrss;
#endif
    std::fprintf(stderr, "%.3f s %llu bytes %.1f MB/s peak_rss_kb %ld\n", seconds, static_cast<unsigned long long>(bytes),
                 seconds > 0 ? static_cast<double>(bytes) / seconds / 1e6 : 0.0, peak_kb);
  }
  return report.value("ok", false) ? 0 : 1;
}
