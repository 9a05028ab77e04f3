#include "core/time/business_hours.hpp"

#include <algorithm>
#include <array>

namespace skpi::time {
namespace {

constexpr std::int64_t changes_begin = 0;         // 1970-01-01
constexpr std::int64_t changes_end = 4102444800;  // 2100-01-01
constexpr int change_bucket_bits = 25;
constexpr std::int64_t max_holiday_weeks = 200 * 53;

constexpr const char* weekday_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

bool interval_is_valid(const WeeklyInterval& interval) noexcept {
  return interval.weekday >= 0 && interval.weekday <= 6 && interval.start_minute >= 0 && interval.end_minute <= 1440 &&
         interval.start_minute < interval.end_minute;
}

std::string clock_text(int minute) {
  std::string text = std::to_string(minute / 60);
  if (text.size() < 2) text.insert(text.begin(), '0');
  text += ':';
  text += static_cast<char>('0' + minute % 60 / 10);
  text += static_cast<char>('0' + minute % 10);
  return text;
}

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

std::optional<BusinessHoursError> validate_business_hours(const BusinessHours& hours) {
  if (hours.intervals.empty()) {
    return BusinessHoursError{"options.business_hours.empty", "options.business_hours.intervals",
                              "business hours need at least one open interval"};
  }
  for (std::size_t i = 0; i < hours.intervals.size(); ++i) {
    const WeeklyInterval& interval = hours.intervals[i];
    const std::string field = "options.business_hours.intervals[" + std::to_string(i) + "]";
    std::string problem;
    if (interval.weekday < 0 || interval.weekday > 6) {
      problem = "weekday must be 0 (Monday) to 6 (Sunday), got " + std::to_string(interval.weekday);
    } else if (interval.start_minute < 0 || interval.start_minute >= 1440) {
      problem = "start must be between 00:00 and 23:59, got minute " + std::to_string(interval.start_minute);
    } else if (interval.end_minute <= 0 || interval.end_minute > 1440) {
      problem = "end must be between 00:01 and 24:00, got minute " + std::to_string(interval.end_minute);
    } else if (interval.start_minute >= interval.end_minute) {
      problem = "start " + clock_text(interval.start_minute) + " is not before end " + clock_text(interval.end_minute) +
                "; split an overnight shift at midnight";
    }
    if (!problem.empty()) {
      return BusinessHoursError{"options.business_hours.invalid_interval", field,
                                "business hours interval " + std::to_string(i) + ": " + problem};
    }
  }
  for (std::size_t i = 0; i < hours.intervals.size(); ++i) {
    for (std::size_t j = i + 1; j < hours.intervals.size(); ++j) {
      const WeeklyInterval& a = hours.intervals[i];
      const WeeklyInterval& b = hours.intervals[j];
      if (a.weekday == b.weekday && a.start_minute < b.end_minute && b.start_minute < a.end_minute) {
        return BusinessHoursError{"options.business_hours.overlapping_intervals",
                                  "options.business_hours.intervals[" + std::to_string(j) + "]",
                                  std::string("business hours intervals ") + std::to_string(i) + " and " +
                                      std::to_string(j) + " overlap on " + weekday_names[a.weekday] + " (" +
                                      clock_text(a.start_minute) + "-" + clock_text(a.end_minute) + " and " +
                                      clock_text(b.start_minute) + "-" + clock_text(b.end_minute) + ")"};
      }
    }
  }
  for (std::size_t i = 0; i < hours.holidays.size(); ++i) {
    const CivilDate& date = hours.holidays[i];
    if (!is_valid_date(date.year, date.month, date.day)) {
      return BusinessHoursError{
          "options.business_hours.invalid_holiday", "options.business_hours.holidays[" + std::to_string(i) + "]",
          "holiday " + std::to_string(i) + " is not a calendar date (" + std::to_string(date.year) + "-" +
              std::to_string(date.month) + "-" + std::to_string(date.day) + ")"};
    }
  }
  return std::nullopt;
}

std::optional<int> parse_clock_minutes(std::string_view text) noexcept {
  std::size_t i = 0;
  int hours = 0;
  int hour_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && hour_digits < 2) {
    hours = hours * 10 + (text[i] - '0');
    ++hour_digits;
    ++i;
  }
  if (hour_digits == 0 || i + 3 != text.size() || text[i] != ':') return std::nullopt;
  const char tens = text[i + 1];
  const char ones = text[i + 2];
  if (tens < '0' || tens > '5' || ones < '0' || ones > '9') return std::nullopt;
  const int minutes = hours * 60 + (tens - '0') * 10 + (ones - '0');
  if (minutes > 1440) return std::nullopt;
  return minutes;
}

std::optional<int> parse_weekday(std::string_view text) noexcept {
  if (text.size() < 2) return std::nullopt;
  for (int day = 0; day < 7; ++day) {
    const std::string_view name = weekday_names[day];
    if (text.size() > name.size()) continue;
    bool matches = true;
    for (std::size_t i = 0; i < text.size(); ++i) matches &= lower(text[i]) == lower(name[i]);
    // Two letters are unique except "Tu"/"Th" and "Sa"/"Su", which differ in the second letter.
    if (matches) return day;
  }
  return std::nullopt;
}

BusinessCalendar::BusinessCalendar(const BusinessHours& hours) : zone_(hours.zone ? hours.zone : &utc_zone()) {
  fixed_offset_ = is_fixed_offset(*zone_);
  offset_ = fixed_offset_ ? utc_offset_seconds(0, *zone_) : 0;
  if (!fixed_offset_) {
    offset_before_changes_ = utc_offset_seconds(changes_begin - 1, *zone_);
    std::int32_t current = offset_before_changes_;
    for (OffsetSpan span = utc_offset_span(changes_begin, *zone_); span.begin < changes_end;
         span = utc_offset_span(span.end, *zone_)) {
      const std::int64_t begin = std::max(span.begin, changes_begin);
      if (span.offset != current) {
        change_times_.push_back(begin);
        change_offsets_.push_back(span.offset);
        current = span.offset;
      }
    }
    std::uint32_t index = 0;
    for (std::int64_t bucket = 0; bucket <= (changes_end >> change_bucket_bits); ++bucket) {
      while (index < change_times_.size() && change_times_[index] < (bucket << change_bucket_bits)) ++index;
      change_bucket_first_.push_back(index);
    }
  }

  std::array<std::vector<std::pair<std::int32_t, std::int32_t>>, 7> by_day;
  for (const WeeklyInterval& interval : hours.intervals) {
    if (!interval_is_valid(interval)) continue;
    by_day[static_cast<std::size_t>(interval.weekday)].emplace_back(interval.start_minute * 60,
                                                                    interval.end_minute * 60);
  }
  for (int day = 0; day < 7; ++day) {
    auto& list = by_day[static_cast<std::size_t>(day)];
    std::sort(list.begin(), list.end());
    day_first_interval_[day] = static_cast<std::int32_t>(interval_starts_.size());
    open_before_weekday_[day] = week_open_;
    for (const auto& [start, end] : list) {
      if (!interval_ends_.empty() && static_cast<std::int32_t>(interval_starts_.size()) > day_first_interval_[day] &&
          start <= interval_ends_.back()) {
        week_open_ += std::max(0, end - interval_ends_.back());
        interval_ends_.back() = std::max(interval_ends_.back(), end);
        continue;
      }
      interval_starts_.push_back(start);
      interval_ends_.push_back(end);
      week_open_ += end - start;
    }
  }
  day_first_interval_[7] = static_cast<std::int32_t>(interval_starts_.size());
  open_before_weekday_[7] = week_open_;

  for (const CivilDate& date : hours.holidays) {
    if (is_valid_date(date.year, date.month, date.day)) holiday_days_.push_back(days_from_civil(date));
  }
  std::sort(holiday_days_.begin(), holiday_days_.end());
  holiday_days_.erase(std::unique(holiday_days_.begin(), holiday_days_.end()), holiday_days_.end());
  holiday_loss_before_.reserve(holiday_days_.size() + 1);
  holiday_loss_before_.push_back(0);
  for (const std::int64_t day : holiday_days_) {
    const int weekday = weekday_from_days(day);
    holiday_loss_before_.push_back(holiday_loss_before_.back() + open_before_weekday_[weekday + 1] -
                                   open_before_weekday_[weekday]);
  }
  if (!holiday_days_.empty()) {
    holiday_week_base_ = floor_div(holiday_days_.front() + 3, 7);
    const std::int64_t weeks = floor_div(holiday_days_.back() + 3, 7) - holiday_week_base_ + 1;
    if (weeks <= max_holiday_weeks) {
      std::uint32_t index = 0;
      for (std::int64_t week = 0; week < weeks; ++week) {
        const std::int64_t monday = (holiday_week_base_ + week) * 7 - 3;
        while (index < holiday_days_.size() && holiday_days_[index] < monday) ++index;
        holiday_week_first_.push_back(index);
      }
    }
  }
}

std::int64_t BusinessCalendar::open_in_day_before(int weekday, std::int64_t second_of_day) const noexcept {
  std::int64_t open = 0;
  for (std::int32_t i = day_first_interval_[weekday]; i < day_first_interval_[weekday + 1]; ++i) {
    const std::int64_t start = interval_starts_[static_cast<std::size_t>(i)];
    if (second_of_day <= start) break;
    const std::int64_t end = interval_ends_[static_cast<std::size_t>(i)];
    open += (second_of_day < end ? second_of_day : end) - start;
  }
  return open;
}

std::int64_t BusinessCalendar::open_before(std::int64_t local_seconds) const noexcept {
  constexpr std::int64_t seconds_per_week = 7 * seconds_per_day;
  const std::int64_t since_monday = local_seconds + 3 * seconds_per_day;  // day -3 (1969-12-29) was a Monday
  const std::int64_t week = floor_div(since_monday, seconds_per_week);
  const std::int64_t second_of_week = since_monday - week * seconds_per_week;
  const int weekday = static_cast<int>(second_of_week / seconds_per_day);
  const std::int64_t second_of_day = second_of_week - weekday * seconds_per_day;
  const std::int64_t day = week * 7 + weekday - 3;
  const std::int64_t in_day = open_in_day_before(weekday, second_of_day);
  std::int64_t open = week * week_open_ + open_before_weekday_[weekday] + in_day;
  if (!holiday_days_.empty()) {
    // index = number of holidays before `day`
    std::size_t index = 0;
    if (holiday_week_first_.empty()) {
      index = static_cast<std::size_t>(std::lower_bound(holiday_days_.begin(), holiday_days_.end(), day) -
                                       holiday_days_.begin());
    } else if (week >= holiday_week_base_) {
      const auto slot = static_cast<std::uint64_t>(week - holiday_week_base_);
      if (slot >= holiday_week_first_.size()) {
        index = holiday_days_.size();
      } else {
        index = holiday_week_first_[slot];
        while (index < holiday_days_.size() && holiday_days_[index] < day) ++index;
      }
    }
    open -= holiday_loss_before_[index];
    if (index < holiday_days_.size() && holiday_days_[index] == day) open -= in_day;
  }
  return open;
}

double BusinessCalendar::business_seconds_between(std::int64_t utc_start, std::int64_t utc_end) const noexcept {
  if (utc_end < utc_start) return -business_seconds_between(utc_end, utc_start);
  if (fixed_offset_) {
    return static_cast<double>(open_before(utc_end + offset_) - open_before(utc_start + offset_));
  }
  // Open time = local open time between the two wall-clock readings, corrected at each offset
  // change T inside (start, end]: the wall clock skips (spring) or repeats (autumn) the local
  // stretch between T + old offset and T + new offset, and only real elapsed time counts.
  if (utc_start >= changes_begin && utc_end < changes_end) {
    const std::size_t count = change_times_.size();
    std::size_t index = change_bucket_first_[static_cast<std::size_t>(utc_start >> change_bucket_bits)];
    while (index < count && change_times_[index] <= utc_start) ++index;
    std::int64_t offset = index == 0 ? offset_before_changes_ : change_offsets_[index - 1];
    std::int64_t total = -open_before(utc_start + offset);
    for (; index < count && change_times_[index] <= utc_end; ++index) {
      const std::int64_t change = change_times_[index];
      const std::int64_t next_offset = change_offsets_[index];
      total += open_before(change + offset) - open_before(change + next_offset);
      offset = next_offset;
    }
    total += open_before(utc_end + offset);
    return static_cast<double>(total);
  }
  OffsetSpan span = utc_offset_span(utc_start, *zone_);
  std::int64_t total = -open_before(utc_start + span.offset);
  while (span.end <= utc_end) {
    const std::int64_t change = span.end;
    const OffsetSpan next = utc_offset_span(change, *zone_);
    if (next.offset != span.offset) {
      total += open_before(change + span.offset) - open_before(change + next.offset);
    }
    span = next;
  }
  total += open_before(utc_end + span.offset);
  return static_cast<double>(total);
}

}  // namespace skpi::time
