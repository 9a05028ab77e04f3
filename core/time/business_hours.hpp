// Business-hours calendars: a weekly schedule of open intervals in a time zone minus holidays,
// its validation, and the open time between two instants ("within business hours" durations).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time/civil.hpp"
#include "core/time/zone.hpp"

namespace skpi::time {

struct WeeklyInterval {
  int weekday = 0;       // 0 = Monday .. 6 = Sunday
  int start_minute = 0;  // minutes after local midnight, [start_minute, end_minute)
  int end_minute = 0;    // up to 1440; a night shift is two intervals (22:00-24:00, 00:00-06:00 next day)
};

struct BusinessHours {
  std::vector<WeeklyInterval> intervals;
  std::vector<CivilDate> holidays;  // local dates on which nothing is open
  const Zone* zone = nullptr;       // nullptr means UTC
};

struct BusinessHoursError {
  std::string code;     // options.business_hours.empty | .invalid_interval | .overlapping_intervals | .invalid_holiday
  std::string field;    // e.g. options.business_hours.intervals[2]
  std::string message;  // English, for logs and the report; the page translates by code
};

std::optional<BusinessHoursError> validate_business_hours(const BusinessHours& hours);

// Option-text helpers for the engine's JSON conversion: "09:00" / "9:30" / "24:00" -> minutes,
// "Mon" / "monday" / "MO" -> 0..6.
std::optional<int> parse_clock_minutes(std::string_view text) noexcept;
std::optional<int> parse_weekday(std::string_view text) noexcept;

// Built once per analysis from validated hours; then each query costs a few table reads plus one
// step per offset change between the two instants (none for UTC or fixed-offset zones).
class BusinessCalendar {
 public:
  // Invalid intervals are dropped and overlapping ones merged, so an unvalidated schedule is
  // still safe to use; validate first to tell the user.
  explicit BusinessCalendar(const BusinessHours& hours);

  // Seconds of [utc_start, utc_end) that fall inside open local intervals on non-holidays.
  // Real elapsed time: an open interval holding a DST change counts an hour less (spring) or
  // more (autumn). Negative when utc_end < utc_start.
  double business_seconds_between(std::int64_t utc_start, std::int64_t utc_end) const noexcept;

  std::int64_t weekly_open_seconds() const noexcept { return week_open_; }
  const Zone& zone() const noexcept { return *zone_; }

 private:
  // Open local seconds from the Monday 1969-12-29 00:00 (local) to `local`, holidays removed;
  // differences of it measure local wall-clock open time.
  std::int64_t open_before(std::int64_t local_seconds) const noexcept;
  std::int64_t open_in_day_before(int weekday, std::int64_t second_of_day) const noexcept;

  const Zone* zone_;
  bool fixed_offset_ = true;
  std::int32_t offset_ = 0;
  std::vector<std::int32_t> interval_starts_;  // seconds of day, grouped by weekday, sorted
  std::vector<std::int32_t> interval_ends_;
  std::int32_t day_first_interval_[8] = {};   // intervals of weekday w: [day_first_interval_[w], [w + 1])
  std::int64_t open_before_weekday_[8] = {};  // open seconds in a week before weekday w
  std::int64_t week_open_ = 0;
  // The zone's offset changes from 1970 to 2100, so a query needs a binary search rather than
  // DST-rule arithmetic; instants outside fall back to the zone functions.
  std::vector<std::int64_t> change_times_;
  std::vector<std::int32_t> change_offsets_;  // offset from change_times_[i] on
  std::int32_t offset_before_changes_ = 0;
  // First change at or after the start of each 2^25-second bucket (about 388 days) from 1970:
  // finding the changes around an instant is a table read and a step or two, not a search.
  std::vector<std::uint32_t> change_bucket_first_;
  std::vector<std::int64_t> holiday_days_;         // sorted local day numbers
  std::vector<std::int64_t> holiday_loss_before_;  // open seconds lost to holidays before index i
  // First holiday on or after the Monday of each week from holiday_week_base_, for the same reason;
  // left empty (binary search instead) when the holidays span more than two centuries.
  std::int64_t holiday_week_base_ = 0;
  std::vector<std::uint32_t> holiday_week_first_;
};

}  // namespace skpi::time
