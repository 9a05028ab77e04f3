// Native micro-benchmark of core/time: ns per timestamp for the general parser and the
// fixed-layout path, ns per zone conversion and per business-hours duration.
// Usage: time_bench [count]   (default 1000000 values per case)
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/business_hours.hpp"
#include "core/time/civil.hpp"
#include "core/time/parse.hpp"
#include "core/time/zone.hpp"

namespace {

using namespace skpi::time;
using Clock = std::chrono::steady_clock;

// Deterministic values spread over 2016-2024 so the zone and holiday searches do real work.
std::vector<std::int64_t> instants(std::size_t count) {
  std::vector<std::int64_t> out(count);
  std::uint64_t state = 88172645463325252ULL;
  std::int64_t t = 1451606400;  // 2016-01-01
  for (std::size_t i = 0; i < count; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    t += static_cast<std::int64_t>(state % 600);  // rows roughly in time order, as in exports
    out[i] = t;
  }
  return out;
}

struct Column {
  std::string bytes;
  std::vector<std::string_view> values;
};

Column render(const std::vector<std::int64_t>& times, const char* style) {
  Column column;
  std::vector<std::size_t> ends;
  char buffer[64];
  for (const std::int64_t t : times) {
    const std::int64_t days = day_number(t);
    const CivilDate d = civil_from_days(days);
    const int sod = static_cast<int>(t - days * seconds_per_day);
    int n = 0;
    const std::string_view s = style;
    if (s == "iso_z") {
      n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, sod / 3600,
                        sod / 60 % 60, sod % 60);
    } else if (s == "iso_ms_offset") {
      n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+02:00", d.year, d.month, d.day,
                        sod / 3600, sod / 60 % 60, sod % 60, static_cast<int>(t % 1000));
    } else if (s == "naive") {
      n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day, sod / 3600,
                        sod / 60 % 60, sod % 60);
    } else if (s == "servicenow") {
      n = std::snprintf(buffer, sizeof buffer, "%02d-%02d-%04d %02d:%02d", d.day, d.month, d.year, sod / 3600,
                        sod / 60 % 60);
    } else if (s == "us_ampm") {
      const int hour = sod / 3600;
      n = std::snprintf(buffer, sizeof buffer, "%d/%d/%04d %d:%02d %s", d.month, d.day, d.year,
                        hour % 12 == 0 ? 12 : hour % 12, sod / 60 % 60, hour < 12 ? "AM" : "PM");
    } else if (s == "unix") {
      n = std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(t));
    } else if (s == "excel") {
      n = std::snprintf(buffer, sizeof buffer, "%.10f", static_cast<double>(t) / 86400.0 + 25569.0);
    }
    column.bytes.append(buffer, static_cast<std::size_t>(n));
    ends.push_back(column.bytes.size());
  }
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    column.values.emplace_back(column.bytes.data() + begin, end - begin);
    begin = end;
  }
  return column;
}

template <typename F>
double ns_per(std::size_t count, F&& body) {
  double best = 1e300;
  for (int round = 0; round < 5; ++round) {
    const auto start = Clock::now();
    body();
    const double ns =
        std::chrono::duration<double, std::nano>(Clock::now() - start).count() / static_cast<double>(count);
    if (ns < best) best = ns;
  }
  return best;
}

volatile std::int64_t sink;

}  // namespace

int main(int argc, char** argv) {
  const std::size_t count = argc > 1 ? static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10)) : 1000000;
  const std::vector<std::int64_t> times = instants(count);

  std::printf("%-34s %10s %10s %8s\n", "case", "general", "parse_with", "MB/s*");
  for (const char* style : {"iso_z", "iso_ms_offset", "naive", "servicenow", "us_ampm", "unix", "excel"}) {
    const Column column = render(times, style);
    const DateOrder order = std::string_view(style) == "us_ampm" ? DateOrder::month_first : DateOrder::day_first;
    TimestampFormat format = detect_format(column.values.front(), order);
    if (std::string_view(style) == "unix") format = format_of_kind(TimestampKind::unix_seconds);
    if (std::string_view(style) == "excel") format = format_of_kind(TimestampKind::excel_serial);
    std::size_t failures = 0;
    const double general = ns_per(count, [&] {
      std::int64_t sum = 0;
      for (const std::string_view v : column.values) {
        const Timestamp t = parse_timestamp(v, order);
        sum += t.seconds;
        failures += t.ok ? 0 : 1;
      }
      sink = sum;
    });
    const double fixed = ns_per(count, [&] {
      std::int64_t sum = 0;
      for (const std::string_view v : column.values) {
        const Timestamp t = parse_with(format, v);
        sum += t.seconds;
        failures += t.ok ? 0 : 1;
      }
      sink = sum;
    });
    const double bytes_per_value = static_cast<double>(column.bytes.size()) / static_cast<double>(count);
    std::printf("%-34s %8.1fns %8.1fns %8.0f%s\n", style, general, fixed, bytes_per_value / fixed * 1000.0,
                failures ? "  (FAILURES)" : "");
  }
  std::printf("* MB/s of timestamp text through parse_with alone\n\n");

  const Zone& new_york = *find_zone("America/New_York");
  const Zone& tallinn = *find_zone("Europe/Tallinn");
  std::printf("%-34s %8.1fns\n", "local_to_utc New_York (stateless)", ns_per(count, [&] {
                std::int64_t sum = 0;
                for (const std::int64_t t : times) sum += local_to_utc(t, new_york);
                sink = sum;
              }));
  std::printf("%-34s %8.1fns\n", "local_to_utc New_York (converter)", ns_per(count, [&] {
                ZoneConverter converter(new_york);
                std::int64_t sum = 0;
                for (const std::int64_t t : times) sum += converter.local_to_utc(t);
                sink = sum;
              }));
  std::printf("%-34s %8.1fns\n", "utc_offset New_York 2040+ (rule)", ns_per(count, [&] {
                std::int64_t sum = 0;
                for (const std::int64_t t : times) sum += utc_offset_seconds(t + 800000000, new_york);
                sink = sum;
              }));

  BusinessHours office;
  for (int day = 0; day < 5; ++day) {
    office.intervals.push_back({day, 9 * 60, 12 * 60});
    office.intervals.push_back({day, 13 * 60, 17 * 60});
  }
  for (int year = 2016; year <= 2024; ++year) {
    for (const CivilDate h : {CivilDate{year, 1, 1}, CivilDate{year, 5, 1}, CivilDate{year, 12, 24},
                              CivilDate{year, 12, 25}, CivilDate{year, 12, 26}}) {
      office.holidays.push_back(h);
    }
  }
  for (const Zone* zone : {&utc_zone(), &tallinn}) {
    office.zone = zone;
    const BusinessCalendar calendar(office);
    const std::string label = "business_seconds " + std::string(zone->name);
    std::printf("%-34s %8.1fns\n", label.c_str(), ns_per(count, [&] {
                  double sum = 0;
                  for (std::size_t i = 0; i < times.size(); ++i) {
                    // durations from minutes to ~3 weeks
                    const std::int64_t duration = (times[i] * 7919) % (21 * 86400);
                    sum += calendar.business_seconds_between(times[i], times[i] + duration);
                  }
                  sink = static_cast<std::int64_t>(sum);
                }));
  }
  return 0;
}
