// The embedded tz table: name lookup, UTC offsets and local->UTC conversion including DST gaps
// and overlaps. Every expected value below was computed independently with Python 3.11's
// zoneinfo (tzdata 2025b) and hard-coded; local->UTC uses fold=0, the core's documented choice.
// (scripts/gen_tz.py also checks the whole table against zoneinfo, 1970-2100, when generating.)
#include <gtest/gtest.h>

#include <string>

#include "core/time/civil.hpp"
#include "core/time/zone.hpp"

namespace skpi::time {
namespace {

struct LocalCase {
  const char* zone;
  int year, month, day, hour, minute, second;
  std::int64_t utc;   // zoneinfo: datetime(..., tzinfo=ZoneInfo(zone), fold=0).timestamp()
  int offset_at_utc;  // zoneinfo: utcoffset() at that instant
};

const LocalCase local_cases[] = {
    // Europe/Tallinn, 2024-03-31: 03:00 EET -> 04:00 EEST; the gap 03:00..03:59 shifts forward
    {"Europe/Tallinn", 2024, 3, 31, 2, 59, 59, 1711846799, 7200},
    {"Europe/Tallinn", 2024, 3, 31, 3, 0, 0, 1711846800, 10800},
    {"Europe/Tallinn", 2024, 3, 31, 3, 30, 0, 1711848600, 10800},
    {"Europe/Tallinn", 2024, 3, 31, 4, 0, 0, 1711846800, 10800},
    // 2024-10-27: 04:00 EEST -> 03:00 EET; the overlap 03:00..03:59 takes the first (EEST)
    {"Europe/Tallinn", 2024, 10, 27, 2, 59, 59, 1729987199, 10800},
    {"Europe/Tallinn", 2024, 10, 27, 3, 0, 0, 1729987200, 10800},
    {"Europe/Tallinn", 2024, 10, 27, 3, 30, 0, 1729989000, 10800},
    {"Europe/Tallinn", 2024, 10, 27, 3, 59, 59, 1729990799, 10800},
    {"Europe/Tallinn", 2024, 10, 27, 4, 0, 0, 1729994400, 7200},
    // history from the table: no DST in Estonia in 2000, Moscow summer time in 1985
    {"Europe/Tallinn", 2000, 7, 1, 12, 0, 0, 962445600, 7200},
    {"Europe/Tallinn", 1985, 7, 1, 12, 0, 0, 489052800, 14400},
    {"Europe/Tallinn", 2016, 2, 29, 1, 16, 0, 1456701360, 7200},
    // America/New_York, 2024-03-10 02:00 EST -> 03:00 EDT and 2024-11-03 02:00 EDT -> 01:00 EST
    {"America/New_York", 2024, 3, 10, 1, 59, 59, 1710053999, -18000},
    {"America/New_York", 2024, 3, 10, 2, 0, 0, 1710054000, -14400},
    {"America/New_York", 2024, 3, 10, 2, 30, 0, 1710055800, -14400},
    {"America/New_York", 2024, 3, 10, 3, 0, 0, 1710054000, -14400},
    {"America/New_York", 2024, 11, 3, 0, 59, 59, 1730609999, -14400},
    {"America/New_York", 2024, 11, 3, 1, 0, 0, 1730610000, -14400},
    {"America/New_York", 2024, 11, 3, 1, 30, 0, 1730611800, -14400},
    {"America/New_York", 2024, 11, 3, 2, 0, 0, 1730617200, -18000},
    // pre-2007 US rules (April), and 2050 from the POSIX rule beyond the table
    {"America/New_York", 2006, 4, 2, 2, 30, 0, 1143963000, -14400},
    {"America/New_York", 2006, 3, 12, 12, 0, 0, 1142182800, -18000},
    {"America/New_York", 2050, 3, 13, 2, 30, 0, 2530769400, -14400},
    {"America/New_York", 2050, 11, 6, 1, 30, 0, 2551325400, -14400},
    {"America/New_York", 2050, 7, 1, 12, 0, 0, 2540304000, -14400},
    // southern hemisphere, half-hour DST, negative DST (Dublin), skipped day, odd offsets
    {"Australia/Sydney", 2024, 4, 7, 2, 30, 0, 1712417400, 39600},
    {"Australia/Sydney", 2024, 10, 6, 2, 30, 0, 1728145800, 39600},
    {"Australia/Sydney", 2060, 1, 15, 12, 0, 0, 2841354000, 39600},
    {"Australia/Lord_Howe", 2024, 10, 6, 2, 15, 0, 1728143100, 39600},
    {"Europe/Dublin", 2024, 1, 15, 12, 0, 0, 1705320000, 0},
    {"Europe/Dublin", 2024, 7, 15, 12, 0, 0, 1721041200, 3600},
    {"Europe/Dublin", 2045, 10, 29, 1, 30, 0, 2392849800, 3600},
    {"Pacific/Apia", 2011, 12, 30, 12, 0, 0, 1325282400, 50400},
    {"Asia/Kathmandu", 2024, 1, 1, 0, 0, 0, 1704046500, 20700},
    {"America/Sao_Paulo", 2018, 11, 4, 0, 30, 0, 1541302200, -7200},
    {"America/Sao_Paulo", 2024, 11, 4, 0, 30, 0, 1730691000, -10800},
    {"Africa/Casablanca", 2024, 3, 20, 12, 0, 0, 1710936000, 0},
    {"Africa/Casablanca", 2024, 6, 20, 12, 0, 0, 1718881200, 3600},
    {"Asia/Gaza", 2030, 6, 1, 12, 0, 0, 1906534800, 10800},
    {"America/Santiago", 2040, 1, 1, 12, 0, 0, 2209042800, -10800},
};

std::int64_t local_seconds(const LocalCase& c) {
  return days_from_civil(c.year, c.month, c.day) * seconds_per_day + c.hour * 3600 + c.minute * 60 + c.second;
}

TEST(TimeZoneConvert, LocalToUtcMatchesZoneinfo) {
  for (const LocalCase& c : local_cases) {
    SCOPED_TRACE(std::string(c.zone) + " " + std::to_string(c.year) + "-" + std::to_string(c.month) + "-" +
                 std::to_string(c.day) + " " + std::to_string(c.hour) + ":" + std::to_string(c.minute));
    const Zone* zone = find_zone(c.zone);
    ASSERT_NE(zone, nullptr);
    EXPECT_EQ(local_to_utc(local_seconds(c), *zone), c.utc);
    EXPECT_EQ(utc_offset_seconds(c.utc, *zone), c.offset_at_utc);
    ZoneConverter converter(*zone);
    EXPECT_EQ(converter.local_to_utc(local_seconds(c)), c.utc);
    EXPECT_EQ(converter.utc_offset_seconds(c.utc), c.offset_at_utc);
  }
}

TEST(TimeZoneConvert, OffsetChangesExactlyAtTheTransition) {
  const Zone& tallinn = *find_zone("Europe/Tallinn");
  EXPECT_EQ(utc_offset_seconds(1711846799, tallinn), 7200);   // 2024-03-31T00:59:59Z
  EXPECT_EQ(utc_offset_seconds(1711846800, tallinn), 10800);  // 01:00:00Z
  EXPECT_EQ(utc_offset_seconds(1729990799, tallinn), 10800);  // 2024-10-27T00:59:59Z
  EXPECT_EQ(utc_offset_seconds(1729990800, tallinn), 7200);
  const Zone& new_york = *find_zone("America/New_York");
  EXPECT_EQ(utc_to_local(1730613599, new_york), 1730613599 - 14400);  // last EDT second
  EXPECT_EQ(utc_to_local(1730613600, new_york), 1730613600 - 18000);  // 01:00 EST again
}

TEST(TimeZoneConvert, ConverterFollowsAWholeYearHourByHour) {
  // The cached converter must give what the stateless functions give, hour by hour through
  // both changes, forwards and backwards.
  for (const char* name : {"Europe/Tallinn", "America/New_York", "Australia/Sydney", "Europe/Dublin"}) {
    const Zone& zone = *find_zone(name);
    ZoneConverter converter(zone);
    const std::int64_t begin = 1704067200;  // 2024-01-01
    for (std::int64_t t = begin; t < begin + 366 * 86400; t += 1800) {
      ASSERT_EQ(converter.utc_offset_seconds(t), utc_offset_seconds(t, zone)) << name << " " << t;
      ASSERT_EQ(converter.local_to_utc(t), local_to_utc(t, zone)) << name << " " << t;
    }
    for (std::int64_t t = begin + 366 * 86400; t > begin; t -= 3599) {
      ASSERT_EQ(converter.local_to_utc(t), local_to_utc(t, zone)) << name << " " << t;
    }
  }
}

TEST(TimeZoneConvert, UtcAndFixedZones) {
  const Zone& utc = utc_zone();
  EXPECT_TRUE(is_fixed_offset(utc));
  EXPECT_EQ(local_to_utc(1709284500, utc), 1709284500);
  EXPECT_EQ(utc_offset_seconds(-5000000000LL, utc), 0);
  const Zone& plus14 = *find_zone("Etc/GMT-14");
  EXPECT_EQ(local_to_utc(1709284500, plus14), 1709284500 - 14 * 3600);
  EXPECT_FALSE(is_fixed_offset(*find_zone("Europe/Tallinn")));
}

struct NameCase {
  const char* name;
  int january_offset;  // at 2024-01-15T12:00Z
  int july_offset;     // at 2024-07-15T12:00Z
};

const NameCase name_cases[] = {
    {"Africa/Abidjan", 0, 0},
    {"Africa/Cairo", 7200, 10800},
    {"Africa/Johannesburg", 7200, 7200},
    {"Africa/Lagos", 3600, 3600},
    {"Africa/Nairobi", 10800, 10800},
    {"America/Anchorage", -32400, -28800},
    {"America/Argentina/Buenos_Aires", -10800, -10800},
    {"America/Bogota", -18000, -18000},
    {"America/Chicago", -21600, -18000},
    {"America/Denver", -25200, -21600},
    {"America/Halifax", -14400, -10800},
    {"America/Los_Angeles", -28800, -25200},
    {"America/Mexico_City", -21600, -21600},
    {"America/Phoenix", -25200, -25200},
    {"America/St_Johns", -12600, -9000},
    {"America/Toronto", -18000, -14400},
    {"Asia/Dubai", 14400, 14400},
    {"Asia/Hong_Kong", 28800, 28800},
    {"Asia/Jerusalem", 7200, 10800},
    {"Asia/Kolkata", 19800, 19800},
    {"Asia/Manila", 28800, 28800},
    {"Asia/Seoul", 32400, 32400},
    {"Asia/Shanghai", 28800, 28800},
    {"Asia/Singapore", 28800, 28800},
    {"Asia/Tehran", 12600, 12600},
    {"Asia/Tokyo", 32400, 32400},
    {"Atlantic/Reykjavik", 0, 0},
    {"Australia/Adelaide", 37800, 34200},
    {"Australia/Perth", 28800, 28800},
    {"Europe/Berlin", 3600, 7200},
    {"Europe/Helsinki", 7200, 10800},
    {"Europe/Istanbul", 10800, 10800},
    {"Europe/Kyiv", 7200, 10800},
    {"Europe/Lisbon", 0, 3600},
    {"Europe/London", 0, 3600},
    {"Europe/Moscow", 10800, 10800},
    {"Europe/Paris", 3600, 7200},
    {"Europe/Riga", 7200, 10800},
    {"Europe/Vilnius", 7200, 10800},
    {"Pacific/Auckland", 46800, 43200},
    {"Pacific/Chatham", 49500, 45900},
    {"Pacific/Honolulu", -36000, -36000},
    {"Pacific/Kiritimati", 50400, 50400},
    {"US/Eastern", -18000, -14400},
    {"US/Pacific", -28800, -25200},
    {"Etc/GMT+5", -18000, -18000},
    {"Etc/GMT-14", 50400, 50400},
    {"EST5EDT", -18000, -14400},
    {"GB", 0, 3600},
    {"Japan", 32400, 32400},
};

TEST(TimeZoneLookup, ManyNamesWithTheirOffsets) {
  for (const NameCase& c : name_cases) {
    SCOPED_TRACE(c.name);
    const Zone* zone = find_zone(c.name);
    ASSERT_NE(zone, nullptr);
    EXPECT_EQ(zone->name, c.name);  // links keep the name they were looked up by
    EXPECT_EQ(utc_offset_seconds(1705320000, *zone), c.january_offset);
    EXPECT_EQ(utc_offset_seconds(1721044800, *zone), c.july_offset);
  }
}

TEST(TimeZoneLookup, UtcAliasesUnknownNamesAndCase) {
  for (const char* name : {"UTC", "Etc/UTC", "Z", "Etc/GMT", "GMT", "Zulu"}) {
    const Zone* zone = find_zone(name);
    ASSERT_NE(zone, nullptr) << name;
    EXPECT_TRUE(is_fixed_offset(*zone)) << name;
    EXPECT_EQ(utc_offset_seconds(1709284500, *zone), 0) << name;
  }
  EXPECT_EQ(find_zone("Z")->name, "UTC");
  EXPECT_EQ(utc_zone().name, "UTC");
  for (const char* name : {"", "europe/tallinn", "Europe/Tallin", "Europe/Tallinn ", "EST5", "Mars/Olympus_Mons",
                           "localtime", "posixrules", "zone.tab", "posix/Europe/Tallinn", "right/UTC"}) {
    EXPECT_EQ(find_zone(name), nullptr) << name;
  }
}

TEST(TimeZoneLookup, TableListsEveryNameOnceAndSorted) {
  ASSERT_GT(zone_count(), 590u);
  for (std::size_t i = 0; i < zone_count(); ++i) {
    const Zone& zone = zone_at(i);
    if (i > 0) {
      ASSERT_LT(zone_at(i - 1).name, zone.name);
    }
    ASSERT_EQ(find_zone(zone.name), &zone) << zone.name;
  }
  EXPECT_FALSE(tzdata_version().empty());
}

}  // namespace
}  // namespace skpi::time
