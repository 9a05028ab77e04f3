// IANA time zones from the embedded table (scripts/gen_tz.py -> core/time/tz_data.cpp): name lookup,
// UTC offset at an instant, and local civil time -> UTC instant; no OS time-zone database needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace skpi::time {

// One end of a POSIX TZ daylight-saving rule (the footer of a TZif file).
enum class RuleDateKind : std::uint8_t {
  month_week_day,  // Mm.w.d: weekday d (0 = Sunday) of week w (5 = last) of month m
  julian_no_leap,  // Jn: day n in 1..365, February 29 never counted
  day_of_year,     // n: zero-based day of year, February 29 counted
};

struct RuleDate {
  RuleDateKind kind = RuleDateKind::month_week_day;
  std::uint8_t month = 1;
  std::uint8_t week = 1;
  std::uint8_t weekday = 0;
  std::int16_t day = 0;
  std::int32_t time_seconds = 7200;  // local time of day; may be negative or beyond 24h
};

// Offsets are seconds east of UTC. Without DST, std_offset holds for the whole rule period.
struct ZoneRule {
  std::int32_t std_offset = 0;
  std::int32_t dst_offset = 0;
  bool has_dst = false;
  RuleDate dst_start;  // in local standard time
  RuleDate dst_end;    // in local daylight time
};

// Offset changes from 1970 on, until the rule reproduces them; instants before the first change
// use initial_offset (the offset at 1970-01-01T00:00Z), instants from the last change on use rule.
struct ZoneData {
  const std::int32_t* transition_times;  // UTC seconds, increasing
  const std::uint8_t* transition_types;  // index into type_offsets, offset from that change on
  const std::int32_t* type_offsets;
  std::int32_t transition_count;
  std::int32_t initial_offset;
  ZoneRule rule;
};

struct Zone {
  std::string_view name;  // the IANA name it was found under (links keep their own name)
  const ZoneData* data;   // shared by names whose offsets agree from 1970 on
};

// Case-sensitive IANA names as in /usr/share/zoneinfo ("Europe/Tallinn", "US/Eastern", "Etc/GMT-2"),
// plus "Z" for UTC. nullptr when unknown.
const Zone* find_zone(std::string_view iana_name) noexcept;
const Zone& utc_zone() noexcept;

// All names, sorted, for option lists and validation messages.
std::size_t zone_count() noexcept;
const Zone& zone_at(std::size_t index) noexcept;
std::string_view tzdata_version() noexcept;

bool is_fixed_offset(const Zone& zone) noexcept;

int utc_offset_seconds(std::int64_t utc_seconds, const Zone& zone) noexcept;

inline std::int64_t utc_to_local(std::int64_t utc_seconds, const Zone& zone) noexcept {
  return utc_seconds + utc_offset_seconds(utc_seconds, zone);
}

// Local civil seconds (as if the wall clock were UTC) -> UTC seconds.
// A local time that does not exist (spring-forward gap) is read with the offset in force before
// the change, which moves it forward by the gap (02:30 -> 03:30 in New York); a local time that
// occurs twice (fall-back overlap) takes the first occurrence, i.e. the earlier, pre-change offset.
// This is the same answer as Python's zoneinfo with fold=0 and JavaScript's Temporal "compatible".
std::int64_t local_to_utc(std::int64_t local_seconds, const Zone& zone) noexcept;

// A stretch of time over which the offset is constant: [begin, end) in UTC seconds for
// utc_offset_span, in local seconds for local_offset_span (there, utc = local - offset).
// Spans may end at a year boundary without an offset change.
struct OffsetSpan {
  std::int64_t begin = 0;
  std::int64_t end = 0;
  std::int32_t offset = 0;
};

OffsetSpan utc_offset_span(std::int64_t utc_seconds, const Zone& zone) noexcept;
OffsetSpan local_offset_span(std::int64_t local_seconds, const Zone& zone) noexcept;

// Remembers the last span, so converting a column of nearby timestamps costs a compare, not a search.
class ZoneConverter {
 public:
  explicit ZoneConverter(const Zone& zone) noexcept : zone_(&zone) {}

  const Zone& zone() const noexcept { return *zone_; }

  std::int64_t local_to_utc(std::int64_t local_seconds) noexcept {
    if (local_seconds < local_span_.begin || local_seconds >= local_span_.end) {
      local_span_ = local_offset_span(local_seconds, *zone_);
    }
    return local_seconds - local_span_.offset;
  }

  int utc_offset_seconds(std::int64_t utc_seconds) noexcept {
    if (utc_seconds < utc_span_.begin || utc_seconds >= utc_span_.end) {
      utc_span_ = utc_offset_span(utc_seconds, *zone_);
    }
    return utc_span_.offset;
  }

  std::int64_t utc_to_local(std::int64_t utc_seconds) noexcept { return utc_seconds + utc_offset_seconds(utc_seconds); }

 private:
  const Zone* zone_;
  OffsetSpan local_span_;
  OffsetSpan utc_span_;
};

}  // namespace skpi::time
