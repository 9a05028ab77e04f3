#include "core/time/zone.hpp"

#include <algorithm>
#include <limits>

#include "core/time/civil.hpp"
#include "core/time/tz_data.hpp"

namespace skpi::time {
namespace {

// Far enough from the int64 limits that adding an offset or a day never overflows.
constexpr std::int64_t time_min = std::numeric_limits<std::int64_t>::min() / 4;
constexpr std::int64_t time_max = std::numeric_limits<std::int64_t>::max() / 4;

constexpr std::int16_t days_before_month[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

// The year's first day is passed in because every caller needs it anyway.
std::int64_t rule_local_seconds(const RuleDate& rule, std::int64_t january_first, bool leap) noexcept {
  std::int64_t days = 0;
  switch (rule.kind) {
    case RuleDateKind::month_week_day: {
      const std::int64_t first = january_first + days_before_month[rule.month - 1] + (leap && rule.month > 2 ? 1 : 0);
      const int first_weekday = static_cast<int>(first + 4 - 7 * floor_div(first + 4, 7));  // 0 = Sunday
      int day = 1 + (rule.weekday - first_weekday + 7) % 7 + (rule.week - 1) * 7;
      const int month_length = rule.month == 2 ? (leap ? 29 : 28) : days_in_month(2001, rule.month);
      while (day > month_length) day -= 7;
      days = first + day - 1;
      break;
    }
    case RuleDateKind::julian_no_leap:
      days = january_first + rule.day - 1 + (leap && rule.day >= 60 ? 1 : 0);
      break;
    case RuleDateKind::day_of_year:
      days = january_first + rule.day;
      break;
  }
  return days * seconds_per_day + rule.time_seconds;
}

struct DstWindow {
  std::int64_t begin;  // UTC instant daylight time starts in that year
  std::int64_t end;    // UTC instant it ends
};

DstWindow dst_window(const ZoneRule& rule, std::int64_t january_first, bool leap) noexcept {
  return DstWindow{rule_local_seconds(rule.dst_start, january_first, leap) - rule.std_offset,
                   rule_local_seconds(rule.dst_end, january_first, leap) - rule.dst_offset};
}

// Southern-hemisphere rules have begin > end within a year: daylight time wraps the New Year.
bool in_window(std::int64_t t, std::int64_t begin, std::int64_t end) noexcept {
  return begin < end ? (begin <= t && t < end) : !(end <= t && t < begin);
}

// Narrows [lo, hi) to the piece between the window's edges that holds t.
void clip_to_edges(std::int64_t t, std::int64_t begin, std::int64_t end, std::int64_t& lo, std::int64_t& hi) noexcept {
  for (const std::int64_t edge : {begin, end}) {
    if (edge <= t) {
      lo = std::max(lo, edge);
    } else {
      hi = std::min(hi, edge);
    }
  }
}

// The year is the one of local standard time; every rule in tzdata keeps its changes well
// inside the year, which gen_tz.py checks against zoneinfo up to 2100.
OffsetSpan rule_span_utc(const ZoneRule& rule, std::int64_t utc, std::int64_t region_begin) noexcept {
  if (!rule.has_dst) return OffsetSpan{region_begin, time_max, rule.std_offset};
  const int year = civil_from_days(day_number(utc + rule.std_offset)).year;
  const bool leap = is_leap_year(year);
  const std::int64_t january_first = days_from_civil(year, 1, 1);
  std::int64_t lo = january_first * seconds_per_day - rule.std_offset;
  std::int64_t hi = (january_first + (leap ? 366 : 365)) * seconds_per_day - rule.std_offset;
  const DstWindow window = dst_window(rule, january_first, leap);
  clip_to_edges(utc, window.begin, window.end, lo, hi);
  const bool dst = in_window(utc, window.begin, window.end);
  return OffsetSpan{std::max(lo, region_begin), hi, dst ? rule.dst_offset : rule.std_offset};
}

// A local time at or past a change's key maps with the new offset. The key is the change instant
// plus the larger of the two offsets, which puts a gap's local times and an overlap's local times
// before the key: both are read with the old offset (gap: shifted forward; overlap: first one).
OffsetSpan rule_span_local(const ZoneRule& rule, std::int64_t local, std::int64_t region_begin) noexcept {
  if (!rule.has_dst) return OffsetSpan{region_begin, time_max, rule.std_offset};
  const int year = civil_from_days(day_number(local)).year;
  const bool leap = is_leap_year(year);
  const std::int64_t january_first = days_from_civil(year, 1, 1);
  std::int64_t lo = january_first * seconds_per_day;
  std::int64_t hi = (january_first + (leap ? 366 : 365)) * seconds_per_day;
  const DstWindow window = dst_window(rule, january_first, leap);
  const std::int64_t higher = std::max(rule.std_offset, rule.dst_offset);
  const std::int64_t begin_key = window.begin + higher;
  const std::int64_t end_key = window.end + higher;
  clip_to_edges(local, begin_key, end_key, lo, hi);
  const bool dst = in_window(local, begin_key, end_key);
  return OffsetSpan{std::max(lo, region_begin), hi, dst ? rule.dst_offset : rule.std_offset};
}

struct Table {
  const ZoneData& data;

  std::int64_t time(std::int32_t i) const noexcept { return data.transition_times[i]; }
  std::int32_t offset(std::int32_t i) const noexcept {
    return i < 0 ? data.initial_offset : data.type_offsets[data.transition_types[i]];
  }
  std::int64_t local_key(std::int32_t i) const noexcept { return time(i) + std::max(offset(i - 1), offset(i)); }
};

}  // namespace

OffsetSpan utc_offset_span(std::int64_t utc_seconds, const Zone& zone) noexcept {
  const ZoneData& data = *zone.data;
  const std::int32_t count = data.transition_count;
  if (count == 0) {
    if (!data.rule.has_dst) return OffsetSpan{time_min, time_max, data.initial_offset};
    return rule_span_utc(data.rule, utc_seconds, time_min);
  }
  const Table table{data};
  if (utc_seconds < table.time(0)) return OffsetSpan{time_min, table.time(0), data.initial_offset};
  if (utc_seconds >= table.time(count - 1)) return rule_span_utc(data.rule, utc_seconds, table.time(count - 1));
  // Invariant: time(lo) <= utc < time(hi).
  std::int32_t lo = 0;
  std::int32_t hi = count - 1;
  while (hi - lo > 1) {
    const std::int32_t mid = lo + (hi - lo) / 2;
    if (table.time(mid) <= utc_seconds) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return OffsetSpan{table.time(lo), table.time(hi), table.offset(lo)};
}

OffsetSpan local_offset_span(std::int64_t local_seconds, const Zone& zone) noexcept {
  const ZoneData& data = *zone.data;
  const std::int32_t count = data.transition_count;
  if (count == 0) {
    if (!data.rule.has_dst) return OffsetSpan{time_min, time_max, data.initial_offset};
    return rule_span_local(data.rule, local_seconds, time_min);
  }
  const Table table{data};
  const std::int64_t first_key = table.local_key(0);
  if (local_seconds < first_key) return OffsetSpan{time_min, first_key, data.initial_offset};
  const std::int64_t last_key = table.local_key(count - 1);
  if (local_seconds >= last_key) return rule_span_local(data.rule, local_seconds, last_key);
  std::int32_t lo = 0;
  std::int32_t hi = count - 1;
  std::int64_t hi_key = last_key;
  while (hi - lo > 1) {
    const std::int32_t mid = lo + (hi - lo) / 2;
    const std::int64_t mid_key = table.local_key(mid);
    if (mid_key <= local_seconds) {
      lo = mid;
    } else {
      hi = mid;
      hi_key = mid_key;
    }
  }
  return OffsetSpan{table.local_key(lo), hi_key, table.offset(lo)};
}

int utc_offset_seconds(std::int64_t utc_seconds, const Zone& zone) noexcept {
  return utc_offset_span(utc_seconds, zone).offset;
}

std::int64_t local_to_utc(std::int64_t local_seconds, const Zone& zone) noexcept {
  return local_seconds - local_offset_span(local_seconds, zone).offset;
}

bool is_fixed_offset(const Zone& zone) noexcept { return zone.data->transition_count == 0 && !zone.data->rule.has_dst; }

const Zone* find_zone(std::string_view iana_name) noexcept {
  if (iana_name == "Z") iana_name = "UTC";
  const Zone* first = detail::k_zones;
  const Zone* last = detail::k_zones + detail::k_zone_count;
  const Zone* found = std::lower_bound(first, last, iana_name,
                                       [](const Zone& zone, std::string_view name) { return zone.name < name; });
  if (found == last || found->name != iana_name) return nullptr;
  return found;
}

const Zone& utc_zone() noexcept {
  // The table always holds "UTC"; gen_tz.py reads it from tzdata like every other name.
  return *find_zone("UTC");
}

std::size_t zone_count() noexcept { return detail::k_zone_count; }

const Zone& zone_at(std::size_t index) noexcept { return detail::k_zones[index]; }

std::string_view tzdata_version() noexcept { return detail::k_tzdata_version; }

}  // namespace skpi::time
